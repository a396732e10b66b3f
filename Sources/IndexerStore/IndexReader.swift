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

  package func generation() throws(StoreError) -> Int64 {
    try database.read { db in try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'generation'") ?? 0 }
  }

  package func symbols(_ filter: SymbolFilter) throws(StoreError) -> [SymbolMatch] {
    var clauses: [String] = []
    var arguments: [any DatabaseValueConvertible] = []
    switch filter.match {
    case .exact(let name):
      clauses.append("s.name = ?")
      arguments.append(name)
    case .prefix(let prefix):
      clauses.append("s.name >= ? AND s.name < ?")
      arguments += [prefix, prefix + "\u{10FFFF}"]
    case .exactIgnoringCase(let name):
      clauses.append("s.name = ? COLLATE NOCASE")
      arguments.append(name)
    case .prefixIgnoringCase(let prefix):
      clauses.append("s.name >= ? COLLATE NOCASE AND s.name < ? COLLATE NOCASE")
      arguments += [prefix, prefix + "\u{10FFFF}"]
    case .anyOf(let names):
      guard !names.isEmpty else { return [] }
      clauses.append("s.name IN (\(databaseQuestionMarks(count: names.count)))")
      arguments += names
    }
    if !filter.kinds.isEmpty {
      clauses.append("s.kind IN (\(databaseQuestionMarks(count: filter.kinds.count)))")
      arguments += filter.kinds.map { Int($0.code) }
    }
    if !filter.languages.isEmpty {
      clauses.append("f.language IN (\(databaseQuestionMarks(count: filter.languages.count)))")
      arguments += filter.languages.map(\.rawValue)
    }
    if let glob = filter.pathGlob {
      clauses.append("f.path GLOB ?")
      arguments.append(glob)
    }
    var sql = """
      SELECT s.name, s.kind, s.container, s.line, s.col, s.end_line, s.end_col, s.signature, s.flags, f.path, f.language
      FROM symbol s JOIN file f ON f.id = s.file_id
      WHERE \(clauses.joined(separator: " AND "))
      ORDER BY f.path, s.line, s.col, s.name
      """
    if let limit = filter.limit {
      sql += " LIMIT ?"
      arguments.append(limit)
    }
    let statementArguments = StatementArguments(arguments.map { $0.databaseValue })
    return try database.read { db in
      var matches: [SymbolMatch] = []
      let rows = try Row.fetchCursor(db, sql: sql, arguments: statementArguments)
      while let row = try rows.next() {
        guard let kind = SymbolKind(code: UInt8(truncatingIfNeeded: row[1] as Int)),
          let language = Language(rawValue: row[10])
        else { continue }
        var symbol = Symbol(
          name: row[0], kind: kind, container: row[2],
          range: SourceRange(start: SourcePosition(line: row[3], column: row[4]), end: SourcePosition(line: row[5], column: row[6])),
          signature: row[7])
        OutlineCodec.applyFlags(UInt8(truncatingIfNeeded: row[8] as Int), to: &symbol)
        matches.append(SymbolMatch(symbol: symbol, path: row[9], language: language))
      }
      return matches
    }
  }

  /// Every distinct symbol name, read from the name index alone (the fuzzy matcher's candidates).
  package func distinctNames() throws(StoreError) -> [String] {
    try database.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT name FROM symbol") }
  }

  /// The stored declaration tree of a file, decompressed and decoded; nil when the path is not indexed.
  package func outline(path: String) throws(StoreError) -> FileIndex? {
    let row = try database.read { db in
      try Row.fetchOne(db, sql: "SELECT language, outline FROM file WHERE path = ?", arguments: [path])
    }
    guard let row, let language = Language(rawValue: row[0]) else { return nil }
    guard let blob = row[1] as Data? else { return FileIndex(language: language) }
    guard let raw = Zstd.decompress(Array(blob)) else { throw .corruptBlob(path: path) }
    do {
      return try OutlineCodec.decode(raw, language: language)
    } catch {
      throw .corruptBlob(path: path)
    }
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
