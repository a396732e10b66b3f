/// Where a watch service is in its life, for front ends that report it (LSP `$/progress`, MCP `index_status`).
public enum ServiceState: Sendable, Hashable {
  /// Watching the tree and bringing the index up to date (a warm start or a cold build); queries answer
  /// from what is committed meanwhile.
  case indexing
  /// The index equals the tree as of the last batch; `files` as counted by the initial run.
  case ready(files: Int)
  /// Another process (`indexer watch`) keeps this index fresh; queries read what it commits.
  case external
  /// Not running: stopped, or never started because of `reason` (another writer holds the lock, ...).
  case stopped(reason: String)

  public var description: String {
    switch self {
    case .indexing: "indexing"
    case .ready(let files): "watching (\(files) files)"
    case .external: "kept fresh by a running indexer watch"
    case .stopped(let reason): "stopped: \(reason)"
    }
  }
}
