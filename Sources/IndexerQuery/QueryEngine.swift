#if canImport(Glibc)
  import Glibc
#endif
import IndexerModel
import IndexerStore

/// The query core: every question a front end asks — symbols, outlines, occurrences, and what a use at a
/// place resolves to — answered from an index database opened read-only. The CLI, the watcher's socket,
/// `indexer lsp`, `indexer mcp` and the SCIP export all ask here, so they agree. One per thread: it owns a
/// read connection.
///
/// Opening does nothing but open the file and check its schema version: a query from a fresh process must
/// cost little more than its one indexed SELECT. A long-running front end calls `refresh()` before each
/// request: a first build publishes the file when it is done, and a bulk build renames a new one over the
/// old, which an open connection would never see.
public final class QueryEngine {
  public let databasePath: String
  /// The workspace the database indexes: questions from a place read the file there. Nil when the asker
  /// has no place to read (symbol and outline queries).
  public let root: String?
  private var lookup: ReadOnlyConnection?
  private var openedFile: (device: UInt, inode: UInt)?
  /// Kept while the same file is open: a long-running front end ranks against names it read once per generation.
  private var names = NameCatalog()
  /// A server's background builds of `names` (see `keepNamesFresh()`); nil for a one-shot query.
  private var rebuild: NameCatalogRebuild?
  /// What resolution derives from the index (every path, C include sets, definitions by name), kept per
  /// generation like the names: each request a server resolves starts a new `ResolutionFiles`.
  private let memo = ResolutionMemo()
  /// The occurrences of the names asked for last, for this generation.
  private var occurrences = OccurrenceCache()
  /// The outlines asked for last, for this generation.
  private var outlines = OutlineCache()

  /// How many distinct names a ranked search keeps, at least, before fetching their definitions.
  public static let fuzzyNameLimit = 50
  /// How many definitions of one tier's names a ranked search reads to order them (`SearchOrder`): enough
  /// for every definition of a hundred names but the commonest (`init`, `probe`), few enough that a keystroke
  /// does not decode thousands of rows.
  public static let tierReadLimit = 500
  /// How many of a tier's names one read of their definitions asks for (see `definitions(of:filter:on:)`).
  static let namesPerRead = 16
  /// How many definitions of one name a lookup considers before ranking.
  public static let definitionLimit = 500

  /// Opens the database now: a missing file or one that is no index is an error for the one question asked.
  public init(databasePath: String, root: String? = nil) throws(StoreError) {
    self.databasePath = databasePath
    self.root = root
    lookup = try ReadOnlyConnection(path: databasePath)
    openedFile = Self.identity(of: databasePath)
  }

  /// For a server that may start before the first build: nothing is opened until `refresh()` finds the file.
  public init(awaiting databasePath: String, root: String) {
    self.databasePath = databasePath
    self.root = root
  }

  /// Opens the database, or reopens it when another file now has its name (one `stat`); false while there
  /// is none, and the caller answers empty — from what is committed: nothing.
  @discardableResult
  public func refresh() throws(StoreError) -> Bool {
    guard let file = Self.identity(of: databasePath) else {
      lookup = nil
      return false
    }
    if lookup != nil, let openedFile, openedFile == file { return true }
    do {
      lookup = try ReadOnlyConnection(path: databasePath)
      openedFile = file
      names = NameCatalog()
      memo.forget()
      // Another file may count its generations from the same numbers.
      occurrences = OccurrenceCache()
      outlines = OutlineCache()
      if rebuild != nil {
        rebuild = NameCatalogRebuild(databasePath: databasePath)
        rebuild?.start()
      }
    } catch .notFound {
      lookup = nil
    }
    return lookup != nil
  }

  /// For a long-running server: the name catalog is built in the background when the index is opened and
  /// again after a search finds it a generation behind; such a search answers from the catalog it has, with
  /// the names that start the query read fresh. Without this, the first search the first three tiers do not
  /// fill after each commit reads every distinct name first (1.5–2 s on a kernel tree).
  public func keepNamesFresh() {
    guard rebuild == nil else { return }
    rebuild = NameCatalogRebuild(databasePath: databasePath)
    if lookup != nil { rebuild?.start() }
  }

