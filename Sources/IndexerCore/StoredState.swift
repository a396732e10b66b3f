import Foundation
import IndexerModel
import IndexerStore
import IndexerWorkspace

/// The stored rows and the connection they came from: the writer's database, or a read-only connection
/// when nothing may need writing. `@unchecked` because the read-only connection's SQLite handle is not
/// thread-safe: the loader thread hands this over once, after its group is waited on, and never touches it again.
struct StoredState: @unchecked Sendable {
  var database: IndexDatabase?
  var readOnly: ReadOnlyConnection?
  /// A killed bulk build being resumed: `stored` are its rows, and the run goes on writing to it.
  var build: BulkBuild?
  /// Sorted by path bytes, the walk's order, so the planner joins the two without hashing a path.
  var stored: [StoredFile]

  init(database: IndexDatabase? = nil, readOnly: ReadOnlyConnection? = nil, build: BulkBuild? = nil, stored: [StoredFile]) {
    self.database = database
    self.readOnly = readOnly
    self.build = build
    self.stored = stored.sorted { PathOrder.precedes($0.path, $1.path) }
  }
}

/// Opens the database and loads the stored rows on another thread while the caller walks: on a no-change
/// run these two are nearly all the work, and neither needs the other. A no-change run only reads, so the
/// rows come through a read-only connection; the writer's pool (WAL set-up, migration check, checkpoint on
/// close) is opened only when the index needs migrating, or a killed bulk load of an earlier version left
/// indexes to rebuild. A missing index is not created here: the run may build it in bulk. A killed bulk
/// build beside the index is resumed when it can be trusted (`BulkBuild.resume`), and deleted otherwise.
struct StoredStateLoader {
  private let result = Locked<Result<StoredState, StoreError>?>(nil)
  private let group = DispatchGroup()

  init(openDatabase: IndexDatabase?, path: String, root: String) {
    let result = result
    DispatchQueue.global().async(group: group) {
      let loaded = Result { () throws(StoreError) -> StoredState in
        if let openDatabase { return StoredState(database: openDatabase, stored: try IndexReader(database: openDatabase).storedFiles()) }
        if BulkBuild.exists(forDatabase: path) {
          let lock = try WriterLock(path: WriterLock.path(forDatabase: path))
          if let build = BulkBuild.resume(live: path, root: root, lock: lock) {
            return StoredState(build: build, stored: try IndexReader(database: build.database).storedFiles())
          }
        }
        if access(path, F_OK) != 0 { return StoredState(stored: []) }
        if let lookup = try? ReadOnlyConnection(path: path), let stored = try? IndexReader(connection: lookup).storedFiles(),
          (try? lookup.hasDroppedIndexes()) == false
        {
          return StoredState(readOnly: lookup, stored: stored)
        }
        let database = try IndexDatabase.openForWriting(path: path)
        return StoredState(database: database, stored: try IndexReader(database: database).storedFiles())
      }
      result.withLock { $0 = loaded }
    }
  }

  func wait() throws(StoreError) -> StoredState {
    group.wait()
    // Taken out, so the loader keeps no second reference to a connection the run may close.
    guard let loaded = result.withLock({ $0.take() }) else { preconditionFailure("the loader sets its result before leaving the group") }
    return try loaded.get()
  }
}
