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
    var result: [UInt8] = []
    var capacity = max(min(sizeHint, limit) + 1, 4096)
    var failure: Int32 = 0
    while failure == 0 {
      // Read straight into uninitialized array storage: no zero-fill of a buffer about to be overwritten.
      let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
        count = 0
        while count < buffer.count {
          let n = Glibc.read(fd, buffer.baseAddress! + count, buffer.count - count)
          if n < 0 {
            if errno == EINTR { continue }
            failure = errno
            return
          }
          if n == 0 { break }
          count += n
        }
      }
      if failure != 0 { break }
      if result.isEmpty { result = chunk } else { result += chunk }
      if chunk.count < capacity || result.count >= limit { break }
      capacity = min(capacity * 2, max(limit - result.count, 1))
    }
    if failure != 0 { throw FileReadError(path: path, code: failure) }
    if result.count > limit { result.removeSubrange(limit...) }
    return result
  }
}