  private static func identity(of path: String) -> (device: UInt, inode: UInt)? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return (UInt(info.st_dev), UInt(info.st_ino))
  }

  /// The open connection; a server that has not found its database yet asks nothing of it.
  func connection() throws(StoreError) -> ReadOnlyConnection {
    guard let lookup else { throw .notFound(path: databasePath) }
    return lookup
  }

  public func symbols(_ query: SymbolQuery) throws(StoreError) -> [SymbolMatch] {
    let filter = Self.filter(query)
    switch query.mode {
    case .exact, .prefix: return try connection().symbols(filter)
    case .fuzzy: return try ranked(query, filter: filter, tiers: Set(NameTier.allCases))
    case .contains: return try ranked(query, filter: filter, tiers: [.exact, .exactIgnoringCase, .prefix, .substring])
    }
  }

  /// The store's filter for a query: its name match (one index range) and narrowing. Ranked modes read tier
  /// by tier and replace the match; they start from the exact name.
  static func filter(_ query: SymbolQuery) -> SymbolFilter {
    let match: NameMatch
    switch (query.mode, query.ignoreCase) {
    case (.exact, true): match = .exactIgnoringCase(query.name)
    case (.prefix, false): match = .prefix(query.name)
    case (.prefix, true): match = .prefixIgnoringCase(query.name)
    case (.exact, false), (.fuzzy, _), (.contains, _): match = .exact(query.name)
    }
    return SymbolFilter(match: match, kinds: query.kinds, languages: query.languages, pathGlob: query.pathGlob, limit: query.limit)
  }

  /// The definitions of the names `NameCatalog` ranks, tier by tier: each tier's definitions read best
  /// names first (at most `tierReadLimit`) and ordered by `SearchOrder`, then by the name's rank and by path
  /// and line; the fields and members of the name, prefix and humps tiers after those tiers' other
  /// definitions; no tier is read once the limit is reached.
  private func ranked(_ query: SymbolQuery, filter: SymbolFilter, tiers: Set<NameTier>) throws(StoreError) -> [SymbolMatch] {
    let lookup = try connection()
    let generation = try lookup.generation()
    let limit = query.limit ?? Int.max
    let wanted = max(Self.fuzzyNameLimit, query.limit ?? 0)
    var shortlist: [(name: String, tier: NameTier)] = []
    let firstTiers = tiers.intersection(NameTier.startingTiers)
    if !names.isLoaded(generation: generation), firstTiers.count == 3 {
      // The names the query starts, read through the name index: when they fill the answer, the whole
      // catalog (seconds on a kernel tree) is not read at all. A one-shot query never keeps it anyway.
      let starting = NameCatalog()
      try starting.load(lookup, generation: generation, prefix: query.name)
      shortlist = starting.ranked(query.name, count: wanted, tiers: firstTiers)
    }
    if shortlist.count < wanted {
      shortlist = try wholeCatalogRanked(query.name, count: wanted, tiers: tiers, fresh: shortlist, lookup: lookup, generation: generation)
    }
    var matches: [SymbolMatch] = []
    // Fields and members the close tiers find wait for those tiers' other definitions (see `SearchOrder.isDeferred`).
    var deferred: [SymbolMatch] = []
    var start = shortlist.startIndex
    while start < shortlist.endIndex, matches.count < limit {
      let tier = shortlist[start].tier
      if !SearchOrder.closeTiers.contains(tier), !deferred.isEmpty {
        matches += deferred.prefix(limit - matches.count)
        deferred = []
        if matches.count >= limit { break }
      }
      var end = start
      while end < shortlist.endIndex && shortlist[end].tier == tier { end += 1 }
      let tierNames = shortlist[start..<end].map(\.name)
      let rank = Dictionary(tierNames.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
      let found = try definitions(of: tierNames, filter: filter, on: lookup).enumerated().map {
        (offset: $0.offset, match: $0.element, order: SearchOrder($0.element))
      }
      let ordered = found.sorted { a, b in
        if a.order != b.order { return a.order < b.order }
        let (x, y) = (rank[a.match.symbol.name] ?? 0, rank[b.match.symbol.name] ?? 0)
        if x != y { return x < y }
        let (p, q) = (a.match, b.match)
        if p.path != q.path { return p.path.utf8.lexicographicallyPrecedes(q.path.utf8) }
        if p.symbol.range.start != q.symbol.range.start { return p.symbol.range.start < q.symbol.range.start }
        return a.offset < b.offset
      }
      if SearchOrder.closeTiers.contains(tier) {
        for found in ordered {
          if found.order.isDeferred {
            if deferred.count < limit { deferred.append(found.match) }
          } else if matches.count < limit {
            matches.append(found.match)
          }
        }
      } else {
        matches += ordered.prefix(limit - matches.count).map(\.match)
      }
      start = end
    }
    return matches + deferred.prefix(max(0, limit - matches.count))
  }

  /// The names `query` matches in `tiers`, from the whole catalog: this generation's when it is loaded or a
  /// background build has it (waiting for a build under way when there is no catalog yet); else, for a
  /// server, the catalog of an earlier generation while the next is built, its first three tiers replaced by
  /// `fresh` (the names that start the query, read from this generation). Definitions are read from this
  /// generation, so a name gone since gives none; a name new since is found by its prefix at once, by the
  /// later tiers once the build lands. A one-shot query loads the catalog here.
  private func wholeCatalogRanked(
    _ query: String, count: Int, tiers: Set<NameTier>, fresh: [(name: String, tier: NameTier)], lookup: ReadOnlyConnection,
    generation: Int64
  ) throws(StoreError) -> [(name: String, tier: NameTier)] {
    if let rebuild, !names.isLoaded(generation: generation) {
      if let built = rebuild.take(waiting: names.loadedGeneration == nil),
        built.generation > (names.loadedGeneration ?? Int64.min)
      {
        names = built.catalog
      }
      if let loaded = names.loadedGeneration, loaded < generation, NameTier.startingTiers.isSubset(of: tiers) {
        rebuild.start()
        let lowered = NameBytes.lowered(Array(query.utf8))
        let later = names.ranked(query, count: count, tiers: tiers).filter { found in
          var name = found.name
          return !NameTier.startingTiers.contains(found.tier) && !name.withUTF8 { NameBytes.hasPrefixIgnoringCase($0, lowered) }
        }
        return Array((fresh + later).prefix(count))
      }
    }
    try names.load(lookup, generation: generation)
    return names.ranked(query, count: count, tiers: tiers)
  }

  /// Up to `tierReadLimit` definitions of `names` (best ranked first), in no useful order: read a few names
  /// at a time in the name index's order, so a limit stops the read instead of cutting it after a sort. In
  /// path order, a common prefix's hundred names (`DEV`: 4,877 definitions on a kernel tree) were read and
  /// sorted whole for 500 rows, and the cut fell by path, not by rank. A group the limit cuts is read again
  /// one name at a time, so the best-ranked names keep their definitions; one name's are cut in the order
  /// they were written (a bulk build writes files in path order).
  private func definitions(of names: [String], filter: SymbolFilter, on lookup: ReadOnlyConnection) throws(StoreError) -> [SymbolMatch] {
    var read: [SymbolMatch] = []
    var next = names.startIndex
    var group = filter
    group.inPathOrder = false
    while next < names.endIndex && read.count < Self.tierReadLimit {
      let chunk = Array(names[next..<min(next + Self.namesPerRead, names.endIndex)])
      next += chunk.count
      group.match = .anyOf(chunk)
      group.limit = Self.tierReadLimit - read.count
      let rows = try lookup.symbols(group)
      guard rows.count == group.limit, chunk.count > 1 else {
        read += rows
        continue
      }
      for name in chunk where read.count < Self.tierReadLimit {
        group.match = .anyOf([name])
        group.limit = Self.tierReadLimit - read.count
        read += try lookup.symbols(group)
      }
    }
    return read
  }

  /// Every path in the index (see `ResolutionSource`).
  public func indexedPaths() throws(StoreError) -> Set<String>? {
    let memo = try resolutionMemo()
    if let all = memo.allPaths { return all }
    let all = try connection().indexedPaths()
    memo.allPaths = all
    return all
  }

  /// The resolution memo, emptied when the index has moved on since it was filled.
  func resolutionMemo() throws(StoreError) -> ResolutionMemo {
    memo.enter(try connection().generation())
    return memo
  }

  /// Streams every definition (for `export`): by name for tags files, else by path and line.
  public func forEachSymbol(
    sortedByName: Bool, _ body: (SymbolMatch, _ scopeKind: SymbolKind?) throws(StoreError) -> Void
  ) throws(StoreError) {
    try connection().forEachSymbol(sortedByName: sortedByName, body)
  }

  /// Every occurrence of a name, by path then position, each placed in its file's outline (the definition
  /// it names, or the symbol that holds it). Only the files the name-to-files data lists are read.
  public func references(_ filter: ReferenceFilter) throws(StoreError) -> [ReferenceMatch] {
    let connection = try connection()
    guard filter.limit == nil, filter.languages.isEmpty, filter.pathGlob == nil else {
      return try OccurrenceSearch.references(filter, on: connection)
    }
    // Every occurrence of the name: kept for the questions about it that follow.
    return try connection.inReadTransaction { () throws(StoreError) in
      let generation = try connection.generation()
      if let kept = occurrences.matches(of: filter.name, generation: generation) { return kept }
      let found = try OccurrenceSearch.references(filter, on: connection)
      occurrences.keep(found, of: filter.name, generation: generation)
      return found
    }
  }

  public func outline(path: String) throws(StoreError) -> FileIndex? {
    let connection = try connection()
    return try connection.inReadTransaction { () throws(StoreError) in
      let generation = try connection.generation()
      if let kept = outlines.outline(of: path, generation: generation) { return kept }
      guard let outline = try connection.outline(path: path) else { return nil }
      outlines.keep(outline, of: path, generation: generation)
      return outline
    }
  }

  /// The outline with the file's scopes, for resolution.
  public func resolvable(path: String) throws(StoreError) -> FileIndex? {
    try connection().resolvable(path: path)
  }

  /// Runs `body` inside one read transaction, handing it the index generation that snapshot holds: every
  /// question `body` asks is answered from that generation (an agent's answer says which one it read).
  public func inOneSnapshot<T>(_ body: (_ generation: Int64) -> T) throws(StoreError) -> T {
    let connection = try connection()
    return try connection.inReadTransaction { () throws(StoreError) in body(try connection.generation()) }
  }

  public func contains(path: String) throws(StoreError) -> Bool {
    try connection().contains(path: path)
  }

  public func imports(path: String) throws(StoreError) -> [FileScopes.Import]? {
    try connection().imports(path: path)
  }

  /// Every file, definition and reference as text lines in path order (`export --format dump`): two indexes
  /// of the same tree dump the same lines however they were built.
  public func dump(_ line: (String) -> Void) throws(StoreError) {
    try connection().dump(line)
  }

  /// Every indexed file with its outline and references, in path order, one at a time (for exports).
  public func forEachIndexedFile(_ body: (String, FileIndex) throws(StoreError) -> Void) throws(StoreError) {
    try connection().forEachIndexedFile(body)
  }

  /// A page of the indexed files in path order (`list_files`).
  public func files(pathGlob: String? = nil, languages: [Language] = [], limit: Int, offset: Int = 0) throws(StoreError) -> [FileSummary] {
    try connection().files(pathGlob: pathGlob, languages: languages, limit: limit, offset: offset)
  }

  /// Aggregates over the whole index; not on the latency path, so it goes through GRDB.
  public func statistics() throws(StoreError) -> IndexStatistics {
    try IndexReader(database: try IndexDatabase.openForReading(path: connection().path)).statistics()
  }
}
