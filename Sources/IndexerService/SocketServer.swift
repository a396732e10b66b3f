import Foundation
import Synchronization

/// Accepts clients on the service's Unix socket and serves each on its own thread (at most 64 at once).
final class SocketServer: Sendable {
  private let listener: UnixSocket
  private let handler: ServiceHandler
  private let active = Atomic<Int>(0)
  private let stopped = Atomic<Bool>(false)
  let path: String
  static let maxClients = 64

  private let clientTimeoutSeconds: Double

  init(path: String, handler: ServiceHandler, clientTimeoutSeconds: Double) throws(UnixSocket.Failure) {
    self.path = path
    self.clientTimeoutSeconds = clientTimeoutSeconds
    listener = try UnixSocket.listen(at: path)
    self.handler = handler
  }

  func start() {
    let thread = Thread { [self] in acceptLoop() }
    thread.name = "indexer-socket"
    thread.start()
  }

  private func acceptLoop() {
    while !stopped.load(ordering: .acquiring), let client = listener.accept() {
      client.setReceiveTimeout(seconds: clientTimeoutSeconds)
      if active.load(ordering: .relaxed) >= Self.maxClients {
        try? client.send(WireCoding.line(WireReply.failure("too many clients; try again")))
        continue
      }
      active.add(1, ordering: .relaxed)
      let worker = Thread { [self] in
        handler.serve(client)
        active.subtract(1, ordering: .relaxed)
      }
      worker.start()
    }
  }

  func stop() {
    stopped.store(true, ordering: .releasing)
    listener.shutdownBoth()
    unlink(path)
  }
}
