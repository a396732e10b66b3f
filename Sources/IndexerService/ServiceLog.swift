#if canImport(Glibc)
  import Glibc
#endif
import Synchronization

/// Lines to the service's log file (and to stderr unless the service runs inside an LSP or MCP server), each
/// with a UTC timestamp.
final class ServiceLog: Sendable {
  private let file: Mutex<UnsafeMutablePointer<FILE>?>
  private let toStandardError: Bool

  init(path: String, toStandardError: Bool = true) {
    file = Mutex(fopen(path, "a"))
    self.toStandardError = toStandardError
  }

  deinit { file.withLock { if let f = $0 { fclose(f) } } }

  func info(_ message: String) {
    var now = time(nil)
    var parts = tm()
    gmtime_r(&now, &parts)
    func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
    let stamp =
      "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
      + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    let line = "\(stamp) indexer watch: \(message)\n"
    var bytes = line
    if toStandardError { bytes.withUTF8 { _ = write(2, $0.baseAddress, $0.count) } }
    file.withLock { f in
      guard let f else { return }
      fputs(line, f)
      fflush(f)
    }
  }
}

