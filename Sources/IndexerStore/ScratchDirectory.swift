import GRDBSQLite
import IndexerModel

/// A temporary name → (language, path, key) table in a private on-disk SQLite file that SQLite deletes on
/// close: an export's first pass files every definition's key here, and its second pass looks names up,
/// so memory stays flat however many definitions a tree has.
package final class ScratchDirectory {
  private let connection: OpaquePointer
  private var insert: ReusableStatement?
  private var select: ReusableStatement?
  private static let label = "(export scratch table)"

  package init() throws(StoreError) {
    var handle: OpaquePointer?
    // An empty file name: a private temporary database, removed when closed.
    let code = sqlite3_open_v2("", &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
    guard code == SQLITE_OK, let handle else {
      sqlite3_close_v2(handle)
      throw SQLiteStatement.error(code, "cannot open a temporary database", path: Self.label)
    }
    connection = handle
    try execute("PRAGMA journal_mode = OFF")
    try execute("PRAGMA synchronous = OFF")
    try execute("PRAGMA cache_size = -32768")
    try execute("CREATE TABLE entry (name TEXT NOT NULL, language TEXT NOT NULL, path TEXT NOT NULL, key TEXT NOT NULL)")
    try execute("BEGIN")
  }

  deinit {
    insert = nil
    select = nil
    sqlite3_close_v2(connection)
  }

  package func add(name: String, language: Language, path: String, key: String) throws(StoreError) {
    if insert == nil { insert = try ReusableStatement(connection, path: Self.label, "INSERT INTO entry VALUES (?, ?, ?, ?)") }
    try insert?.run([.text(name), .text(language.rawValue), .text(path), .text(key)]) { _ throws(StoreError) in }
  }

  /// Ends the filing phase: commits and indexes the names.
  package func finish() throws(StoreError) {
    insert = nil
    try execute("COMMIT")
    try execute("CREATE INDEX entry_name ON entry (name, language)")
  }

  /// The distinct keys filed under `name` in `language`, in path order, at most `limit`.
  package func lookup(name: String, language: Language, limit: Int) throws(StoreError) -> [(path: String, key: String)] {
    if select == nil {
      select = try ReusableStatement(
        connection, path: Self.label, "SELECT DISTINCT path, key FROM entry WHERE name = ? AND language = ? ORDER BY path, key LIMIT ?")
    }
    var found: [(String, String)] = []
    try select?.run([.text(name), .text(language.rawValue), .integer(Int64(limit))]) { s throws(StoreError) in
      found.append((SQLiteStatement.text(s, 0), SQLiteStatement.text(s, 1)))
    }
    return found
  }

  private func execute(_ sql: String) throws(StoreError) {
    try SQLiteStatement.run(connection, path: Self.label, sql, []) { _ throws(StoreError) in }
  }
}
