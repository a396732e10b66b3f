/// Problems with the workspace a user pointed us at, each one line naming the folder (the CLI adds the fix).
public enum WorkspaceError: Error, CustomStringConvertible, Equatable {
  case rootNotFound(String)
  case rootNotDirectory(String)
  case rootUnreadable(String, errno: Int32)

  public var description: String {
    switch self {
    case .rootNotFound(let path):
      "no such directory: \(path)"
    case .rootNotDirectory(let path):
      "not a directory: \(path)"
    case .rootUnreadable(let path, let code):
      "cannot read directory \(path): \(Errno.describe(code))"
    }
  }
}
