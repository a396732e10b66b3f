import GRDBSQLite

/// What SQLite holds in this process: page caches of every connection, statements, schema. A watcher's
/// resident size is mostly this and malloc's, and `indexer stats` reports both so growth can be told apart.
package enum SQLiteMemory {
  /// Bytes SQLite has allocated now (`SQLITE_STATUS_MEMORY_USED`); nil when its accounting is off.
  package static func bytesInUse() -> Int? {
    var current: sqlite3_int64 = 0
    var highest: sqlite3_int64 = 0
    guard sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &current, &highest, 0) == SQLITE_OK, current > 0 else { return nil }
    return Int(current)
  }
}
