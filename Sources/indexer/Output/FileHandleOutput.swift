#if canImport(Glibc)
  import Glibc
#endif

/// Buffered writes to stdout/stderr without Foundation: query output is on the latency path.
enum FileHandleOutput {
  static func standardError(_ text: String) {
    write(2, text)
  }

  static func write(_ fd: Int32, _ text: String) {
    var text = text
    text.withUTF8 { write(fd, $0) }
  }

  static func write(_ fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) {
    guard let base = buffer.baseAddress else { return }
    var offset = 0
    while offset < buffer.count {
      let n = Glibc.write(fd, base + offset, buffer.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        return  // A closed pipe (`| head`): nothing more to say.
      }
      offset += n
    }
  }

  static var isTerminal: Bool { isatty(2) == 1 }
}

/// Collects output lines and writes them (to stdout unless told otherwise) in large chunks.
///
/// Bytes, not a `String`: `query refs` of a common name prints thousands of lines, and appending pieces
/// to a string (and interpolating each line first) was a tenth of the query.
struct OutputBuffer {
  private var bytes: [UInt8] = []
  private let descriptor: Int32

  init(descriptor: Int32 = 1) {
    self.descriptor = descriptor
    bytes.reserveCapacity(1 << 16 + 4096)
  }

  mutating func line(_ s: String) {
    write(s)
    endLine()
  }

  mutating func write(_ s: String) { bytes += s.utf8 }

  mutating func write(_ s: StaticString) {
    bytes += UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)
  }

  mutating func write(_ n: Int) { bytes += String(n).utf8 }

  mutating func endLine() {
    bytes.append(UInt8(ascii: "\n"))
    if bytes.count > 1 << 16 { flush() }
  }

  mutating func flush() {
    bytes.withUnsafeBufferPointer { FileHandleOutput.write(descriptor, $0) }
    bytes.removeAll(keepingCapacity: true)
  }
}
