#if canImport(Glibc)
  import Glibc
#endif
import GRDB
import IndexerModel

/// An index database file: opening it for writing (migrating, WAL) or for a quick read-only query.
///
/// Every way in checks first that the file is ours and of a schema we understand, so a foreign
/// SQLite file is never migrated over and a newer index is never misread.
package final class IndexDatabase: Sendable {
  package let path: String
  package let writer: any DatabaseWriter & DatabaseReader
  /// Held by writing opens for as long as this object lives.
  private let lock: WriterLock?

  /// 'IDXR', set by Schema/0001_initial.sql.
  package static let applicationID: Int32 = 1_229_215_826
  package static var schemaVersion: Int { schemaMigrations.count }

  private init(path: String, writer: any DatabaseWriter & DatabaseReader, lock: WriterLock? = nil) {
    self.path = path
    self.writer = writer
    self.lock = lock
  }

  /// A database being built (`BulkBuild`): one connection, no lock of its own (the build holds the live one's).
  convenience init(building path: String, queue: DatabaseQueue) {
    self.init(path: path, writer: queue)
  }

  /// Empties every connection's page cache (SQLite's `sqlite3_db_release_memory`). A watcher's batches
  /// touch different pages each time, and caches sized for a bulk build (64 MiB per connection) would
  /// otherwise fill with them for as long as it runs; the pages are in the kernel's cache still.
  package func releaseMemory() {
    if let pool = writer as? DatabasePool { pool.releaseMemory() } else if let queue = writer as? DatabaseQueue { queue.releaseMemory() }
  }

  deinit {
    // Close the connections (and their final checkpoint) before another writer may take over.
    if let pool = writer as? DatabasePool { try? pool.close() }
    lock?.release()
  }

  /// Opens (creating if needed) the database for indexing: a WAL pool, migrated to the current schema.
  ///
  /// The file's identity is read from its header bytes before SQLite opens it, so a foreign database is
  /// refused byte-identical (a pool would switch it to WAL first); then the one-writer lock is taken.
  package static func openForWriting(path: String) throws(StoreError) -> IndexDatabase {
    try checkHeader(path: path, mustExist: false)
    let lock = try WriterLock(path: WriterLock.path(forDatabase: path))
    do {
      return try openPool(path: path, lock: lock)
    } catch {
      lock.release()
      throw error
    }
  }

  private static func openPool(path: String, lock: WriterLock) throws(StoreError) -> IndexDatabase {
    var config = Configuration()
    config.label = "indexer"
    config.busyMode = .timeout(10)
    config.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
      // 64 MiB of page cache: the symbol indexes are updated at random places during a bulk index.
      try db.execute(sql: "PRAGMA cache_size = -65536")
      // Checkpoints run once per run (or per watcher batch), not every 1,000 pages in the middle of a bulk write.
      try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
      // Index rebuilds after a bulk load sort in memory instead of spilling to temporary files.
      try db.execute(sql: "PRAGMA temp_store = MEMORY")
    }
    let pool: DatabasePool
    do {
      pool = try DatabasePool(path: path, configuration: config)
    } catch {
      throw map(error, path: path, creating: true)
    }
    do {
      try pool.read { db in try checkIdentity(db, path: path, allowOlder: true) }
      if try pool.read({ db in try !migrator.hasCompletedMigrations(db) }) {
        try migrateInOneTransaction(pool)
      }
      if try pool.read(IndexWriter.hasDroppedIndexes) {
        try pool.write { db in try IndexWriter.restoreIndexes(db) }
      }
    } catch let error as StoreError {
      throw error
    } catch {
      throw map(error, path: path, creating: false)
    }
    return IndexDatabase(path: path, writer: pool, lock: lock)
  }

  /// Opens the database read-only for queries: no migration, no pool, one connection.
  package static func openForReading(path: String) throws(StoreError) -> IndexDatabase {
    try checkHeader(path: path, mustExist: true)
    var config = Configuration()
    config.readonly = true
    config.label = "indexer-read"
    config.busyMode = .timeout(10)
    do {
      let queue = try DatabaseQueue(path: path, configuration: config)
      try queue.read { db in try checkIdentity(db, path: path, allowOlder: false) }
      return IndexDatabase(path: path, writer: queue)
    } catch let error as StoreError {
      throw error
    } catch {
      throw map(error, path: path, creating: false)
    }
  }

  /// Runs `body` in a read transaction, mapping SQLite failures to one-line store errors.
  package func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try writer.read(body)
    } catch let error as StoreError {
      throw error
    } catch {
      throw Self.map(error, path: path, creating: false)
    }
  }

  /// Runs `body` in one write transaction: it commits whole or not at all.
  package func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try writer.write(body)
    } catch let error as StoreError {
      throw error
    } catch {
      throw Self.map(error, path: path, creating: false)
    }
  }

  /// Folds the WAL back into the database and truncates it, so the file can be copied alone (the CI artifact).
  /// `passive` checkpoints what it can without waiting for readers: the watcher's per-batch call, which
  /// keeps the WAL from growing for days without ever blocking a query.
  package func checkpoint(passive: Bool = false) throws(StoreError) {
    do {
      try writer.writeWithoutTransaction { db in _ = try db.checkpoint(passive ? .passive : .truncate) }
    } catch {
      throw Self.map(error, path: path, creating: false)
    }
  }

  /// Applies every pending migration in one transaction, recorded where GRDB's migrator records them.
  /// GRDB commits each migration on its own, so a reader opening a new index mid-setup saw schema 1 of 4
  /// and refused it as "older"; readers now see no schema or the whole current one.
  private static func migrateInOneTransaction(_ pool: DatabasePool) throws {
    try pool.writeWithoutTransaction { db in
      try db.inTransaction(.immediate) {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        let applied = try migrator.appliedIdentifiers(db)
        for migration in schemaMigrations where !applied.contains(migration.name) {
          try db.execute(sql: migration.sql)
          try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.name])
        }
        return .commit
      }
    }
  }

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    for migration in schemaMigrations {
      migrator.registerMigration(migration.name) { db in try db.execute(sql: migration.sql) }
    }
    return migrator
  }

  /// Reads the file's identity from SQLite's 100-byte header with a plain `read`, before any SQLite
  /// connection exists: a non-empty file that is not a SQLite database, or a SQLite database that is not
  /// ours (another application id, or tables of its own), is refused untouched. An empty database (no
  /// pages beyond the schema page, no ids) is ours to set up.
  static func checkHeader(path: String, mustExist: Bool) throws(StoreError) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      let code = errno
      if code == ENOENT {
        if mustExist { throw .notFound(path: path) }
        return
      }
      if code == EISDIR { throw .notAnIndex(path: path) }
      throw .cannotCreate(path: path, detail: String(cString: strerror(code)).lowercased())
    }
    defer { close(fd) }
    var header = [UInt8](repeating: 0, count: 100)
    let n = header.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, 100) }
    if n == 0 {
      if mustExist { throw .notFound(path: path) }
      return
    }
    guard n == 100, header[0..<16].elementsEqual("SQLite format 3\0".utf8) else { throw .notAnIndex(path: path) }
    func bigEndian(_ offset: Int) -> UInt32 {
      header[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
    let applicationID = Int32(bitPattern: bigEndian(68))
    let userVersion = Int(bigEndian(60))
    // The page count field is valid only when its "version-valid-for" number matches the change counter.
    let pageCount = bigEndian(92) == bigEndian(24) ? bigEndian(28) : UInt32.max
    if applicationID == 0 && userVersion == 0 && pageCount <= 1 {
      // A database created in WAL mode keeps everything in its WAL until the first checkpoint: only
      // SQLite (`checkIdentity`) can tell what is there. Without a WAL it is empty.
      var wal = stat()
      let hasLog = stat(path + "-wal", &wal) == 0 && wal.st_size > 0
      if mustExist && !hasLog { throw .notFound(path: path) }
      return
    }
    guard applicationID == Self.applicationID else { throw .notAnIndex(path: path) }
    if userVersion > schemaVersion {
      throw .newerSchema(path: path, found: userVersion, supported: schemaVersion)
    }
  }

  private static func checkIdentity(_ db: Database, path: String, allowOlder: Bool) throws {
    let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
    let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
    if applicationID == 0 && version == 0 {
      let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
      if tables == 0 {
        if allowOlder { return }  // A brand-new, empty file: ours to set up.
        throw StoreError.notFound(path: path)
      }
    }
    guard applicationID == Self.applicationID else { throw StoreError.notAnIndex(path: path) }
    if version > schemaVersion {
      throw StoreError.newerSchema(path: path, found: version, supported: schemaVersion)
    }
    if version < schemaVersion && !allowOlder {
      throw StoreError.olderSchema(path: path, found: version, supported: schemaVersion)
    }
  }

  static func map(_ error: any Error, path: String, creating: Bool) -> StoreError {
    guard let dbError = error as? DatabaseError else {
      return .sqlite(path: path, detail: String(describing: error))
    }
    let detail = dbError.message ?? "\(dbError.resultCode)"
    switch dbError.resultCode {
    case .SQLITE_CORRUPT: return .corrupt(path: path, detail: detail)
    case .SQLITE_NOTADB: return .notAnIndex(path: path)
    case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM:
      return creating ? .cannotCreate(path: path, detail: detail) : .sqlite(path: path, detail: detail)
    case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
    default: return .sqlite(path: path, detail: detail)
    }
  }
}
