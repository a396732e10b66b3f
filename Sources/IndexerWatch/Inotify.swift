#if canImport(Glibc)
  import Glibc
#endif

/// errno from a failed call.
package struct SystemErrno: Error, Equatable {
  package var code: Int32
}

/// One record read from an inotify descriptor: the watch it came from, what happened, and the name.
package struct InotifyEvent: Sendable, Hashable {
  package var watch: Int32
  package var mask: UInt32
  package var cookie: UInt32
  package var name: String

  package func has(_ flag: UInt32) -> Bool { mask & flag != 0 }
}

/// The inotify system calls, the only place in the project that makes them (like NIO's `enum Epoll`).
///
/// Raw through Glibc: libinotifytools was measured and rejected (one global instance, no descriptor to
/// poll, stale paths after a folder rename).
package enum Inotify {
  package static let directoryMask: UInt32 =
    UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF
      | IN_MOVE_SELF | IN_ATTRIB) | UInt32(IN_ONLYDIR) | UInt32(IN_EXCL_UNLINK)

  package static let overflow = UInt32(IN_Q_OVERFLOW)
  package static let ignored = UInt32(IN_IGNORED)
  package static let isDirectory = UInt32(IN_ISDIR)
  package static let created = UInt32(IN_CREATE)
  package static let deleted = UInt32(IN_DELETE)
  package static let movedFrom = UInt32(IN_MOVED_FROM)
  package static let movedTo = UInt32(IN_MOVED_TO)
  package static let deletedSelf = UInt32(IN_DELETE_SELF)
  package static let movedSelf = UInt32(IN_MOVE_SELF)

  /// A non-blocking, close-on-exec descriptor to poll.
  package static func open() throws(WatchError) -> Int32 {
    let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
    guard fd >= 0 else { throw .cannotInitialize(errno: errno) }
    return fd
  }

  /// Adds (or refreshes) a watch on a folder; ENOSPC means `max_user_watches` is spent.
  package static func addWatch(_ fd: Int32, path: String, mask: UInt32 = directoryMask) -> Result<Int32, SystemErrno> {
    while true {
      let wd = inotify_add_watch(fd, path, mask)
      if wd >= 0 { return .success(wd) }
      if errno == EINTR { continue }
      return .failure(SystemErrno(code: errno))
    }
  }

  package static func removeWatch(_ fd: Int32, _ wd: Int32) {
    _ = inotify_rm_watch(fd, wd)
  }

  /// Reads every record available now (none when the descriptor would block).
  package static func read(_ fd: Int32, into buffer: inout [UInt8]) -> [InotifyEvent] {
    var events: [InotifyEvent] = []
    while true {
      let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        return events  // EAGAIN: drained.
      }
      if n == 0 { return events }
      buffer.withUnsafeBytes { raw in
        var offset = 0
        // struct inotify_event { int wd; uint32_t mask, cookie, len; char name[len]; }: a 16-byte header.
        while offset + 16 <= n {
          let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
          let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
          let cookie = raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
          let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
          let nameBytes = raw[(offset + 16)..<min(offset + 16 + length, n)]
          let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
          events.append(InotifyEvent(watch: wd, mask: mask, cookie: cookie, name: name))
          offset += 16 + length
        }
      }
    }
  }

  /// The kernel's per-user watch limit, for the message when it runs out.
  package static func maxUserWatches() -> Int {
    guard let text = try? String(decoding: readAll("/proc/sys/fs/inotify/max_user_watches"), as: UTF8.self) else { return 0 }
    return Int(String(text.filter(\.isNumber))) ?? 0
  }

  private static func readAll(_ path: String) throws -> [UInt8] {
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw WatchError.cannotInitialize(errno: errno) }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 64)
    let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
    return Array(buffer.prefix(max(n, 0)))
  }
}
