#if canImport(Glibc)
  import Glibc
#endif
import Foundation
import GRDB
import GRDBSQLite
import IndexerModel

/// Every read the tool makes of the database, each one indexed SELECT (or a small aggregate for stats).
///
/// The file rows and totals are read through SQLite's C API on whichever connection the caller has: the
/// writer's pool, or the read-only connection that a no-change run opens instead (no WAL set-up, no
/// migration check). `generation` and `statistics` need the pool.
package struct IndexReader {
  private enum Source {
    case pool(IndexDatabase)
    case readOnly(ReadOnlyConnection)
  }

  private let source: Source

  package init(database: IndexDatabase) {
    source = .pool(database)
  }

  package init(connection: ReadOnlyConnection) {
    source = .readOnly(connection)
  }

  /// Every file row, in table order: what the planner compares the walk against (after sorting by path
  /// bytes, nearly free on a table a bulk build wrote in path order).
  package func storedFiles() throws(StoreError) -> [StoredFile] {
    try storedFiles(where: [("", [])])
  }

  /// The stored rows of these exact paths and of every path below these folders ("" is the whole tree).
  package func storedFiles(paths: [String], under folders: [String]) throws(StoreError) -> [StoredFile] {
    if folders.contains("") { return try storedFiles() }
    // '0' is the byte after '/': the range holds exactly the paths that start with "folder/".
    let clauses = paths.map { ("WHERE path = ?", [SQLValue.text($0)]) }
      + folders.map { ("WHERE path >= ? AND path < ?", [SQLValue.text($0 + "/"), .text($0 + "0")]) }
    return try storedFiles(where: clauses)
  }

  /// Reads file rows through the C API: a no-change run is judged against `git status`, and decoding
  /// 78,000 rows through GRDB's `Row` cost more than the walk that stats the same files.
  private func storedFiles(where clauses: [(String, [SQLValue])]) throws(StoreError) -> [StoredFile] {
    var result: [StoredFile] = []
    try withConnection { connection, path throws(StoreError) in
      for (clause, arguments) in clauses {
        let sql = "SELECT path, language, status, size, mtime_ns, inode, content_hash FROM file " + clause
        try SQLiteStatement.run(connection, path: path, sql, arguments) { s throws(StoreError) in
          let path = SQLiteStatement.text(s, 0)
          guard let language = Self.match(s, 1, in: Self.languages), let status = Self.match(s, 2, in: Self.statuses) else { return }
          result.append(StoredFile(
            path: path, language: language, status: status, size: sqlite3_column_int64(s, 3),
            mtimeNanoseconds: sqlite3_column_int64(s, 4), inode: UInt64(bitPattern: sqlite3_column_int64(s, 5)),
            contentHash: UInt64(bitPattern: sqlite3_column_int64(s, 6))))
        }
      }
    }
    return result
  }

  private static let languages = Language.allCases.map { (Array($0.rawValue.utf8), $0) }
  private static let statuses = FileStatus.allCases.map { (Array($0.rawValue.utf8), $0) }

  /// The value whose raw text the column holds, compared as bytes: a String and a string switch per row
  /// and column showed in a no-change run's profile (78,000 rows on a kernel tree).
  private static func match<Value>(_ s: OpaquePointer, _ column: Int32, in table: [([UInt8], Value)]) -> Value? {
    guard let text = sqlite3_column_text(s, column) else { return nil }
    let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(s, column)))
    for (raw, value) in table where raw.count == bytes.count && raw.elementsEqual(bytes) { return value }
    return nil
  }

  /// Indexed files, their symbols, and the generation: the totals an index run reports.
  package func totals() throws(StoreError) -> (files: Int, symbols: Int, generation: Int64) {
    var totals = (files: 0, symbols: 0, generation: Int64(0))
    let sql = """
      SELECT count(*), coalesce(sum(symbol_count), 0), (SELECT value FROM meta WHERE key = 'generation')
      FROM file WHERE status IN ('indexed', 'lossy-utf8')
      """
    try withConnection { connection, path throws(StoreError) in
      try SQLiteStatement.run(connection, path: path, sql, []) { s throws(StoreError) in
        totals = (Int(sqlite3_column_int64(s, 0)), Int(sqlite3_column_int64(s, 1)), sqlite3_column_int64(s, 2))
      }
    }
    return totals
  }

  private func withConnection(_ body: (OpaquePointer, String) throws(StoreError) -> Void) throws(StoreError) {
    switch source {
    case .readOnly(let connection):
      try connection.withConnection { raw throws(StoreError) in try body(raw, connection.path) }
    case .pool(let database):
      try database.read { db in
        guard let raw = db.sqliteConnection else { throw StoreError.sqlite(path: database.path, detail: "connection closed") }
        try body(raw, database.path)
      }
    }
  }

  /// What `meta` says of the index's origin (all nil for an index built whole by an older run).
  /// The notes of the last walk (`WalkNotes`), in path order.
  package func walkNotes() throws(StoreError) -> [PathNote] {
    var text: String?
    try withConnection { connection, path throws(StoreError) in
      try SQLiteStatement.run(connection, path: path, "SELECT value FROM meta WHERE key = ?", [.text(WalkNotes.key)]) { s throws(StoreError) in
        text = ReadOnlyConnection.text(s, 0)
      }
    }
    return WalkNotes.decode(text)
  }

  package func provenance() throws(StoreError) -> IndexProvenance {
    var rows: [String: String] = [:]
    // Built by hand: a first `joined(separator:)` in a process costs a scan of every protocol conformance
    // record (~0.1 ms), and every `index` run asks this.
    var placeholders = ""
    for i in IndexProvenance.keys.indices { placeholders += i == 0 ? "?" : ", ?" }
    try withConnection { connection, path throws(StoreError) in
      try SQLiteStatement.run(
        connection, path: path, "SELECT key, value FROM meta WHERE key IN (\(placeholders))", IndexProvenance.keys.map(SQLValue.text)
      ) { s throws(StoreError) in
        rows[ReadOnlyConnection.text(s, 0)] = ReadOnlyConnection.text(s, 1)
      }
    }
    return IndexProvenance(rows: rows)
  }

  package func generation() throws(StoreError) -> Int64 {
    var generation: Int64 = 0
    try withConnection { connection, path throws(StoreError) in
      try SQLiteStatement.run(connection, path: path, "SELECT value FROM meta WHERE key = 'generation'", []) { s throws(StoreError) in
        generation = sqlite3_column_int64(s, 0)
      }
    }
    return generation
  }

  /// What `stats` prints; through the pool only (it reads with GRDB's rows).
  package func statistics() throws(StoreError) -> IndexStatistics {
    guard case .pool(let database) = source else {
      throw StoreError.sqlite(path: "", detail: "statistics are read through the pool, not the read-only connection")
    }
    let path = database.path
    return try database.read { db in
      var languages: [Language: IndexStatistics.LanguageCount] = [:]
      var statusCounts: [FileStatus: Int] = [:]
      var files = 0
      var symbols = 0
      var references = 0
      for row in try Row.fetchAll(
        db, sql: "SELECT language, status, count(*), sum(symbol_count), sum(ref_count) FROM file GROUP BY language, status")
      {
        guard let language = Language(rawValue: row[0]), let status = FileStatus(rawValue: row[1]) else { continue }
        let count: Int = row[2]
        let symbolCount: Int = row[3] ?? 0
        let referenceCount: Int = row[4] ?? 0
        statusCounts[status, default: 0] += count
        guard status.isIndexed else { continue }
        languages[language, default: .init(files: 0, symbols: 0, references: 0)].files += count
        languages[language, default: .init(files: 0, symbols: 0, references: 0)].symbols += symbolCount
        languages[language, default: .init(files: 0, symbols: 0, references: 0)].references += referenceCount
        files += count
        symbols += symbolCount
        references += referenceCount
      }
      let skipped = try Row.fetchAll(
        db, sql: "SELECT path, status, message FROM file WHERE status NOT IN ('indexed', 'lossy-utf8') ORDER BY path"
      ).compactMap { row -> IndexStatistics.SkippedFile? in
        guard let status = FileStatus(rawValue: row[1]) else { return nil }
        return IndexStatistics.SkippedFile(path: row[0], reason: status, message: row[2])
      }
      let lossy = try String.fetchAll(db, sql: "SELECT path FROM file WHERE status = 'lossy-utf8' ORDER BY path")
      let blobs = try Row.fetchOne(
        db, sql: "SELECT coalesce(sum(outline_raw_bytes), 0), coalesce(sum(length(outline)), 0), coalesce(sum(length(refs)), 0) FROM file_blob JOIN file ON file.id = file_blob.file_id")
      let meta = Dictionary(
        uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT key, value FROM meta").map { row in
          (row[0] as String, row[1] as DatabaseValue)
        })
      var statistics = IndexStatistics(
        files: files, symbols: symbols, references: references, languages: languages, statusCounts: statusCounts, skipped: skipped, lossy: lossy,
        databaseBytes: Self.fileSize(path) + Self.fileSize(path + "-wal"),
        blobRawBytes: blobs?[0] ?? 0, blobCompressedBytes: blobs?[1] ?? 0, referenceBlobBytes: blobs?[2] ?? 0,
        schemaVersion: try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
        generation: meta["generation"].flatMap { Int64.fromDatabaseValue($0) } ?? 0,
        lastIndexTime: meta["last_index_time"].flatMap { String.fromDatabaseValue($0) })
      statistics.walkNotes = WalkNotes.decode(meta[WalkNotes.key].flatMap { String.fromDatabaseValue($0) })
      for (key, value) in meta {
        if key.hasPrefix("cache_"), let count = Int64.fromDatabaseValue(value) {
          statistics.cache[String(key.dropFirst(6))] = count
        } else if IndexProvenance.keys.contains(key), let text = String.fromDatabaseValue(value) {
          statistics.provenance[key] = text
        }
      }
      return statistics
    }
  }

  private static func fileSize(_ path: String) -> Int64 {
    var st = stat()
    return stat(path, &st) == 0 ? Int64(st.st_size) : 0
  }
}
