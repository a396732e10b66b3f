import Foundation
import IndexerModel
import IndexerStore

/// The stored rows and the connection they came from: the writer's database, or a read-only connection
/// when nothing may need writing. `@unchecked` because the read-only connection's SQLite handle is not
/// thread-safe: the loader thread hands this over once, after its group is waited on, and never touches it again.
struct StoredState: @unchecked Sendable {
  var database: IndexDatabase?
  var readOnly: ReadOnlyConnection?
  var stored: [String: StoredFile]

  init(database: IndexDatabase? = nil, readOnly: ReadOnlyConnection? = nil, stored: [String: StoredFile]) {
    self.database = database
    self.readOnly = readOnly
    self.stored = stored
  }
}

/// Opens the database and loads the stored rows on another thread while the caller walks: on a no-change
/// run these two are nearly all the work, and neither needs the other. A no-change run only reads, so the
/// rows come through a read-only connection; the writer's pool (WAL set-up, migration check, checkpoint on
/// close) is opened only when the index is missing, or a killed bulk load left indexes to rebuild.
struct StoredStateLoader {
  private let result = Locked<Result<StoredState, StoreError>?>(nil)
  private let group = DispatchGroup()

  init(openDatabase: IndexDatabase?, path: String) {
    let result = result
    DispatchQueue.global().async(group: group) {
      let loaded = Result { () throws(StoreError) -> StoredState in
        if let openDatabase { return StoredState(database: openDatabase, stored: try IndexReader(database: openDatabase).storedFiles()) }
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
    guard let loaded = result.withLock({ $0 }) else { preconditionFailure("the loader sets its result before leaving the group") }
    return try loaded.get()
  }
}
