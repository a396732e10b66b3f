import IndexerModel
import IndexerQuery
import IndexerStore

/// Answers from the running watcher when there is one (its hot layer, `--sync`), else from the database.
/// Either way the answer is the same: the watcher reads the same file and returns the same fields. The
/// routing every front end that starts fresh (`indexer query`) goes through.
public struct WatcherOrDatabase {
  public let databasePath: String
  public let sync: Bool

  /// The watcher answered with an error of its own (a bad argument, a path outside the root): the
  /// user's error, said in the watcher's words.
  public struct Refusal: Error, Sendable {
    public let message: String
  }

  public init(databasePath: String, sync: Bool) {
    self.databasePath = databasePath
    self.sync = sync
  }

  public func symbols(_ query: SymbolQuery) throws -> [SymbolMatch] {
    if let client = try watcher() {
      do throws(ServiceClient.Failure) {
        return try client.symbols(query)
      } catch {
        try rethrowRemote(error)
      }
    }
    return try QueryEngine(databasePath: databasePath).symbols(query)
  }

  /// The definitions with the generation they were read at and what the watcher had pending before the read
  /// (nil without a watcher): from the watcher's hot layer when one answers, else from one database snapshot.
  public func stampedSymbols(_ query: SymbolQuery, root: String?) throws -> (matches: [SymbolMatch], generation: Int64, pending: PendingReport?) {
    if let client = try watcher() {
      do throws(ServiceClient.Failure) {
        let answer = try client.stampedSymbols(query)
        if let generation = answer.generation { return (answer.matches, generation, answer.pending) }
      } catch {
        try rethrowRemote(error)
      }
    }
    let engine = try QueryEngine(databasePath: databasePath, root: root)
    let (generation, matches) = try engine.inOneSnapshot { generation in (generation, Result { () throws(StoreError) in try engine.symbols(query) }) }
    return (try matches.get(), generation, nil)
  }

  public func outline(path: String) throws -> FileIndex? {
    if let client = try watcher() {
      do throws(ServiceClient.Failure) {
        return try client.outline(path: path)
      } catch {
        try rethrowRemote(error)
      }
    }
    return try QueryEngine(databasePath: databasePath).outline(path: path)
  }

  /// References are read from the database file: the watcher commits every batch there, so after
  /// `--sync` has waited for it the file holds the answer.
  public func references(_ filter: ReferenceFilter) throws -> [ReferenceMatch] {
    if sync { _ = try watcher() }
    return try QueryEngine(databasePath: databasePath).references(filter)
  }

  /// What the watcher serving this index has seen change but not committed; nil when no watcher answers
  /// (then nobody knows what is behind). Ask before reading the answer: what it does not list is in it.
  public func pending() -> PendingReport? {
    guard let client = try? ServiceClient(databasePath: databasePath) else { return nil }
    return try? client.pending()
  }

  /// With `--sync`, returns once the running watcher (if any) has committed every change made before.
  public func waitForWatcher() throws {
    _ = try watcher()
  }

  /// A connected (and, with `--sync`, synced) watcher, or nil when none answers.
  private func watcher() throws -> ServiceClient? {
    guard let client = try? ServiceClient(databasePath: databasePath) else { return nil }
    guard sync else { return client }
    do throws(ServiceClient.Failure) {
      try client.sync()
      return client
    } catch {
      try rethrowRemote(error)
      return nil
    }
  }

  /// A watcher that went away mid-request means "read the database"; its own error is the user's error.
  private func rethrowRemote(_ failure: ServiceClient.Failure) throws {
    if case .remote(let message) = failure { throw Refusal(message: message) }
  }
}
