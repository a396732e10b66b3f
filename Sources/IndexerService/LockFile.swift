#if canImport(Glibc)
  import Glibc
#endif

/// One writer per database: an advisory `flock` on `.indexer/lock` (or `<db>.lock` with `--db`) holding the pid.
///
/// The kernel drops a flock when its process dies, so a lock left by `kill -9` is simply taken over.
public final class LockFile: Sendable {
  public let path: String
  private let fd: Int32

  public enum Failure: Error, CustomStringConvertible {
    case held(path: String, pid: Int32?)
    case cannotOpen(path: String, errno: Int32)

    public var description: String {
      switch self {
      case .held(let path, let pid):
        "another indexer (pid \(pid.map(String.init) ?? "unknown")) is writing this index (lock \(path)) — "
          + "stop it first; queries keep working meanwhile"
      case .cannotOpen(let path, let code):
        "cannot open the lock \(path): \(String(cString: strerror(code)).lowercased()) — pass --db with a writable location"
      }
    }
  }

  /// The lock next to a database: `<root>/.indexer/lock` for the default location, `<db>.lock` otherwise.
  public static func path(forDatabase database: String) -> String {
    CompanionFile.path(forDatabase: database, name: "lock", suffix: "lock")
  }

  public init(path: String) throws(Failure) {
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw .cannotOpen(path: path, errno: errno) }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      let holder = Self.readPID(fd)
      close(fd)
      throw .held(path: path, pid: holder)
    }
    ftruncate(fd, 0)
    let pid = "\(getpid())\n"
    _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
    self.fd = fd
    self.path = path
  }

  /// Releases the lock and removes the file (only the holder may remove it).
  public func release() {
    unlink(path)
    close(fd)
  }

  private static func readPID(_ fd: Int32) -> Int32? {
    var buffer = [UInt8](repeating: 0, count: 32)
    let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
    guard n > 0 else { return nil }
    return Int32(String(decoding: buffer[..<n], as: UTF8.self).filter(\.isNumber))
  }
}
