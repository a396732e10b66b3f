import GRDB
import GRDBSQLite
import IndexerModel
import Synchronization

/// Keeps the name-to-files table (`ref_name`, `ref_file`) in step with the files' reference blobs,
/// inside the writer's transaction, through SQLite's C API: a cold index of a large C tree writes
/// millions of these rows.
final class ReferencePostingWriter {
  private let connection: OpaquePointer
  private let selectName: OpaquePointer
  private let insertName: OpaquePointer
  private let insertPosting: OpaquePointer
  private let deletePosting: OpaquePointer
  private let cache: ReferenceNameCache
  /// Names this transaction created: they reach the shared cache only once it commits.
  private(set) var created: [String: Int64] = [:]

  init(_ db: Database, cache: ReferenceNameCache) throws {
    guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE) }
    self.connection = connection
    self.cache = cache
    func prepare(_ sql: String) throws -> OpaquePointer {
      var statement: OpaquePointer?
      let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
      guard code == SQLITE_OK, let statement else {
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
      }
      return statement
    }
    selectName = try prepare("SELECT id FROM ref_name WHERE name = ?")
    insertName = try prepare("INSERT INTO ref_name (name) VALUES (?)")
    insertPosting = try prepare("INSERT OR IGNORE INTO ref_file (name_id, file_id) VALUES (?, ?)")
    deletePosting = try prepare("DELETE FROM ref_file WHERE name_id = ? AND file_id = ?")
  }

  deinit {
    for statement in [selectName, insertName, insertPosting, deletePosting] { sqlite3_finalize(statement) }
  }

  /// Records that `fileID` mentions each of `names`.
  func add(fileID: Int64, names: [String]) throws {
    for name in names {
      let id = try nameID(name)
      try run(insertPosting, id, fileID)
    }
  }

  /// Forgets `fileID`'s rows, found through the names in the blob it had.
  func remove(fileID: Int64, storedBlob: [UInt8]?) throws {
    guard let storedBlob, !storedBlob.isEmpty, let raw = Zstd.decompress(storedBlob),
      let references = try? ReferenceCodec.decode(raw)
    else { return }
    for name in references.names {
      guard let id = try existingID(name) else { continue }
      try run(deletePosting, id, fileID)
    }
  }

  /// After the transaction committed: its new names are safe to remember.
  func publish() {
    cache.insert(created)
  }

  private func nameID(_ name: String) throws -> Int64 {
    if let id = try existingID(name) { return id }
    try withText(insertName, name) { code in
      guard code == SQLITE_DONE else { throw error(code) }
    }
    let id = sqlite3_last_insert_rowid(connection)
    created[name] = id
    return id
  }

  private func existingID(_ name: String) throws -> Int64? {
    if let id = cache.id(of: name) ?? created[name] { return id }
    let found: Int64? = try withText(selectName, name) { code in
      if code == SQLITE_ROW { return sqlite3_column_int64(selectName, 0) }
      guard code == SQLITE_DONE else { throw error(code) }
      return nil
    }
    if let found { created[name] = found }
    return found
  }

  private func withText<T>(_ statement: OpaquePointer, _ text: String, _ body: (Int32) throws -> T) throws -> T {
    var text = text
    return try text.withUTF8 { utf8 in
      sqlite3_reset(statement)
      defer {
        sqlite3_clear_bindings(statement)
        sqlite3_reset(statement)
      }
      let base = utf8.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(bitPattern: 1)!
      sqlite3_bind_text(statement, 1, base.assumingMemoryBound(to: CChar.self), Int32(utf8.count), nil)
      return try body(sqlite3_step(statement))
    }
  }

  private func run(_ statement: OpaquePointer, _ a: Int64, _ b: Int64) throws {
    sqlite3_reset(statement)
    sqlite3_bind_int64(statement, 1, a)
    sqlite3_bind_int64(statement, 2, b)
    let code = sqlite3_step(statement)
    guard code == SQLITE_DONE else { throw error(code) }
  }

  private func error(_ code: Int32) -> DatabaseError {
    DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
  }
}

/// Name ids already in the database, remembered across batches so a name is looked up once per run.
/// Bounded: past a million names it starts over rather than grow with the tree.
package final class ReferenceNameCache: Sendable {
  private let ids = Mutex<[String: Int64]>([:])
  private static let limit = 1_000_000

  package init() {}

  func id(of name: String) -> Int64? {
    ids.withLock { $0[name] }
  }

  func insert(_ entries: [String: Int64]) {
    ids.withLock { ids in
      if ids.count + entries.count > Self.limit { ids.removeAll(keepingCapacity: true) }
      ids.merge(entries) { _, new in new }
    }
  }
}
