import GRDBSQLite
import IndexerModel

extension ReadOnlyConnection {
  /// Files in path order, filtered by an SQLite GLOB on the path and by language, one page at a time.
  package func files(pathGlob: String?, languages: [Language], limit: Int, offset: Int) throws(StoreError) -> [FileSummary] {
    var sql = "SELECT path, language, status, symbol_count FROM file"
    var conditions: [String] = []
    var arguments: [SQLValue] = []
    if let pathGlob {
      conditions.append("path GLOB ?")
      arguments.append(.text(pathGlob))
    }
    if !languages.isEmpty {
      conditions.append("language IN (" + languages.map { _ in "?" }.joined(separator: ",") + ")")
      arguments += languages.map { .text($0.rawValue) }
    }
    if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
    sql += " ORDER BY path LIMIT ? OFFSET ?"
    arguments += [.integer(Int64(max(0, limit))), .integer(Int64(max(0, offset)))]
    var files: [FileSummary] = []
    try query(sql, arguments) { s throws(StoreError) in
      guard let language = Language(rawValue: Self.text(s, 1)), let status = FileStatus(rawValue: Self.text(s, 2)) else { return }
      files.append(FileSummary(path: Self.text(s, 0), language: language, status: status, symbols: Int(sqlite3_column_int64(s, 3))))
    }
    return files
  }
}
