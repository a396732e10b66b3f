#if canImport(Glibc)
  import Glibc
#endif

/// A Unix stream socket: the one file in the service that makes socket calls.
package final class UnixSocket: Sendable {
  package let fd: Int32

  package struct Failure: Error, CustomStringConvertible {
    package var operation: String
    package var code: Int32
    package var description: String { "\(operation): \(String(cString: strerror(code)).lowercased())" }
  }

  private init(fd: Int32) { self.fd = fd }

  deinit { close(fd) }

  /// Listens at `path` with mode 0600 (only this user may ask the index), replacing a stale socket file.
  package static func listen(at path: String) throws(Failure) -> UnixSocket {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw Failure(operation: "socket", code: errno) }
    let socket = UnixSocket(fd: fd)
    unlink(path)
    let bound = try withAddress(path) { address, length in bind(fd, address, length) }
    guard bound == 0 else { throw Failure(operation: "bind \(path)", code: errno) }
    chmod(path, 0o600)
    guard Glibc.listen(fd, 64) == 0 else { throw Failure(operation: "listen", code: errno) }
    return socket
  }

  package static func connect(to path: String) throws(Failure) -> UnixSocket {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw Failure(operation: "socket", code: errno) }
    let socket = UnixSocket(fd: fd)
    let connected = try withAddress(path) { address, length in Glibc.connect(fd, address, length) }
    guard connected == 0 else { throw Failure(operation: "connect \(path)", code: errno) }
    return socket
  }

  /// Waits for a client; nil when the listening socket was shut down.
  package func accept() -> UnixSocket? {
    while true {
      let client = Glibc.accept(fd, nil, nil)
      if client >= 0 {
        _ = fcntl(client, F_SETFD, FD_CLOEXEC)
        return UnixSocket(fd: client)
      }
      switch errno {
      case EINTR, ECONNABORTED, EPROTO:
        continue
      case EMFILE, ENFILE, ENOBUFS, ENOMEM:
        // Out of descriptors or memory for now: clients finishing will free some. Keep serving.
        usleep(100_000)
        continue
      default:
        return nil  // EINVAL/EBADF: the listener was shut down.
      }
    }
  }

  /// A `recv` that waits longer than this fails with EAGAIN: a client that connects and says nothing
  /// cannot hold one of the service's threads forever.
  package func setReceiveTimeout(seconds: Double) {
    var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1e6))
    _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
  }

  /// Makes a blocked `accept` return (used on shutdown).
  package func shutdownBoth() { _ = Glibc.shutdown(fd, Int32(SHUT_RDWR)) }

  package func send(_ text: String) throws(Failure) {
    var text = text
    let failed: Int32? = text.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count {
        let n = Glibc.send(fd, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
        if n < 0 {
          if errno == EINTR { continue }
          return errno
        }
        offset += n
      }
      return nil
    }
    if let failed { throw Failure(operation: "send", code: failed) }
  }

  /// Reads one `\n`-terminated line of at most `limit` bytes; nil at end of stream.
  /// Throws `tooLong` (code E2BIG) past the limit, so one client cannot make the service buffer without bound.
  package func readLine(limit: Int, buffer: inout [UInt8]) throws(Failure) -> String? {
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      if let newline = buffer.firstIndex(of: 0x0A) {
        let line = String(decoding: buffer[..<newline], as: UTF8.self)
        buffer.removeSubrange(...newline)
        return line
      }
      if buffer.count > limit { throw Failure(operation: "request longer than \(limit) bytes", code: E2BIG) }
      let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if n < 0 {
        if errno == EINTR { continue }
        throw Failure(operation: "recv", code: errno)
      }
      if n == 0 { return buffer.isEmpty ? nil : String(decoding: buffer, as: UTF8.self) }
      buffer.append(contentsOf: chunk[..<n])
    }
  }

  private static func withAddress(
    _ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32
  ) throws(Failure) -> Int32 {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    let capacity = MemoryLayout.size(ofValue: address.sun_path)
    guard bytes.count < capacity else { throw Failure(operation: "socket path longer than \(capacity - 1) bytes: \(path)", code: ENAMETOOLONG) }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      raw.copyBytes(from: bytes)
      raw[bytes.count] = 0
    }
    return withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
  }
}
