#if canImport(Glibc)
  import Glibc
#endif
import IndexerModel

/// One writer per database: an advisory `flock` on `.indexer/lock` (or `<db>.lock` with `--db`) holding
/// the pid. `IndexDatabase.openForWriting` takes it, so no caller of the library can open two writers.
///
/// The kernel drops a flock when its process dies, so a lock left by `kill -9` is simply taken over.
/// Release unlinks the file while still holding the lock, then closes; a taker checks after locking that
/// the path still names the inode it locked (else it locked a file already released and unlinked, and
/// tries again). Without that check, two writers could each hold a lock on a different inode.
package final class WriterLock: Sendable {
  package let path: String
  private let fd: Int32

  /// The lock next to a database: `<root>/.indexer/lock` for the default location, `<db>.lock` otherwise.
  package static func path(forDatabase database: String) -> String {
    IndexLayout.path(of: .lock, forDatabase: database)
  }

  package init(path: String) throws(StoreError) {
    while true {
      let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      guard fd >= 0 else { throw .cannotLock(path: path, detail: String(cString: strerror(errno)).lowercased()) }
      var result: Int32
      repeat { result = flock(fd, LOCK_EX | LOCK_NB) } while result != 0 && errno == EINTR
      guard result == 0 else {
        let holder = Self.readPID(fd)
        close(fd)
        throw .writerLocked(lock: path, pid: holder)
      }
      var locked = stat()
      var named = stat()
      guard fstat(fd, &locked) == 0, stat(path, &named) == 0, locked.st_ino == named.st_ino, locked.st_dev == named.st_dev else {
        close(fd)  // Released and unlinked between our open and our flock: take the new file instead.
        continue
      }
      ftruncate(fd, 0)
      let pid = "\(getpid())\n"
      _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
      self.fd = fd
      self.path = path
      return
    }
  }

  /// Fails with `writerLocked` when another writer holds the lock now, without taking it: a run that may
  /// turn out to write nothing still tells the user up front that someone else is writing.
  package static func checkFree(path: String) throws(StoreError) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return }  // No lock file: nobody holds it.
    defer { close(fd) }
    if flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK {
      throw .writerLocked(lock: path, pid: readPID(fd))
    }
    flock(fd, LOCK_UN)
  }

  /// Releases the lock and removes the file: unlink while holding, then close (see the type's comment).
  package func release() {
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
