#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a file could not be read; the errno is kept for the message.
public struct FileReadError: Error, CustomStringConvertible {
  public var path: String
  public var code: Int32
  public var description: String { "cannot read \(path): \(Errno.describe(code))" }
}

/// Reads whole files with `open`/`read`, retrying `EINTR`: cheaper than Foundation's `Data(contentsOf:)` per file.
public enum FileReader {
  /// Reads at most `limit` bytes (the rest of a file that grew since its stat is not read).
  public static func read(_ path: String, limit: Int = .max, sizeHint: Int = 0) throws(FileReadError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw FileReadError(path: path, code: errno) }
    defer { close(fd) }
    var capacity = max(min(sizeHint, limit), 0) + 1
    var buffer = [UInt8](repeating: 0, count: max(capacity, 4096))
    capacity = buffer.count
    var count = 0
    while count < limit {
      if count == capacity {
        capacity = min(capacity * 2, limit)
        buffer.append(contentsOf: repeatElement(0, count: capacity - buffer.count))
      }
      let want = min(capacity, limit) - count
      let n = buffer.withUnsafeMutableBytes { raw in
        Glibc.read(fd, raw.baseAddress! + count, want)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw FileReadError(path: path, code: errno)
      }
      if n == 0 { break }
      count += n
    }
    buffer.removeSubrange(count...)
    return buffer
  }
}
