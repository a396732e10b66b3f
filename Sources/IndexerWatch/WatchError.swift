/// Why watching failed, each one line in the library's words (the CLI adds the fix).
public enum WatchError: Error, CustomStringConvertible, Equatable {
  case cannotInitialize(errno: Int32)
  /// `max_user_watches` is too low for the tree: how many folders it has and the current limit.
  case outOfWatches(directories: Int, limit: Int)
  case cannotWatch(path: String, errno: Int32)
  /// The folder being watched is gone (deleted, or moved away): there is nothing left to follow.
  case rootGone(path: String)

  /// The smallest `max_user_watches` that fits the tree with room to grow.
  public static func suggestedWatchLimit(directories: Int) -> Int { max(directories * 2, 524_288) }

  public var description: String {
    switch self {
    case .cannotInitialize(let code):
      "cannot start inotify: \(describe(code))"
    case .outOfWatches(let directories, let limit):
      "out of inotify watches: this tree has \(directories) folders and fs.inotify.max_user_watches is \(limit)"
    case .cannotWatch(let path, let code):
      "cannot watch \(path): \(describe(code))"
    case .rootGone(let path):
      "the watched folder \(path) was deleted or moved away; start indexer watch again where the tree is now"
    }
  }
}

#if canImport(Glibc)
  import Glibc
#endif

private func describe(_ code: Int32) -> String { String(cString: strerror(code)).lowercased() }
