import Foundation
import IndexerCache
import IndexerTestSupport
import Testing

/// The HTTP and Redis backends against the real servers, where the servers close connections the way
/// they do in production: nginx after `keepalive_requests` replies (with `Connection: close`) and after
/// `keepalive_timeout` idle seconds; Redis after `timeout` idle seconds. None of that is a failure.
@Suite(.serialized) struct ServerBackendTests {
  private func values(_ count: Int) -> [(CacheKey, [UInt8])] {
    (0..<count).map { i in (CacheKey(bytes: Array("file \(i)".utf8), language: .python), (0..<(i * 37 % 5000)).map { UInt8(truncatingIfNeeded: $0 &* i) }) }
  }

  private func exercise(_ backend: any CacheBackend, idleSeconds: Double) throws {
    let entries = values(40)
    for (key, value) in entries { try backend.store(key, value) }
    let missing = CacheKey(bytes: [0xFF], language: .c)
    let fetched = try backend.fetchMany(entries.map(\.0) + [missing])
    #expect(fetched.count == entries.count, "every stored key, and not the missing one")
    for (key, value) in entries { #expect(fetched[key] == value) }
    #expect(try backend.fetch(missing) == nil)
    // Long enough for the server to close every idle connection in the pool.
    usleep(UInt32(idleSeconds * 1_000_000))
    #expect(try backend.fetch(entries[7].0) == entries[7].1, "a closed idle connection is replaced, not reported")
    #expect(try backend.fetchMany(entries.map(\.0)).count == entries.count)
  }

  @Test func httpSurvivesConnectionsTheServerCloses() throws {
    let server = try CacheServer.nginx(keepaliveRequests: 3, keepaliveTimeout: 1)
    try exercise(try HTTPCache(url: server.url, timeoutSeconds: 2), idleSeconds: 2.5)
  }

  @Test func redisSurvivesConnectionsTheServerCloses() throws {
    let server = try CacheServer.redis(idleTimeout: 1)
    try exercise(try RedisCache(url: server.url, timeoutSeconds: 2), idleSeconds: 3)
  }

  @Test func aStoppedServerIsAFailureNotAHang() throws {
    let server = try CacheServer.redis()
    let cache = try RedisCache(url: server.url, timeoutSeconds: 1)
    try cache.store(CacheKey(bytes: [1], language: .c), [1, 2, 3])
    server.stop()
    let started = Date()
    #expect(throws: CacheFailure.self) { try cache.fetch(CacheKey(bytes: [1], language: .c)) }
    #expect(Date().timeIntervalSince(started) < 5)
  }
}
