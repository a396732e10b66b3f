/// What can go wrong with an index database, each case printing one line that names the file and the fix.
public enum StoreError: Error, CustomStringConvertible, Equatable {
  case notFound(path: String)
  case notAnIndex(path: String)
  case corrupt(path: String, detail: String)
  case newerSchema(path: String, found: Int, supported: Int)
  case olderSchema(path: String, found: Int, supported: Int)
  case cannotCreate(path: String, detail: String)
  case locked(path: String)
  case writerLocked(lock: String, pid: Int32?)
  case cannotLock(path: String, detail: String)
  case corruptBlob(path: String)
  case sqlite(path: String, detail: String)

  /// What happened, in the library's words; the CLI adds what to type (`UserFacingError`).
  public var description: String {
    switch self {
    case .notFound(let path):
      "no index at \(path)"
    case .notAnIndex(let path):
      "\(path) is not an indexer database (it was left untouched)"
    case .corrupt(let path, let detail):
      "the index \(path) is corrupt (\(detail))"
    case .newerSchema(let path, let found, let supported):
      "the index \(path) has schema version \(found), newer than this indexer's \(supported)"
    case .olderSchema(let path, let found, let supported):
      "the index \(path) has schema version \(found), older than this indexer's \(supported)"
    case .cannotCreate(let path, let detail):
      "cannot create the index at \(path): \(detail)"
    case .locked(let path):
      "the index \(path) is busy: another connection holds a lock on it"
    case .writerLocked(let lock, let pid):
      "another indexer (pid \(pid.map(String.init) ?? "unknown")) is writing this index (lock \(lock))"
    case .cannotLock(let path, let detail):
      "cannot open the writer lock \(path): \(detail)"
    case .corruptBlob(let path):
      "the stored outline or references of \(path) cannot be decoded"
    case .sqlite(let path, let detail):
      "database error in \(path): \(detail)"
    }
  }
}
