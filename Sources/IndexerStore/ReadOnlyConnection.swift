#if canImport(Glibc)
  import Glibc
#endif
import GRDBSQLite
import IndexerModel

/// A read-only connection through SQLite's C API: no pool, no migrations, no GRDB set-up. Queries answer
/// through it, and so does a no-change `index` run (it reads the stored file rows through `IndexReader`).
///
/// A query from a fresh process is judged on latency (readtags answers in ~1 ms): opening through
/// GRDB cost ~1.5 ms of type lookups, queues and authorizers before the first SELECT. This opens
/// the file, checks that it is ours and of our schema version, and runs one prepared statement.
package final class ReadOnlyConnection {
  private let connection: OpaquePointer
  package let path: String
  /// One zstd context for the blobs resolution reads file after file (a references request over a common
  /// name reads hundreds): made on first use, owned like the connection, by one thread at a time.
  lazy var blobDecompressor: Zstd.Decompressor? = Zstd.Decompressor()
  /// How deep `inReadTransaction` calls are nested now (only the outermost begins and commits).
  private var transactionDepth = 0
  /// The generation the open read transaction sees, read once when first asked.
  private var transactionGeneration: Int64?
  /// Files decoded for resolution at the current generation (`resolvable(path:)`).
  var decodedFiles = DecodedFileCache()
  /// Statements run once per file a request reads, prepared once per connection: preparing the join for each
  /// of the thousands of files a references request over a common C type reads was 5% of that request.
  private var prepared: [String: ReusableStatement] = [:]

  package init(path: String) throws(StoreError) {
    try IndexDatabase.checkHeader(path: path, mustExist: true)
    var handle: OpaquePointer?
    let code = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
    guard code == SQLITE_OK, let handle else {
      let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
      sqlite3_close_v2(handle)
      throw SQLiteStatement.error(code, message, path: path)
    }
    connection = handle
    self.path = path
    sqlite3_busy_timeout(connection, 10_000)
    let applicationID = try integer("PRAGMA application_id")
    let version = try integer("PRAGMA user_version")
    if applicationID == 0 && version == 0 {
      let tables = try integer("SELECT count(*) FROM sqlite_master")
      if tables == 0 { throw .notFound(path: path) }
    }
    guard applicationID == Int64(IndexDatabase.applicationID) else { throw .notAnIndex(path: path) }
    if version > IndexDatabase.schemaVersion {
      throw .newerSchema(path: path, found: Int(version), supported: IndexDatabase.schemaVersion)
    }
    if version < IndexDatabase.schemaVersion {
      throw .olderSchema(path: path, found: Int(version), supported: IndexDatabase.schemaVersion)
    }
  }

  deinit { sqlite3_close_v2(connection) }

  package func symbols(_ filter: SymbolFilter) throws(StoreError) -> [SymbolMatch] {
    guard let (sql, arguments) = SymbolSQL.select(filter) else { return [] }
    var matches: [SymbolMatch] = []
    try query(sql, arguments) { s throws(StoreError) in
      if let match = Self.match(s) { matches.append(match) }
    }
    return matches
  }

  /// How many definitions `symbols(filter)` would return without a limit.
  package func symbolCount(_ filter: SymbolFilter) throws(StoreError) -> Int {
    guard let (sql, arguments) = SymbolSQL.count(filter) else { return 0 }
    var count = 0
    try query(sql, arguments) { s throws(StoreError) in count = Int(sqlite3_column_int64(s, 0)) }
    return count
  }

  /// Every distinct name in NOCASE order, as bytes (the name catalog copies them into one buffer without
  /// making a `String` of each); with `prefix`, only those that start with it, ignoring ASCII case (a range of
  /// the name index). The rows come straight from the index, and repeats are dropped here: `DISTINCT` made
  /// SQLite build a temporary B-tree of every name, 4.2 s of a kernel tree's 5 (against 1.0 s for the scan).
  /// Names equal but for case sit together in NOCASE order, so one small set per such run finds the repeats.
  package func forEachDistinctName(prefix: String? = nil, _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws(StoreError) {
    let sql =
      prefix == nil
      ? "SELECT name FROM symbol ORDER BY name COLLATE NOCASE"
      : "SELECT name FROM symbol WHERE name >= ?1 COLLATE NOCASE AND name < ?2 COLLATE NOCASE ORDER BY name COLLATE NOCASE"
    let arguments: [SQLValue] = prefix.map { [.text($0), .text($0 + "\u{10FFFF}")] } ?? []
    // Reused, not made per row (a kernel tree has four million rows): the current run's name, ASCII case
    // folded, and its names as written (one or two, nearly always), back to back, each as long as the run's.
    var run: [UInt8] = []
    var seen: [UInt8] = []
    var seenCount = 0
    try query(sql, arguments) { s throws(StoreError) in
      let count = Int(sqlite3_column_bytes(s, 0))
      let name = sqlite3_column_text(s, 0).map { UnsafeBufferPointer(start: $0, count: count) } ?? UnsafeBufferPointer(start: nil, count: 0)
      if !Self.equalIgnoringCase(name, run) {
        run.removeAll(keepingCapacity: true)
        for byte in name { run.append(Self.lower(byte)) }
        seen.removeAll(keepingCapacity: true)
        seenCount = 0
      } else if Self.holds(seen, seenCount, name) {
        return
      }
      seen.append(contentsOf: name)
      seenCount += 1
      body(name)
    }
  }

  /// Whether `names`, `count` names as long as `name` back to back, holds `name`.
  private static func holds(_ names: [UInt8], _ count: Int, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
    guard !name.isEmpty, let base = name.baseAddress else { return count > 0 }
    return names.withUnsafeBufferPointer { all in
      for i in 0..<count {
        let start = i * name.count
        guard start + name.count <= all.count, let first = all.baseAddress else { return false }
        if memcmp(first + start, base, name.count) == 0 { return true }
      }
      return false
    }
  }

  @inline(__always) private static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }

  private static func equalIgnoringCase(_ name: UnsafeBufferPointer<UInt8>, _ folded: [UInt8]) -> Bool {
    guard name.count == folded.count else { return false }
    for i in 0..<name.count where lower(name[i]) != folded[i] { return false }
    return true
  }

  /// The generation of the last committed batch (fuzzy caches key on it).
  package func generation() throws(StoreError) -> Int64 {
    try integer("SELECT value FROM meta WHERE key = 'generation'")
  }

  /// The generation this read sees: inside a read transaction, read once for all of it.
  func snapshotGeneration() throws(StoreError) -> Int64 {
    guard transactionDepth > 0 else { return try generation() }
    if let transactionGeneration { return transactionGeneration }
    let generation = try generation()
    transactionGeneration = generation
    return generation
  }

  /// The stored declaration tree of a file, decompressed and decoded; nil when the path is not in the index.
  package func outline(path file: String) throws(StoreError) -> FileIndex? {
    var result: (Language, [UInt8]?)?
    try query("SELECT f.language, b.outline FROM file f LEFT JOIN file_blob b ON b.file_id = f.id WHERE f.path = ?", [.text(file)]) { s throws(StoreError) in
      guard let language = Language(rawValue: Self.text(s, 0)) else { return }
      var blob: [UInt8]?
      if sqlite3_column_type(s, 1) != SQLITE_NULL, let bytes = sqlite3_column_blob(s, 1) {
        let count = Int(sqlite3_column_bytes(s, 1))
        blob = Array(UnsafeRawBufferPointer(start: bytes, count: count))
      }
      result = (language, blob)
    }
    guard let (language, blob) = result else { return nil }
    guard let blob else { return FileIndex(language: language) }
    guard let raw = Zstd.decompress(blob) else { throw .corruptBlob(path: file) }
    do {
      return try OutlineCodec.decode(raw, language: language)
    } catch {
      throw .corruptBlob(path: file)
    }
  }

  /// Whether a killed bulk load left indexes for the writer to rebuild.
  package func hasDroppedIndexes() throws(StoreError) -> Bool {
    try integer("SELECT EXISTS (SELECT 1 FROM meta WHERE key LIKE 'dropped_index:%')") != 0
  }

  // MARK: The C API, in one place

  /// Prepared once: the generation is asked at least once per request a server answers.
  private func integer(_ sql: String) throws(StoreError) -> Int64 {
    var value: Int64 = 0
    try preparedQuery(sql, []) { s throws(StoreError) in value = sqlite3_column_int64(s, 0) }
    return value
  }

  func query(
    _ sql: String, _ arguments: [SQLValue], row: (OpaquePointer) throws(StoreError) -> Void
  ) throws(StoreError) {
    try SQLiteStatement.run(connection, path: path, sql, arguments, row: row)
  }

  /// `query` through a statement kept prepared for the connection's life (for the per-file lookups).
  func preparedQuery(
    _ sql: String, _ arguments: [SQLValue], row: (OpaquePointer) throws(StoreError) -> Void
  ) throws(StoreError) {
    let statement: ReusableStatement
    if let known = prepared[sql] {
      statement = known
    } else {
      statement = try ReusableStatement(connection, path: path, sql)
      prepared[sql] = statement
    }
    try statement.run(arguments, row: row)
  }

  /// Runs `body` in one read transaction: its statements see one snapshot, and SQLite takes its locks
  /// once instead of once per statement (a references query runs two per file it reads).
  /// A transaction begun inside another joins it (a references request reads occurrences inside the one
  /// its resolution runs in).
  package func inReadTransaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
    if transactionDepth > 0 {
      transactionDepth += 1
      defer { transactionDepth -= 1 }
      return try body()
    }
    try query("BEGIN", []) { _ throws(StoreError) in }
    transactionDepth = 1
    transactionGeneration = nil
    defer {
      transactionDepth = 0
      transactionGeneration = nil
      try? query("COMMIT", []) { _ throws(StoreError) in }
    }
    return try body()
  }

  /// Runs `body` on the raw connection (the `IndexReader` reads that both connections share).
  func withConnection<T>(_ body: (OpaquePointer) throws(StoreError) -> T) throws(StoreError) -> T {
    try body(connection)
  }

  /// A row of the symbol SELECT (see `SymbolSQL`) as a match; nil for a kind or language this build does not know.
  private static func match(_ s: OpaquePointer) -> SymbolMatch? {
    guard let kind = SymbolKind(code: UInt8(truncatingIfNeeded: sqlite3_column_int(s, 1))),
      let language = Language(rawValue: text(s, 10))
    else { return nil }
    let name = text(s, 0)
    let signatureBytes = sqlite3_column_text(s, 7)
    let signature = StoredSignature.decode(
      UnsafeBufferPointer(start: signatureBytes, count: signatureBytes == nil ? 0 : Int(sqlite3_column_bytes(s, 7))), name: name)
    var symbol = Symbol(
      name: name, kind: kind, container: text(s, 2),
      range: SourceRange(
        start: SourcePosition(line: Int(sqlite3_column_int64(s, 3)), column: Int(sqlite3_column_int64(s, 4))),
        end: SourcePosition(line: Int(sqlite3_column_int64(s, 5)), column: Int(sqlite3_column_int64(s, 6)))),
      signature: signature)
    OutlineCodec.applyFlags(UInt8(truncatingIfNeeded: sqlite3_column_int(s, 8) & 0x0F), to: &symbol)
    return SymbolMatch(symbol: symbol, path: text(s, 9), language: language)
  }

  static func text(_ statement: OpaquePointer, _ column: Int32) -> String {
    SQLiteStatement.text(statement, column)
  }
}
extension ReadOnlyConnection {
  /// Every definition, one at a time, in tag order (name bytes, then path and line) or in file order;
  /// SQLite's sorter spills to disk, so memory does not grow with the index. `scopeKind` is the kind of
  /// the enclosing definition, nil at file level.
  package func forEachSymbol(
    sortedByName: Bool, _ body: (SymbolMatch, _ scopeKind: SymbolKind?) throws(StoreError) -> Void
  ) throws(StoreError) {
    let order = sortedByName ? "s.name, f.path, s.line, s.col" : "f.path, s.line, s.col, s.ordinal"
    let sql = """
      SELECT s.name, s.kind, s.container, s.line, s.col, s.end_line, s.end_col, s.signature, s.flags, f.path, f.language
      FROM symbol s JOIN file f ON f.id = s.file_id ORDER BY \(order)
      """
    try query(sql, []) { s throws(StoreError) in
      guard let match = Self.match(s) else { return }
      let scope = Int(sqlite3_column_int64(s, 8) >> 4)
      try body(match, scope > 0 ? SymbolKind(code: UInt8(truncatingIfNeeded: scope - 1)) : nil)
    }
  }
}
