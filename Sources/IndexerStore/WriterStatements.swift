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

  /// Runs an insert whose parameters are `integers` then one blob. The blob is bound without copying (a
  /// nil destructor is SQLITE_STATIC), so the step runs while its bytes are pinned.
  static func insert(_ statement: OpaquePointer, _ connection: OpaquePointer, _ integers: [Int64], blob: [UInt8]) throws {
    sqlite3_reset(statement)
    for (i, value) in integers.enumerated() { sqlite3_bind_int64(statement, Int32(i + 1), value) }
    let code = blob.withUnsafeBytes { bytes in
      sqlite3_bind_blob(statement, Int32(integers.count + 1), bytes.baseAddress, Int32(bytes.count), nil)
      defer { sqlite3_clear_bindings(statement) }
      return sqlite3_step(statement)
    }
    guard code == SQLITE_DONE else { throw error(connection, code) }
  }
}
