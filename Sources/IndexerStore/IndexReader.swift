#if canImport(Glibc)
  import Glibc
#endif
import Foundation
import GRDB
import GRDBSQLite
import IndexerModel

/// Every read the tool makes of the database, each one indexed SELECT (or a small aggregate for stats).
package struct IndexReader: Sendable {
  package let database: IndexDatabase

  package init(database: IndexDatabase) {
    self.database = database
  }

  /// Every file row keyed by path: what the planner compares the walk against.
  package func storedFiles() throws(StoreError) -> [String: StoredFile] {
    var result: [String: StoredFile] = [:]
    try database.read { db in try Self.collectStoredFiles(db, where: "", [], into: &result) }
    return result
  }

  /// The stored rows of these exact paths and of every path below these folders ("" is the whole tree).
  package func storedFiles(paths: [String], under folders: [String]) throws(StoreError) -> [String: StoredFile] {
    if folders.contains("") { return try storedFiles() }
    var result: [String: StoredFile] = [:]
    try database.read { db in
      for path in paths { try Self.collectStoredFiles(db, where: "WHERE path = ?", [path], into: &result) }
      // '0' is the byte after '/': the range holds exactly the paths that start with "folder/".
      for folder in folders {
        try Self.collectStoredFiles(db, where: "WHERE path >= ? AND path < ?", [folder + "/", folder + "0"], into: &result)
      }
    }
    return result
  }

  /// Reads file rows through the C API on GRDB's connection: a no-change run is judged against
  /// `git status`, and decoding 78,000 rows through `Row` cost more than the walk that stats the same files.
  private static func collectStoredFiles(
    _ db: Database, where clause: String, _ arguments: [String], into result: inout [String: StoredFile]
  ) throws {
    guard let connection = db.sqliteConnection else { return }
    var statement: OpaquePointer?
    let sql = "SELECT path, language, status, size, mtime_ns, inode, content_hash FROM file " + clause
    var code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
    guard code == SQLITE_OK, let statement else {
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
    }
    defer { sqlite3_finalize(statement) }
    let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    for (i, argument) in arguments.enumerated() { sqlite3_bind_text(statement, Int32(i + 1), argument, -1, transient) }
    func text(_ column: Int32) -> String {
      guard let bytes = sqlite3_column_text(statement, column) else { return "" }
      return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column))), as: UTF8.self)
    }
    while true {
      code = sqlite3_step(statement)
      if code == SQLITE_DONE { return }
      guard code == SQLITE_ROW else {
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
      }
      let path = text(0)
      guard let language = Language(rawValue: text(1)), let status = FileStatus(rawValue: text(2)) else { continue }
      result[path] = StoredFile(
        path: path, language: language, status: status, size: sqlite3_column_int64(statement, 3),
        mtimeNanoseconds: sqlite3_column_int64(statement, 4), inode: UInt64(bitPattern: sqlite3_column_int64(statement, 5)),
        contentHash: UInt64(bitPattern: sqlite3_column_int64(statement, 6)))
    }
  }

  /// Indexed files, their symbols, and the generation: the totals an index run reports.
  package func totals() throws(StoreError) -> (files: Int, symbols: Int, generation: Int64) {
    try database.read { db in
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT count(*), coalesce(sum(symbol_count), 0), (SELECT value FROM meta WHERE key = 'generation')
          FROM file WHERE status IN ('indexed', 'lossy-utf8')
          """)
      return (row?[0] ?? 0, row?[1] ?? 0, row?[2] ?? 0)
    }
  }

  package func generation() throws(StoreError) -> Int64 {
    try database.read { db in try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'generation'") ?? 0 }
  }

  package func statistics() throws(StoreError) -> IndexStatistics {
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
        db, sql: "SELECT coalesce(sum(outline_raw_bytes), 0), coalesce(sum(length(outline)), 0), coalesce(sum(length(refs)), 0) FROM file")
      let meta = Dictionary(
        uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT key, value FROM meta").map { row in
          (row[0] as String, row[1] as DatabaseValue)
        })
      return IndexStatistics(
        files: files, symbols: symbols, references: references, languages: languages, statusCounts: statusCounts, skipped: skipped, lossy: lossy,
        databaseBytes: Self.fileSize(path) + Self.fileSize(path + "-wal"),
        blobRawBytes: blobs?[0] ?? 0, blobCompressedBytes: blobs?[1] ?? 0, referenceBlobBytes: blobs?[2] ?? 0,
        schemaVersion: try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
        generation: meta["generation"].flatMap { Int64.fromDatabaseValue($0) } ?? 0,
        lastIndexTime: meta["last_index_time"].flatMap { String.fromDatabaseValue($0) })
    }
  }

  private static func fileSize(_ path: String) -> Int64 {
    var st = stat()
    return stat(path, &st) == 0 ? Int64(st.st_size) : 0
  }
}
