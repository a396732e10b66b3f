#if canImport(Glibc)
  import Glibc
#endif
import Foundation
import GRDB
import GRDBSQLite
import IndexerModel

/// A bulk (cold) build: a new database written beside the live one, then published by an atomic rename.
///
/// The new file has no write-ahead log and is never fsync-ed while it grows (a rollback journal, which
/// costs little here because pages appended past the file's end are not journaled, keeps each batch
/// whole if the process is killed). The symbol name index and the name-to-files lists are built once at
/// the end, from sorted data. Until the rename the live index is untouched and readers keep using it; a
/// killed build leaves its file behind, and the next run on the same boot and root resumes from it.
package final class BulkBuild {
  /// The database being built: what `IndexWriter` commits batches to.
  package let database: IndexDatabase
  package let path: String
  let livePath: String
  let runsPath: String
  let queue: DatabaseQueue
  private let lock: WriterLock
  private var released = false

  /// The folder-local names of a build's files: `.indexer/building.sqlite` (or `<db>.building`) and the
  /// side file of (name, file) pairs, `.indexer/building-runs.sqlite` (or `<db>.building-runs`).
  package static func paths(forDatabase live: String) -> (database: String, runs: String) {
    (
      IndexLayout.path(of: .building, forDatabase: live),
      IndexLayout.path(of: .buildingRuns, forDatabase: live)
    )
  }

  /// Whether a build's file lies beside `live` (a killed build to resume or delete).
  package static func exists(forDatabase live: String) -> Bool {
    access(paths(forDatabase: live).database, F_OK) == 0
  }

  private init(live: String, queue: DatabaseQueue, lock: WriterLock) {
    let (path, runs) = Self.paths(forDatabase: live)
    self.path = path
    self.livePath = live
    self.runsPath = runs
    self.queue = queue
    self.lock = lock
    self.database = IndexDatabase(building: path, queue: queue)
  }

  /// Starts a build for `live`, holding `lock` (the one-writer lock of `live`) until it is published or
  /// dropped. With `copyingFrom`, every file of that index is carried over first (run 1), so the build's
  /// batches apply to it as they would in place: files the run does not touch keep their rows.
  package static func start(live: String, root: String, lock: WriterLock, copyingFrom old: String?) throws(StoreError) -> BulkBuild {
    let (path, runs) = paths(forDatabase: live)
    removeFiles(path, runs)
    do {
      let queue = try openQueue(path: path, runs: runs)
      try IndexDatabase.migrator.migrate(queue)
      try queue.inDatabase { db in
        try db.execute(sql: runTableSQL)
        try db.inTransaction {
          try IndexWriter.dropSymbolIndexes(db)
          for (key, value) in [
            (IndexWriter.bulkRunKey, DatabaseValue(value: 1)), (bootKey, bootID().databaseValue), (rootKey, root.databaseValue),
          ] {
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
          }
          return .commit
        }
        if let old { try copy(from: old, db) }
      }
      return BulkBuild(live: live, queue: queue, lock: lock)
    } catch {
      removeFiles(path, runs)
      throw IndexDatabase.map(error, path: path, creating: true)
    }
  }

  /// Reopens the build a killed run left for `live`, or deletes it, releases `lock` and returns nil when
  /// there is none or it cannot be trusted: another boot (an unsynced file may have lost pages), another
  /// root, another schema, or anything that fails to open.
  package static func resume(live: String, root: String, lock: WriterLock) -> BulkBuild? {
    let (path, runs) = paths(forDatabase: live)
    guard access(path, F_OK) == 0 else {
      lock.release()
      return nil
    }
    if access(runs, F_OK) == 0, (try? IndexDatabase.checkHeader(path: path, mustExist: true)) != nil,
      let queue = try? openQueue(path: path, runs: runs),
      let trusted = try? queue.read({ db in
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let meta = Dictionary(
          try Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE key IN (?, ?)", arguments: [bootKey, rootKey]).map {
            ($0[0] as String, $0[1] as String)
          }, uniquingKeysWith: { a, _ in a })
        return version == IndexDatabase.schemaVersion && meta[bootKey] == bootID() && meta[rootKey] == root
      }), trusted, (try? queue.inDatabase(dropFilesWithoutTheirRun)) != nil
    {
      return BulkBuild(live: live, queue: queue, lock: lock)
    }
    removeFiles(path, runs)
    lock.release()
    return nil
  }

  /// The build and its side file commit each batch separately: SQLite makes a commit across attached
  /// files atomic through a super-journal only when `synchronous` is not OFF, which the build gives up
  /// for speed. A kill between the two commits leaves files whose run of (name, file) pairs is missing;
  /// they are dropped here, so the resumed run reads them again. (A run without its files is harmless:
  /// the merge keeps only pairs whose run is their file's `ref_base`.)
  private static func dropFilesWithoutTheirRun(_ db: Database) throws {
    let runs = Set(try Int64.fetchAll(db, sql: "SELECT DISTINCT run FROM runs.ref_run"))
    let lost = try Int64.fetchAll(db, sql: "SELECT DISTINCT ref_base FROM file WHERE ref_count > 0").filter { !runs.contains($0) }
    guard !lost.isEmpty else { return }
    try db.inTransaction {
      // Their symbols and blobs go with them (ON DELETE CASCADE).
      try db.execute(sql: "DELETE FROM file WHERE ref_count > 0 AND ref_base IN (\(lost.map(String.init).joined(separator: ", ")))")
      return .commit
    }
  }

  /// Finishes the build and puts it in place of the live index: name-to-files lists from the runs, the
  /// dropped indexes rebuilt, the file switched to WAL, synced, and renamed over `livePath`.
  package func publish() throws(StoreError) {
    do {
      try queue.inDatabase { db in
        try db.inTransaction {
          try PostingRunMerge.merge(db)
          // The name index is one sort of every symbol row. SQLite sorts faster in runs of a few MB merged
          // by a helper thread than in one run the size of the page cache: 4.8 s → 2.8 s on a kernel tree.
          try db.execute(sql: "PRAGMA threads = 2")
          try db.execute(sql: "PRAGMA cache_size = -8000")
          try IndexWriter.restoreIndexes(db)
          try db.execute(sql: "PRAGMA cache_size = -65536")
          try db.execute(sql: "DELETE FROM meta WHERE key IN (?, ?, ?)", arguments: [IndexWriter.bulkRunKey, Self.bootKey, Self.rootKey])
          // The change feed starts here: what changed before a rebuild is not known.
          try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) SELECT ?, value FROM meta WHERE key = 'generation'", arguments: [SymbolJournal.startKey])
          return .commit
        }
        try db.execute(sql: "DETACH DATABASE runs")
        // The live index is a WAL database; the mode is written in the file's header.
        try db.execute(sql: "PRAGMA locking_mode = NORMAL")
        _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
      }
      try queue.close()
    } catch {
      throw IndexDatabase.map(error, path: path, creating: false)
    }
    try Self.sync(path)
    Self.retireLogs(of: livePath)
    guard rename(path, livePath) == 0 else {
      throw .cannotCreate(path: livePath, detail: String(cString: strerror(errno)).lowercased())
    }
    try Self.sync((livePath as NSString).deletingLastPathComponent.isEmpty ? "." : (livePath as NSString).deletingLastPathComponent)
    // The build's name is free again (its empty journal and log go too), and so is the side file.
    Self.removeFiles(path, runsPath)
  }

  /// Lets another writer in; an unpublished build's files stay for the next run to resume or delete.
  package func release() {
    guard !released else { return }
    released = true
    try? queue.close()
    lock.release()
  }

  deinit { release() }

  // MARK: - Pieces

  static let bootKey = "bulk_boot_id"
  static let rootKey = "bulk_root"

  /// The (name hash, file id) runs of a build, in the side file: chunks of sorted pairs
  /// (`PostingPairCodec`); `run` is the `ref_base` of the files whose pairs they are.
  static let runTableSQL = """
    CREATE TABLE IF NOT EXISTS runs.ref_run (run INTEGER NOT NULL, chunk INTEGER NOT NULL, pairs BLOB NOT NULL);
    CREATE INDEX IF NOT EXISTS runs.ref_run_order ON ref_run (run, chunk);
    """

  private static func openQueue(path: String, runs: String) throws -> DatabaseQueue {
    var config = Configuration()
    config.label = "indexer-build"
    config.prepareDatabase { db in
      try db.execute(sql: "ATTACH DATABASE ? AS runs", arguments: [runs])
      // One process owns both files; nothing waits for a disk flush until the build is published.
      try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
      _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = TRUNCATE")
      try db.execute(sql: "PRAGMA main.synchronous = OFF")
      try db.execute(sql: "PRAGMA runs.synchronous = OFF")
      try db.execute(sql: "PRAGMA cache_size = -65536")
    }
    return try DatabaseQueue(path: path, configuration: config)
  }

  /// Carries every file of the index at `old` over, with its symbols; the names it mentions become run 1.
  private static func copy(from old: String, _ db: Database) throws {
    try db.execute(sql: "ATTACH DATABASE ? AS old", arguments: [old])
    // Read as any reader would: the live index's readers keep their access while its rows are copied.
    _ = try String.fetchOne(db, sql: "PRAGMA old.locking_mode = NORMAL")
    defer { try? db.execute(sql: "DETACH DATABASE old") }
    try db.inTransaction {
      let columns = try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info('file')").map { $0[0] as String }
      let names = columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
      let values = columns.map { $0 == "ref_base" ? "1" : $0.quotedDatabaseIdentifier }.joined(separator: ", ")
      try db.execute(sql: "INSERT INTO main.file (\(names)) SELECT \(values) FROM old.file ORDER BY id")
      try db.execute(sql: "INSERT INTO main.file_blob SELECT * FROM old.file_blob ORDER BY file_id")
      try db.execute(sql: "INSERT INTO main.symbol SELECT * FROM old.symbol ORDER BY file_id, ordinal")
      try db.execute(sql: "UPDATE meta SET value = (SELECT value FROM old.meta WHERE key = 'generation') WHERE key = 'generation'")
      try PostingRunMerge.copyNames(fromAttached: "old", run: 1, db)
      return .commit
    }
  }

  /// This boot of the machine: a file written without fsync is trusted only on the boot that wrote it.
  static func bootID() -> String {
    (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
      .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown"
  }

  /// Before the rename: the old index's log must not outlive it, or SQLite would replay the old pages onto
  /// the new file. Fold it in where no reader holds it, then remove it and its index; readers that have
  /// the old file open keep their own descriptors.
  private static func retireLogs(of live: String) {
    guard access(live, F_OK) == 0 else { return }
    var handle: OpaquePointer?
    if sqlite3_open_v2(live, &handle, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let handle {
      sqlite3_busy_timeout(handle, 1_000)
      sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_TRUNCATE, nil, nil)
    }
    sqlite3_close_v2(handle)
    unlink(live + "-wal")
    unlink(live + "-shm")
  }

  private static func sync(_ path: String) throws(StoreError) {
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0, fsync(fd) == 0 else {
      let detail = String(cString: strerror(errno)).lowercased()
      if fd >= 0 { close(fd) }
      throw .cannotCreate(path: path, detail: detail)
    }
    close(fd)
  }

  private static func removeFiles(_ paths: String...) {
    for path in paths {
      for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }
  }
}
