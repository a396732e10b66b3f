import GRDBSQLite
import IndexerModel

/// SQLite's C API for the reads that skip GRDB's row decoding, in one place: one prepared statement stepped
/// row by row, every failure mapped to the `StoreError` that names the file. The read-only connection and
/// the writer's pool (through `Database.sqliteConnection`) both read through here.
enum SQLiteStatement {
  static func run(
    _ connection: OpaquePointer, path: String, _ sql: String, _ arguments: [SQLValue],
    row: (OpaquePointer) throws(StoreError) -> Void
  ) throws(StoreError) {
    var statement: OpaquePointer?
    var code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
    guard code == SQLITE_OK, let statement else { throw error(code, connection, path: path) }
    defer { sqlite3_finalize(statement) }
    bind(statement, arguments)
    while true {
      code = sqlite3_step(statement)
      if code == SQLITE_DONE { return }
      guard code == SQLITE_ROW else { throw error(code, connection, path: path) }
      try row(statement)
    }
  }

  static func bind(_ statement: OpaquePointer, _ arguments: [SQLValue]) {
    for (i, argument) in arguments.enumerated() {
      switch argument {
      case .integer(let value): sqlite3_bind_int64(statement, Int32(i + 1), value)
      case .text(let value): sqlite3_bind_text(statement, Int32(i + 1), value, -1, transient)
      }
    }
  }

  static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  static func text(_ statement: OpaquePointer, _ column: Int32) -> String {
    guard let bytes = sqlite3_column_text(statement, column) else { return "" }
    let count = Int(sqlite3_column_bytes(statement, column))
    return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
  }

  static func error(_ code: Int32, _ connection: OpaquePointer, path: String) -> StoreError {
    error(code, String(cString: sqlite3_errmsg(connection)), path: path)
  }

  static func error(_ code: Int32, _ message: String, path: String) -> StoreError {
    switch code & 0xFF {
    case SQLITE_CORRUPT: .corrupt(path: path, detail: message)
    case SQLITE_NOTADB: .notAnIndex(path: path)
    case SQLITE_BUSY, SQLITE_LOCKED: .locked(path: path)
    case SQLITE_CANTOPEN: .notFound(path: path)
    default: .sqlite(path: path, detail: message)
    }
  }
}

/// One statement prepared once and run many times with new arguments: a query that looks up hundreds of
/// files by id would otherwise spend more on preparing than on reading.
final class ReusableStatement {
  private let statement: OpaquePointer
  private let connection: OpaquePointer
  private let path: String

  init(_ connection: OpaquePointer, path: String, _ sql: String) throws(StoreError) {
    var statement: OpaquePointer?
    let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
    guard code == SQLITE_OK, let statement else { throw SQLiteStatement.error(code, connection, path: path) }
    self.statement = statement
    self.connection = connection
    self.path = path
  }

  deinit { sqlite3_finalize(statement) }

  func run(_ arguments: [SQLValue], row: (OpaquePointer) throws(StoreError) -> Void) throws(StoreError) {
    sqlite3_reset(statement)
    sqlite3_clear_bindings(statement)
    SQLiteStatement.bind(statement, arguments)
    while true {
      let code = sqlite3_step(statement)
      if code == SQLITE_DONE { return }
      guard code == SQLITE_ROW else {
        let error = SQLiteStatement.error(code, connection, path: path)
        sqlite3_reset(statement)
        throw error
      }
      // A statement left mid-way would hold its snapshot until its next use.
      do { try row(statement) } catch {
        sqlite3_reset(statement)
        throw error
      }
    }
  }
}
