import Dispatch
import Synchronization

/// A cache behind plain HTTP/1.1: `GET <url>/<key>` (200 with the value, 404 when absent) and
/// `PUT <url>/<key>` (any 2xx), on kept-alive connections — what bazel-remote's HTTP API
/// (`http://host:8080/ac`) and nginx with WebDAV `PUT` serve.
public struct HTTPCache: CacheBackend {
  let host: String
  let port: Int
  /// The path the keys go under, without a trailing slash ("" for the server's root).
  let prefix: String
  let url: String
  private let pool: ConnectionPool

  /// `http://host[:port][/path]`; https needs TLS, which this binary does not carry.
  public init(url: String, timeoutSeconds: Double) throws(CacheFailure) {
    if url.hasPrefix("https://") {
      throw CacheFailure("\(url): https is not supported (no TLS in this binary) — use a plain http:// address on a trusted network, a folder, or redis://")
    }
    guard url.hasPrefix("http://") else { throw CacheFailure("\(url) is not an http:// address") }
    let rest = url.dropFirst("http://".count)
    let authority = rest.prefix { $0 != "/" }
    var path = String(rest.dropFirst(authority.count))
    while path.hasSuffix("/") { path.removeLast() }
    guard !authority.isEmpty, !authority.contains("@") else { throw CacheFailure("\(url): expected http://host[:port]/path") }
    let (host, port) = try TCPConnection.hostAndPort(authority, defaultPort: 80, url: url)
    guard path.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "?" && $0 != "#" }) else {
      throw CacheFailure("\(url): the path must be plain ASCII without spaces, ? or #")
    }
    self.host = host
    self.port = port
    self.prefix = path
    self.url = url
    pool = ConnectionPool { () throws(CacheFailure) in try TCPConnection(host: host, port: port, timeoutSeconds: timeoutSeconds) }
  }

  public var label: String { url }

  public func fetch(_ key: CacheKey) throws(CacheFailure) -> [UInt8]? {
    try pool.with { connection throws(CacheFailure) in
      try connection.send(request("GET", key, body: []))
      let (status, body) = try response(connection, method: "GET")
      switch status {
      case 200: return body
      case 404: return nil
      default: throw CacheFailure("\(url) answered GET with status \(status)")
      }
    }
  }

  /// Several GETs in flight at once, each on its own kept-alive connection: a lookup is one network
  /// latency, and a batch would otherwise pay it once per file per core.
  public func fetchMany(_ keys: [CacheKey]) throws(CacheFailure) -> [CacheKey: [UInt8]] {
    let results = Mutex<(values: [CacheKey: [UInt8]], failure: CacheFailure?)>(([:], nil))
    let next = Atomic<Int>(0)
    let group = DispatchGroup()
    for _ in 0..<min(Self.parallelRequests, keys.count) {
      DispatchQueue.global().async(group: group) {
        while results.withLock({ $0.failure == nil }) {
          let i = next.add(1, ordering: .relaxed).oldValue
          guard i < keys.count else { return }
          do throws(CacheFailure) {
            if let value = try fetch(keys[i]) { results.withLock { $0.values[keys[i]] = value } }
          } catch {
            results.withLock { $0.failure = $0.failure ?? error }
          }
        }
      }
    }
    group.wait()
    let (values, failure) = results.withLock { $0 }
    if let failure { throw failure }
    return values
  }

  static let parallelRequests = 8

  public func store(_ key: CacheKey, _ value: [UInt8]) throws(CacheFailure) {
    try pool.with { connection throws(CacheFailure) in
      try connection.send(request("PUT", key, body: value))
      let (status, _) = try response(connection, method: "PUT")
      guard (200..<300).contains(status) else { throw CacheFailure("\(url) answered PUT with status \(status)") }
    }
  }

  private func request(_ method: String, _ key: CacheKey, body: [UInt8]) -> [UInt8] {
    var head = "\(method) \(prefix)/\(key.hex) HTTP/1.1\r\nHost: \(host):\(port)\r\nUser-Agent: indexer\r\n"
    if method == "PUT" { head += "Content-Type: application/octet-stream\r\nContent-Length: \(body.count)\r\n" }
    head += "\r\n"
    return Array(head.utf8) + body
  }

  /// Status and body; the body read by Content-Length or chunked encoding, bounded by `CacheRecord.maxBytes`.
  private func response(_ connection: TCPConnection, method: String) throws(CacheFailure) -> (Int, [UInt8]) {
    let statusLine = try connection.readLine()
    let parts = statusLine.split(separator: " ", maxSplits: 2)
    guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
      throw CacheFailure("\(url) did not answer in HTTP/1.1: \(statusLine.prefix(80))")
    }
    var length: Int?
    var chunked = false
    var close = false
    while true {
      let line = try connection.readLine()
      if line.isEmpty { break }
      guard let colon = line.firstIndex(of: ":") else { continue }
      let name = line[..<colon].lowercased()
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces).lowercased()
      switch name {
      case "content-length": length = Int(value)
      case "transfer-encoding": chunked = value.contains("chunked")
      case "connection": close = value == "close"
      default: break
      }
    }
    if close { connection.reusable = false }
    var body: [UInt8] = []
    if chunked {
      while true {
        let sizeLine = try connection.readLine()
        guard let size = Int(sizeLine.prefix { $0 != ";" }, radix: 16), size >= 0, size <= CacheRecord.maxBytes - body.count else {
          throw CacheFailure("\(url) sent a malformed or oversized chunk")
        }
        if size == 0 {
          while try !connection.readLine().isEmpty {}
          break
        }
        body += try connection.read(count: size)
        _ = try connection.readLine()
      }
    } else if let length {
      guard length >= 0, length <= CacheRecord.maxBytes else { throw CacheFailure("\(url) sent a \(length)-byte body, more than a record can be") }
      body = try connection.read(count: length)
    } else if status != 204 && status != 304 && !(100..<200).contains(status) {
      throw CacheFailure("\(url) sent a body without a length")
    }
    return (status, body)
  }
}
