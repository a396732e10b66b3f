#if canImport(Glibc)
  import Glibc
#endif

/// Blocking whole-buffer reads and writes on a pipe, retrying `EINTR` and short transfers.
package enum PipeIO {
  package struct Closed: Error {}

  package static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(Closed) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { throw Closed() }
      offset += n
    }
  }

  /// Exactly `count` bytes, or `Closed` when the other end closes first.
  package static func readExactly(_ fd: Int32, _ count: Int) throws(Closed) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: count)
    var offset = 0
    while offset < count {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + offset, count - offset) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { throw Closed() }
      offset += n
    }
    return buffer
  }

  package static func uint32(_ value: Int) -> [UInt8] {
    let v = UInt32(truncatingIfNeeded: value)
    return [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
  }

  package static func readUInt32(_ fd: Int32) throws(Closed) -> Int {
    let b = try readExactly(fd, 4)
    return Int(b[0]) | Int(b[1]) << 8 | Int(b[2]) << 16 | Int(b[3]) << 24
  }

  /// Waits until `fd` is readable or `milliseconds` pass (negative: forever); false on timeout.
  package static func waitReadable(_ fd: Int32, milliseconds: Int32) -> Bool {
    var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    while true {
      let n = poll(&descriptor, 1, milliseconds)
      if n < 0 && errno == EINTR { continue }
      return n != 0
    }
  }
}
