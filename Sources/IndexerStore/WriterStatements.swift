import GRDB
import GRDBSQLite

/// What the C-API row writers share: statements prepared once per transaction, and SQLite's error as GRDB's.
enum WriterStatements {
  static func prepare(_ connection: OpaquePointer, _ sql: String) throws -> OpaquePointer {
    var statement: OpaquePointer?
    let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
    guard code == SQLITE_OK, let statement else { throw error(connection, code) }
    return statement
  }

  static func error(_ connection: OpaquePointer, _ code: Int32) -> DatabaseError {
    DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
  }
}
