/// Problems with the workspace a user pointed us at; each prints as one line that says what to do.
public enum WorkspaceError: Error, CustomStringConvertible, Equatable {
  case rootNotFound(String)
  case rootNotDirectory(String)
  case rootUnreadable(String, errno: Int32)

  public var description: String {
    switch self {
    case .rootNotFound(let path):
      "no such directory: \(path) — pass the path of an existing workspace folder"
    case .rootNotDirectory(let path):
      "not a directory: \(path) — pass the workspace folder, not a file inside it"
    case .rootUnreadable(let path, let code):
      "cannot read directory \(path): \(Errno.describe(code)) — check its permissions"
    }
  }
}
