import GRDB
import GRDBSQLite
import IndexerModel

/// Inserts symbol rows through SQLite's C API on GRDB's own connection: the writer's hot loop.
///
/// Measured ~2.1M rows/s against ~0.7M through GRDB's `execute(arguments:)`, which builds
/// `StatementArguments` and `DatabaseValue`s per row. Lives only inside one write transaction.
final class SymbolRowWriter {
  private let statement: OpaquePointer
  private let connection: OpaquePointer
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  init(_ db: Database) throws {
    guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE) }
    self.connection = connection
    var statement: OpaquePointer?
    let sql = """
      INSERT INTO symbol (file_id, name, kind, container, line, col, end_line, end_col, signature, flags)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """
    let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
    guard code == SQLITE_OK, let statement else {
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
    }
    self.statement = statement
  }

  deinit { sqlite3_finalize(statement) }

  func insert(_ symbol: Symbol, fileID: Int64) throws {
    sqlite3_reset(statement)
    sqlite3_bind_int64(statement, 1, fileID)
    bind(2, symbol.name)
    sqlite3_bind_int(statement, 3, Int32(symbol.kind.code))
    bind(4, symbol.container)
    sqlite3_bind_int64(statement, 5, Int64(symbol.range.start.line))
    sqlite3_bind_int64(statement, 6, Int64(symbol.range.start.column))
    sqlite3_bind_int64(statement, 7, Int64(symbol.range.end.line))
    sqlite3_bind_int64(statement, 8, Int64(symbol.range.end.column))
    bind(9, symbol.signature)
    sqlite3_bind_int(statement, 10, Int32(OutlineCodec.flags(symbol)))
    let code = sqlite3_step(statement)
    guard code == SQLITE_DONE else {
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
    }
  }

  private func bind(_ index: Int32, _ text: String) {
    var text = text
    text.withUTF8 { utf8 in
      _ = sqlite3_bind_text(statement, index, utf8.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }, Int32(utf8.count), Self.transient)
    }
  }
}
