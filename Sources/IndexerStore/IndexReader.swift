#if canImport(Glibc)
  import Glibc
#endif
import Foundation
import GRDB
import IndexerModel

/// Every read the tool makes of the database, each one indexed SELECT (or a small aggregate for stats).
package struct IndexReader: Sendable {
  package let database: IndexDatabase

  package init(database: IndexDatabase) {
    self.database = database
  }

  /// Every file row keyed by path: what the planner compares the walk against.
  package func storedFiles() throws(StoreError) -> [String: StoredFile] {
    try database.read { db in
      var result: [String: StoredFile] = [:]
      let rows = try Row.fetchCursor(
        db, sql: "SELECT path, language, status, size, mtime_ns, inode, content_hash FROM file")
      while let row = try rows.next() {
        let path: String = row[0]
        guard let language = Language(rawValue: row[1]), let status = FileStatus(rawValue: row[2]) else { continue }
        result[path] = StoredFile(
          path: path, language: language, status: status, size: row[3], mtimeNanoseconds: row[4],
          inode: UInt64(bitPattern: row[5]), contentHash: UInt64(bitPattern: row[6]))
      }
      return result
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
      for row in try Row.fetchAll(
        db, sql: "SELECT language, status, count(*), sum(symbol_count) FROM file GROUP BY language, status")
      {
        guard let language = Language(rawValue: row[0]), let status = FileStatus(rawValue: row[1]) else { continue }
        let count: Int = row[2]
        let symbolCount: Int = row[3] ?? 0
        statusCounts[status, default: 0] += count
        guard status.isIndexed else { continue }
        languages[language, default: .init(files: 0, symbols: 0)].files += count
        languages[language, default: .init(files: 0, symbols: 0)].symbols += symbolCount
        files += count
        symbols += symbolCount
      }
      let skipped = try Row.fetchAll(
        db, sql: "SELECT path, status, message FROM file WHERE status NOT IN ('indexed', 'lossy-utf8') ORDER BY path"
      ).compactMap { row -> IndexStatistics.SkippedFile? in
        guard let status = FileStatus(rawValue: row[1]) else { return nil }
        return IndexStatistics.SkippedFile(path: row[0], reason: status, message: row[2])
      }
      let lossy = try String.fetchAll(db, sql: "SELECT path FROM file WHERE status = 'lossy-utf8' ORDER BY path")
      let blobs = try Row.fetchOne(
        db, sql: "SELECT coalesce(sum(outline_raw_bytes), 0), coalesce(sum(length(outline)), 0) FROM file")
      let meta = Dictionary(
        uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT key, value FROM meta").map { row in
          (row[0] as String, row[1] as DatabaseValue)
        })
      return IndexStatistics(
        files: files, symbols: symbols, languages: languages, statusCounts: statusCounts, skipped: skipped, lossy: lossy,
        databaseBytes: Self.fileSize(path) + Self.fileSize(path + "-wal"),
        blobRawBytes: blobs?[0] ?? 0, blobCompressedBytes: blobs?[1] ?? 0,
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
