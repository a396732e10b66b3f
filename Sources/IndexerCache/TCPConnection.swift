#if canImport(Glibc)
  import Glibc
#endif

/// One blocking TCP connection with a connect timeout and per-call send/receive timeouts, and a read
/// buffer for line- and length-framed protocols (HTTP/1.1, RESP). Every wait is bounded: a cache server
/// that hangs costs a run at most the timeout.
final class TCPConnection {
  private let fd: Int32
  /// Cleared when the server said it closes the connection after this reply (HTTP `Connection: close`,
  /// which nginx sends after `keepalive_requests`): the pool then drops it instead of reusing it.
  var reusable = true
  private var buffer: [UInt8] = []
  private var start = 0

  init(host: String, port: Int, timeoutSeconds: Double) throws(CacheFailure) {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, String(port), &hints, &list)
    guard status == 0, let list else { throw CacheFailure("cannot resolve \(host): \(String(cString: gai_strerror(status)))") }
    defer { freeaddrinfo(list) }
    var lastError = "no address"
    var entry: UnsafeMutablePointer<addrinfo>? = list
    while let address = entry {
      entry = address.pointee.ai_next
      let fd = socket(address.pointee.ai_family, address.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), address.pointee.ai_protocol)
      guard fd >= 0 else { continue }
      if Self.connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen, timeoutSeconds: timeoutSeconds, error: &lastError) {
        var time = timeval(tv_sec: Int(timeoutSeconds), tv_usec: Int((timeoutSeconds - Double(Int(timeoutSeconds))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        self.fd = fd
        return
      }
      close(fd)
    }
    throw CacheFailure("cannot connect to \(host):\(port): \(lastError)")
  }

  /// `host`, `host:port` or `[v6]:port`.
  static func hostAndPort(_ authority: Substring, defaultPort: Int, url: String) throws(CacheFailure) -> (String, Int) {
    var host = authority
    var port = defaultPort
    if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") {
      guard let number = Int(authority[authority.index(after: colon)...]), (1...65_535).contains(number) else {
        throw CacheFailure("\(url): the port is not a number from 1 to 65535")
      }
      port = number
      host = authority[..<colon]
    }
    if host.hasPrefix("[") && host.hasSuffix("]") { host = host.dropFirst().dropLast() }
    guard !host.isEmpty else { throw CacheFailure("\(url): no host") }
    return (String(host), port)
  }

  deinit { close(fd) }

  /// A non-blocking connect waited on with `poll`, so an unreachable host costs the timeout, not minutes.
  private static func connect(
    _ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t, timeoutSeconds: Double, error: inout String
  ) -> Bool {
    let flags = fcntl(fd, F_GETFL)
    _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    defer { _ = fcntl(fd, F_SETFL, flags) }
    if Glibc.connect(fd, address, length) == 0 { return true }
    guard errno == EINPROGRESS else {
      error = String(cString: strerror(errno)).lowercased()
      return false
    }
    var descriptor = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
    let ready = poll(&descriptor, 1, Int32(timeoutSeconds * 1000))
    guard ready == 1 else {
      error = ready == 0 ? "timed out" : String(cString: strerror(errno)).lowercased()
      return false
    }
    var code: Int32 = 0
    var size = socklen_t(MemoryLayout<Int32>.size)
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &size)
    guard code == 0 else {
      error = String(cString: strerror(code)).lowercased()
      return false
    }
    return true
  }

  func send(_ bytes: [UInt8]) throws(CacheFailure) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { throw CacheFailure(n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) ? "timed out sending" : "connection lost while sending") }
      offset += n
    }
  }

  /// A line without its CRLF; lines longer than `limit` are a protocol error.
  func readLine(limit: Int = 16 * 1024) throws(CacheFailure) -> String {
    while true {
      if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
        var end = newline
        if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = String(decoding: buffer[start..<end], as: UTF8.self)
        start = newline + 1
        return line
      }
      guard buffer.count - start <= limit else { throw CacheFailure("a reply line is longer than \(limit) bytes") }
      try fill()
    }
  }

  /// Exactly `count` bytes.
  func read(count: Int) throws(CacheFailure) -> [UInt8] {
    while buffer.count - start < count { try fill() }
    let bytes = Array(buffer[start..<start + count])
    start += count
    return bytes
  }

  private func fill() throws(CacheFailure) {
    if start > 0 && start == buffer.count {
      buffer.removeAll(keepingCapacity: true)
      start = 0
    } else if start > 1 << 20 {
      buffer.removeFirst(start)
      start = 0
    }
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if n < 0 && errno == EINTR { continue }
      if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { throw CacheFailure("timed out waiting for a reply") }
      guard n > 0 else { throw CacheFailure("the server closed the connection") }
      buffer.append(contentsOf: chunk[0..<n])
      return
    }
  }
}
