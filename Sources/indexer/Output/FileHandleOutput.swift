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
    text.withUTF8 { buffer in
      var offset = 0
      while offset < buffer.count {
        let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          return  // A closed pipe (`| head`): nothing more to say.
        }
        offset += n
      }
    }
  }

  static var isTerminal: Bool { isatty(2) == 1 }
}

/// Collects output lines and writes them (to stdout unless told otherwise) in large chunks.
struct OutputBuffer {
  private var text = ""
  private let descriptor: Int32

  init(descriptor: Int32 = 1) { self.descriptor = descriptor }

  mutating func line(_ s: String) {
    text += s
    text += "\n"
    if text.utf8.count > 1 << 16 { flush() }
  }

  mutating func flush() {
    FileHandleOutput.write(descriptor, text)
    text = ""
  }
}
