#if canImport(Glibc)
  import Glibc
#endif
import Foundation
import IndexerWatch
import Synchronization

/// SIGINT and SIGTERM for the service. They are blocked before the service starts any thread (threads
/// inherit the mask, so none of them can take the signal and die), and one thread `sigwait`s for them:
/// the first asks the service to stop — `isStopRequested` turns true and `descriptor` becomes readable for
/// the poll loop — and a second one exits at once, as users expect of a second Ctrl-C.
final class SignalWatch: Sendable {
  /// Readable once a stop was requested.
  let descriptor: Int32
  private let requested = Atomic<Bool>(false)

  /// Call before any thread exists; the service's first statement does.
  static func blockTerminationSignals() {
    var signals = terminationSignals()
    pthread_sigmask(SIG_BLOCK, &signals, nil)
  }

  private static func terminationSignals() -> sigset_t {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigaddset(&set, SIGTERM)
    return set
  }

  init() throws(WatchError) {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { throw .cannotInitialize(errno: errno) }
    _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
    _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
    descriptor = ends[0]
    writer = ends[1]
  }

  private let writer: Int32

  /// Starts the thread that waits for the signals.
  func start() {
    let thread = Thread { [self] in
      var set = SignalWatch.terminationSignals()
      var received: Int32 = 0
      while sigwait(&set, &received) != 0 {}
      requested.store(true, ordering: .releasing)
      var byte: UInt8 = 1
      _ = Glibc.write(writer, &byte, 1)
      while sigwait(&set, &received) != 0 {}
      let message = "indexer: second signal: exiting now (committed batches are kept)\n"
      _ = message.withCString { Glibc.write(2, $0, strlen($0)) }
      _exit(130)
    }
    thread.name = "indexer-signals"
    thread.start()
  }

  var isStopRequested: Bool { requested.load(ordering: .acquiring) }
}
