import Foundation
import IndexerModel
import IndexerQuery
import IndexerStore

/// Asks a running `indexer watch` over its socket. Callers fall back to the database on `unavailable`.
public final class ServiceClient {
  public enum Failure: Error, CustomStringConvertible {
    /// No watcher listens there (no socket, or a stale one): read the database instead.
    case unavailable
    /// The watcher answered with an error: print it as our own.
    case remote(String)

    public var description: String {
      switch self {
      case .unavailable: "no watcher is running"
      case .remote(let message): message
      }
    }
  }

  private let socket: UnixSocket
  private var buffer: [UInt8] = []

  /// The socket of the watcher serving this database: `<root>/.indexer/indexer.sock`, or `<db>.sock`.
  public static func socketPath(forDatabase database: String) -> String {
    IndexLayout.path(of: .socket, forDatabase: database)
  }

  public init(databasePath: String) throws(Failure) {
    do {
      socket = try UnixSocket.connect(to: Self.socketPath(forDatabase: databasePath))
    } catch {
      throw .unavailable
    }
  }

  public func symbols(_ query: SymbolQuery) throws(Failure) -> [SymbolMatch] {
    try stampedSymbols(query).matches
  }

  /// The definitions with the generation they were read at and what the watcher had pending before (nil from
  /// a watcher that does not say).
  public func stampedSymbols(_ query: SymbolQuery) throws(Failure) -> (matches: [SymbolMatch], generation: Int64?, pending: PendingReport?) {
    let reply = try ask(.symbol(query))
    let matches = try (reply.symbols ?? []).map { record throws(Failure) in
      guard let match = record.match else { throw .remote("the watcher sent a definition this build cannot read (a newer indexer?)") }
      return match
    }
    return (matches, reply.generation, reply.pending)
  }

  /// The outline, or nil when the file is not in the index.
  public func outline(path: String) throws(Failure) -> FileIndex? {
    guard let record = try ask(.file(path: path)).outline else { return nil }
    guard let outline = record.fileIndex else { throw .remote("the watcher sent an outline this build cannot read (a newer indexer?)") }
    return outline
  }

  /// Whether the watcher answers a ping (a socket file alone may be left over from a killed one).
  public func isAlive() -> Bool {
    (try? ask(.ping)) != nil
  }

  /// Waits until every change made before this call has been indexed (a cookie file, as Watchman does).
  public func sync() throws(Failure) {
    _ = try ask(.sync)
  }

  /// The paths it has seen change but not committed yet.
  public func pending() throws(Failure) -> PendingReport {
    guard let report = try ask(.pending).pending else { throw .remote("the watcher sent no pending list (an older indexer?)") }
    return report
  }

  /// The watcher's own numbers (pid, watches, events, batches, latencies, memory, hot layer).
  public func serviceStatistics() throws(Failure) -> ServiceReport {
    guard let report = try ask(.stats).service else { throw .remote("the watcher sent no statistics") }
    return report
  }

  private func ask(_ request: WireRequest) throws(Failure) -> WireReply {
    let line: String?
    do {
      try socket.send(WireCoding.line(request))
      line = try socket.readLine(limit: 1 << 30, buffer: &buffer)
    } catch {
      throw .unavailable
    }
    guard let line, case .success(let reply) = WireCoding.decode(WireReply.self, from: line) else { throw .unavailable }
    guard reply.ok else { throw .remote(reply.error ?? "the watcher could not answer") }
    return reply
  }
}
