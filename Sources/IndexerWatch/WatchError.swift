/// Why watching failed, each printing one line that says what to do.
public enum WatchError: Error, CustomStringConvertible, Equatable {
  case cannotInitialize(errno: Int32)
  /// `max_user_watches` is too low for the tree: how many folders it has and the current limit.
  case outOfWatches(directories: Int, limit: Int)
  case cannotWatch(path: String, errno: Int32)

  public var description: String {
    switch self {
    case .cannotInitialize(let code):
      "cannot start inotify: \(describe(code))"
    case .outOfWatches(let directories, let limit):
      "out of inotify watches: this tree has \(directories) folders and fs.inotify.max_user_watches is \(limit) — "
        + "raise it with `sudo sysctl fs.inotify.max_user_watches=\(max(directories * 2, 524_288))`; "
        + "until then the watcher rescans periodically (--poll-interval)"
    case .cannotWatch(let path, let code):
      "cannot watch \(path): \(describe(code))"
    }
  }
}

#if canImport(Glibc)
  import Glibc
#endif

private func describe(_ code: Int32) -> String { String(cString: strerror(code)).lowercased() }
