import IndexerModel
import IndexerStore

/// Answers symbol, outline and stats questions from an index database opened read-only.
///
/// Opening does nothing but open the file and check its schema version: a query from a fresh
/// process must cost little more than its one indexed SELECT.
public struct QueryEngine {
  private let lookup: ReadOnlyConnection
  /// Kept as long as the engine: a long-running front end ranks against names it read once per generation.
  private let fuzzyNames = FuzzyNameCatalog()

  /// How many distinct names a fuzzy query keeps before fetching their definitions.
  public static let fuzzyNameLimit = 50

  public init(databasePath: String) throws(StoreError) {
    lookup = try ReadOnlyConnection(path: databasePath)
  }

  public func symbols(_ query: SymbolQuery) throws(StoreError) -> [SymbolMatch] {
    var filter = SymbolFilter(
      match: .exact(query.name), kinds: query.kinds, languages: query.languages, pathGlob: query.pathGlob,
      limit: query.limit)
    switch (query.mode, query.ignoreCase) {
    case (.exact, false): filter.match = .exact(query.name)
    case (.exact, true): filter.match = .exactIgnoringCase(query.name)
    case (.prefix, false): filter.match = .prefix(query.name)
    case (.prefix, true): filter.match = .prefixIgnoringCase(query.name)
    case (.fuzzy, _): return try fuzzy(query, filter: filter)
    }
    return try lookup.symbols(filter)
  }

  private func fuzzy(_ query: SymbolQuery, filter: SymbolFilter) throws(StoreError) -> [SymbolMatch] {
    try fuzzyNames.load(lookup, generation: lookup.generation())
    let shortlist = fuzzyNames.best(query.name, count: max(Self.fuzzyNameLimit, query.limit ?? 0))
    // Best score first; the names of one score together in the store's path/line order. One query per
    // score, stopping at the limit: the definitions of names that will not be printed are never read
    // (a three-letter pattern's 100 best names can have thousands).
    var matches: [SymbolMatch] = []
    var start = shortlist.startIndex
    while start < shortlist.endIndex {
      var end = start
      while end < shortlist.endIndex && shortlist[end].score == shortlist[start].score { end += 1 }
      var group = filter
      group.match = .anyOf(shortlist[start..<end].map(\.name))
      group.limit = query.limit.map { $0 - matches.count }
      matches += try lookup.symbols(group)
      if let limit = query.limit, matches.count >= limit { break }
      start = end
    }
    return matches
  }


  /// Streams every definition (for `export`): by name for tags files, else by path and line.
  public func forEachSymbol(
    sortedByName: Bool, _ body: (SymbolMatch, _ scopeKind: SymbolKind?) throws(StoreError) -> Void
  ) throws(StoreError) {
    try lookup.forEachSymbol(sortedByName: sortedByName, body)
  }

  /// Every occurrence of a name (see `ReadOnlyConnection.references`).
  public func references(_ filter: ReferenceFilter) throws(StoreError) -> [ReferenceMatch] {
    try lookup.references(filter)
  }

  public func outline(path: String) throws(StoreError) -> FileIndex? {
    try lookup.outline(path: path)
  }

  /// The outline with the file's scopes, for resolution.
  public func resolvable(path: String) throws(StoreError) -> FileIndex? {
    try lookup.resolvable(path: path)
  }

  public func contains(path: String) throws(StoreError) -> Bool {
    try lookup.contains(path: path)
  }

  /// Every indexed file with its outline and references, in path order, one at a time (for exports).
  /// Every file, definition and reference as text lines in path order (`export --format dump`): two indexes
  /// of the same tree dump the same lines however they were built.
  public func dump(_ line: (String) -> Void) throws(StoreError) {
    try lookup.dump(line)
  }

  public func forEachIndexedFile(_ body: (String, FileIndex) throws(StoreError) -> Void) throws(StoreError) {
    try lookup.forEachIndexedFile(body)
  }

  /// A page of the indexed files in path order (`list_files`).
  public func files(pathGlob: String? = nil, languages: [Language] = [], limit: Int, offset: Int = 0) throws(StoreError) -> [FileSummary] {
    try lookup.files(pathGlob: pathGlob, languages: languages, limit: limit, offset: offset)
  }

  /// Aggregates over the whole index; not on the latency path, so it goes through GRDB.
  public func statistics() throws(StoreError) -> IndexStatistics {
    try IndexReader(database: try IndexDatabase.openForReading(path: lookup.path)).statistics()
  }
}
