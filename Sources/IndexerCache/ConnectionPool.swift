import Synchronization

/// Idle connections to one server, reused across requests and threads: a request takes one (or opens
/// one), and gives it back only if the exchange finished cleanly, so a half-read reply is never reused.
final class ConnectionPool: Sendable {
  private let idle = Mutex<[Box]>([])
  private let open: @Sendable () throws(CacheFailure) -> TCPConnection
  static let maxIdle = 16

  /// `TCPConnection` is used by one thread at a time: taken out of the pool, used, put back.
  private final class Box: @unchecked Sendable {
    let connection: TCPConnection
    init(_ connection: TCPConnection) { self.connection = connection }
  }

  init(open: @escaping @Sendable () throws(CacheFailure) -> TCPConnection) {
    self.open = open
  }

  /// Runs `body` on an idle connection or a new one. A kept-alive connection the server has closed
  /// meanwhile (nginx's `keepalive_timeout`, Redis's `timeout`) fails on first use: then the request is
  /// made once more on a new connection (lookups and stores are idempotent), so only a server that is
  /// really gone counts as a failure.
  func with<T>(_ body: (TCPConnection) throws(CacheFailure) -> T) throws(CacheFailure) -> T {
    if let reused = idle.withLock({ $0.popLast() }) {
      do throws(CacheFailure) {
        return try finish(reused.connection, body)
      } catch {
        // Fall through to a new connection.
      }
    }
    return try finish(try open(), body)
  }

  private func finish<T>(_ connection: TCPConnection, _ body: (TCPConnection) throws(CacheFailure) -> T) throws(CacheFailure) -> T {
    let result = try body(connection)
    guard connection.reusable else { return result }
    let box = Box(connection)
    idle.withLock { if $0.count < Self.maxIdle { $0.append(box) } }
    return result
  }
}
