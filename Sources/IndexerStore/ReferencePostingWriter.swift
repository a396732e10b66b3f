import GRDB
import GRDBSQLite
import IndexerModel

/// Keeps the name-to-files table (`ref_file`) in step with the files' reference blobs, inside the
/// writer's transaction, through SQLite's C API: a cold index of a kernel tree writes ~10 million rows.
final class ReferencePostingWriter {
  private let connection: OpaquePointer
  private let insertPosting: OpaquePointer
  private let deletePosting: OpaquePointer

  /// With `staging`, rows are appended to `ref_file_staging` (a bulk load); `remove` still deletes from
  /// `ref_file`, which holds every row of earlier runs (staging is emptied when a run or the next open ends).
  init(_ db: Database, staging: Bool) throws {
    guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE) }
    self.connection = connection
    insertPosting = try WriterStatements.prepare(
      connection,
      staging
        ? "INSERT INTO ref_file_staging (name_hash, file_id) VALUES (?, ?)"
        : "INSERT OR IGNORE INTO ref_file (name_hash, file_id) VALUES (?, ?)")
    deletePosting = try WriterStatements.prepare(connection, "DELETE FROM ref_file WHERE name_hash = ? AND file_id = ?")
  }

  deinit {
    sqlite3_finalize(insertPosting)
    sqlite3_finalize(deletePosting)
  }

  /// Records that `fileID` mentions each of `names` (hash collisions within a file give one row).
  func add(fileID: Int64, names: [String]) throws {
    for hash in Set(names.map(ReferenceNameHash.of)).sorted() {
      try run(insertPosting, hash, fileID)
    }
  }

  /// Forgets `fileID`'s rows, found through the names in the blob it had.
  func remove(fileID: Int64, storedBlob: [UInt8]?) throws {
    guard let storedBlob, !storedBlob.isEmpty, let raw = Zstd.decompress(storedBlob),
      let references = try? ReferenceCodec.decode(raw)
    else { return }
    for name in references.names {
      try run(deletePosting, ReferenceNameHash.of(name), fileID)
    }
  }

  private func run(_ statement: OpaquePointer, _ a: Int64, _ b: Int64) throws {
    sqlite3_reset(statement)
    sqlite3_bind_int64(statement, 1, a)
    sqlite3_bind_int64(statement, 2, b)
    let code = sqlite3_step(statement)
    guard code == SQLITE_DONE else { throw WriterStatements.error(connection, code) }
  }
}
