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

  func with<T>(_ body: (TCPConnection) throws(CacheFailure) -> T) throws(CacheFailure) -> T {
    let reused = idle.withLock { $0.popLast() }
    let connection: TCPConnection
    if let reused { connection = reused.connection } else { connection = try open() }
    let result = try body(connection)
    let box = Box(connection)
    idle.withLock { if $0.count < Self.maxIdle { $0.append(box) } }
    return result
  }
}
