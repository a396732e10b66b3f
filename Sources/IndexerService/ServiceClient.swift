import Foundation
import IndexerModel
import IndexerQuery
import IndexerStore

/// Asks a running `indexer watch` over its socket. Callers fall back to the database on `unavailable`.
public final class ServiceClient {
  public enum Failure: Error, CustomStringConvertible {
    /// No watcher listens there (no socket, or a stale one): read the database instead.
    case unavailable
    /// The watcher answered with an error: print it as our own.
    case remote(String)

    public var description: String {
      switch self {
      case .unavailable: "no watcher is running"
      case .remote(let message): message
      }
    }
  }

  private let socket: UnixSocket
  private var buffer: [UInt8] = []

  /// The socket of the watcher serving this database: `<root>/.indexer/indexer.sock`, or `<db>.sock`.
  public static func socketPath(forDatabase database: String) -> String {
    CompanionFile.path(forDatabase: database, name: "indexer.sock", suffix: "sock")
  }

  public init(databasePath: String) throws(Failure) {
    do {
      socket = try UnixSocket.connect(to: Self.socketPath(forDatabase: databasePath))
    } catch {
      throw .unavailable
    }
  }

  public func symbols(_ query: SymbolQuery) throws(Failure) -> [SymbolMatch] {
    let reply = try ask(WireCoding.request(query))
    return (reply["symbols"] as? [[String: Any]] ?? []).compactMap(WireCoding.match)
  }

  /// The outline, or nil when the file is not in the index.
  public func outline(path: String) throws(Failure) -> FileIndex? {
    let reply = try ask(["op": "file", "path": path])
    return (reply["outline"] as? [String: Any]).flatMap(WireCoding.outline)
  }

  /// Whether the watcher answers a ping (a socket file alone may be left over from a killed one).
  public func isAlive() -> Bool {
    (try? ask(["op": "ping"])) != nil
  }

  /// Waits until every change made before this call has been indexed (a cookie file, as Watchman does).
  public func sync() throws(Failure) {
    _ = try ask(["op": "sync"])
  }

  /// The watcher's own numbers (pid, watches, events, batches, latencies, memory, hot layer).
  public func serviceStatistics() throws(Failure) -> [String: Any] {
    try ask(["op": "stats"])["service"] as? [String: Any] ?? [:]
  }

  private func ask(_ request: [String: Any]) throws(Failure) -> [String: Any] {
    do {
      try socket.send(WireCoding.encode(request))
      guard let line = try socket.readLine(limit: 1 << 30, buffer: &buffer), let reply = WireCoding.decode(line) else {
        throw Failure.unavailable
      }
      if reply["ok"] as? Bool == true { return reply }
      throw Failure.remote(reply["error"] as? String ?? "the watcher could not answer")
    } catch let failure as Failure {
      throw failure
    } catch {
      throw .unavailable
    }
  }
}
