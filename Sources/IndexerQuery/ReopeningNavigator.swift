#if canImport(Glibc)
  import Glibc
#endif
import IndexerStore

/// The navigator over a database that may not exist yet and may be replaced: a first build publishes
/// the file when it is done, and a bulk build renames a new one over the old — an open connection would
/// keep reading the old inode. Checks the file's identity (one `stat`) before each use and reopens.
public final class ReopeningNavigator {
  public let root: String
  public let databasePath: String
  private var navigator: WorkspaceNavigator?
  private var openedFile: (device: UInt, inode: UInt)?

  public init(root: String, databasePath: String) {
    self.root = root
    self.databasePath = databasePath
  }

  /// nil while there is no database yet (callers answer empty, from what is committed: nothing).
  public func current() throws(StoreError) -> WorkspaceNavigator? {
    var info = stat()
    guard stat(databasePath, &info) == 0 else {
      navigator = nil
      return nil
    }
    let file = (UInt(info.st_dev), UInt(info.st_ino))
    if let navigator, let openedFile, openedFile == file { return navigator }
    do {
      navigator = try WorkspaceNavigator(root: root, databasePath: databasePath)
      openedFile = file
    } catch .notFound {
      navigator = nil
    }
    return navigator
  }
}
