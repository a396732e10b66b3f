/// What can go wrong with an index database, each case printing one line that names the file and the fix.
public enum StoreError: Error, CustomStringConvertible, Equatable {
  case notFound(path: String)
  case notAnIndex(path: String)
  case corrupt(path: String, detail: String)
  case newerSchema(path: String, found: Int, supported: Int)
  case olderSchema(path: String, found: Int, supported: Int)
  case cannotCreate(path: String, detail: String)
  case locked(path: String)
  case corruptBlob(path: String)
  case sqlite(path: String, detail: String)

  public var description: String {
    switch self {
    case .notFound(let path):
      "no index at \(path) — run `indexer index` first (or pass --db/--root)"
    case .notAnIndex(let path):
      "\(path) is not an indexer database — pass another --db, or delete it if it is an old file of ours"
    case .corrupt(let path, let detail):
      "the index \(path) is corrupt (\(detail)) — delete it and run `indexer index` again"
    case .newerSchema(let path, let found, let supported):
      "the index \(path) has schema version \(found), newer than this indexer's \(supported) — upgrade indexer or delete the file to rebuild it"
    case .olderSchema(let path, let found, let supported):
      "the index \(path) has schema version \(found), older than this indexer's \(supported) — run `indexer index` to upgrade it"
    case .cannotCreate(let path, let detail):
      "cannot create the index at \(path): \(detail) — pass --db with a writable location"
    case .locked(let path):
      "the index \(path) is busy: another indexer is writing it — wait for it to finish"
    case .corruptBlob(let path):
      "the stored outline of \(path) cannot be decoded — run `indexer index` to re-read it"
    case .sqlite(let path, let detail):
      "database error in \(path): \(detail)"
    }
  }
}
