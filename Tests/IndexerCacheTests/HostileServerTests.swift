import Foundation
import IndexerCache
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A cache server is input too: whatever bytes come back — cut short, lying about lengths, not the
/// protocol at all, or nothing — the client gives a miss or a `CacheFailure` within its timeout, never a
/// trap. The server here is a real TCP listener on loopback that answers every request with one reply.
@Suite struct HostileServerTests {
  /// Accepts connections on a free loopback port and writes `reply` (then closes, or stays silent).
  final class OneReplyServer: @unchecked Sendable {
    let port: Int
    private let fd: Int32
    private let reply: [UInt8]
    private let closeAfterReply: Bool

    init(reply: [UInt8], closeAfterReply: Bool = true) throws {
      self.reply = reply
      self.closeAfterReply = closeAfterReply
      fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      var one: Int32 = 1
      setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      var length = socklen_t(MemoryLayout<sockaddr_in>.size)
      let fd = fd
      let ok = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
      }
      guard ok, listen(fd, 16) == 0 else { throw CacheFailure("cannot listen") }
      port = Int(UInt16(bigEndian: address.sin_port))
      let thread = Thread { [self] in serve() }
      thread.start()
    }

    private func serve() {
      while true {
        let client = accept(fd, nil, nil)
        guard client >= 0 else { return }
        var request = [UInt8](repeating: 0, count: 65_536)
        _ = request.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
        _ = reply.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if closeAfterReply {
          close(client)
        } else {
          // Silent: keep the connection open until the client gives up.
          usleep(3_000_000)
          close(client)
        }
      }
    }

    deinit {
      shutdown(fd, Int32(SHUT_RDWR))
      close(fd)
    }
  }

  static let key = CacheKey(bytes: Array("x".utf8), language: .python)

  static let httpReplies: [String] = [
    "",
    "garbage\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7fffffffffffffff\r\nabc",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n7fffffffffffffff\r\nabc",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n",
    "HTTP/1.1 200 OK\r\n\r\nno length",
    "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnope",
    "HTTP/1.1 " + String(repeating: "9", count: 40_000) + "\r\n",
  ]

  @Test(arguments: httpReplies)
  func httpRepliesThatAreWrongFailOrMiss(reply: String) throws {
    let server = try OneReplyServer(reply: Array(reply.utf8))
    let cache = ExtractionCache(backend: try HTTPCache(url: "http://127.0.0.1:\(server.port)/c", timeoutSeconds: 1))
    let started = Date()
    #expect(cache.fetch(Self.key) == nil, "nothing that is not a record of ours is accepted")
    #expect(Date().timeIntervalSince(started) < 5)
  }

  static let redisReplies: [String] = [
    "", "+", "$99999999999999999999\r\n", "$-7\r\n", "$10\r\nshort", "*1\r\n$3\r\nabc\r\n", "-ERR no\r\n",
    ":42\r\n", "$4\r\nnope\r\n", "*5\r\n", String(repeating: "$", count: 40_000),
  ]

  @Test(arguments: redisReplies)
  func redisRepliesThatAreWrongFailOrMiss(reply: String) throws {
    let server = try OneReplyServer(reply: Array(reply.utf8))
    let cache = ExtractionCache(backend: try RedisCache(url: "redis://127.0.0.1:\(server.port)/0", timeoutSeconds: 1))
    let started = Date()
    #expect(cache.fetch(Self.key) == nil)
    #expect(Date().timeIntervalSince(started) < 5)
  }

  @Test func aServerThatNeverAnswersCostsTheTimeout() throws {
    let server = try OneReplyServer(reply: [], closeAfterReply: false)
    let cache = ExtractionCache(backend: try HTTPCache(url: "http://127.0.0.1:\(server.port)/c", timeoutSeconds: 1))
    let started = Date()
    #expect(cache.fetch(Self.key) == nil)
    let waited = Date().timeIntervalSince(started)
    #expect(waited >= 0.9 && waited < 4, "\(waited) s")
    #expect(cache.takeCounters().failure?.contains("timed out") == true)
  }
}
