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

  init(_ db: Database) throws {
    guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE) }
    self.connection = connection
    statement = try WriterStatements.prepare(
      connection,
      """
      INSERT INTO symbol (file_id, ordinal, name, kind, container, line, col, end_line, end_col, signature, flags)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
  }

  deinit { sqlite3_finalize(statement) }

  func insert(_ symbol: Symbol, ordinal: Int, fileID: Int64, containerKind: SymbolKind?) throws {
    sqlite3_reset(statement)
    sqlite3_bind_int64(statement, 1, fileID)
    sqlite3_bind_int64(statement, 2, Int64(ordinal))
    sqlite3_bind_int(statement, 4, Int32(symbol.kind.code))
    sqlite3_bind_int64(statement, 6, Int64(symbol.range.start.line))
    sqlite3_bind_int64(statement, 7, Int64(symbol.range.start.column))
    sqlite3_bind_int64(statement, 8, Int64(symbol.range.end.line))
    sqlite3_bind_int64(statement, 9, Int64(symbol.range.end.column))
    let scope = containerKind.map { Int32($0.code) + 1 } ?? 0
    sqlite3_bind_int(statement, 11, Int32(OutlineCodec.flags(symbol)) | (scope << 4))
    // The texts are bound without copying (SQLITE_STATIC), so the step must run while all three are pinned.
    var (name, container) = (symbol.name, symbol.container)
    let signature = StoredSignature.encode(symbol.signature, name: symbol.name)
    let code = name.withUTF8 { n in
      container.withUTF8 { c in
        signature.withUnsafeBufferPointer { s in
          bind(3, n)
          bind(5, c)
          bind(10, s)
          defer { sqlite3_clear_bindings(statement) }
          return sqlite3_step(statement)
        }
      }
    }
    guard code == SQLITE_DONE else {
      throw WriterStatements.error(connection, code)
    }
  }

  private func bind(_ index: Int32, _ utf8: UnsafeBufferPointer<UInt8>) {
    // An empty Swift string may have no base address; SQLite needs a non-null pointer for '' (not NULL).
    let empty: StaticString = ""
    let pointer = utf8.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(empty.utf8Start)
    sqlite3_bind_text(statement, index, pointer.assumingMemoryBound(to: CChar.self), Int32(utf8.count), nil)
  }
}
