#if canImport(Glibc)
  import Glibc
#endif
import Foundation
import IndexerWatch
import Synchronization

/// A request to stop the service: a flag for loops that check, and a pipe that turns readable for the
/// poll loop. Signals pull it for `indexer watch`; an embedding front end (`indexer lsp`) pulls it itself.
public final class ServiceStop: Sendable {
  /// Readable once a stop was requested.
  let descriptor: Int32
  private let writer: Int32
  private let requested = Atomic<Bool>(false)

  public init() throws(WatchError) {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { throw .cannotInitialize(errno: errno) }
    _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
    _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
    descriptor = ends[0]
    writer = ends[1]
  }

  deinit {
    close(descriptor)
    close(writer)
  }

  public func request() {
    guard !requested.exchange(true, ordering: .acquiringAndReleasing) else { return }
    var byte: UInt8 = 1
    _ = Glibc.write(writer, &byte, 1)
  }

  public var isRequested: Bool { requested.load(ordering: .acquiring) }
}

/// SIGINT and SIGTERM for the service. They are blocked before the service starts any thread (threads
/// inherit the mask, so none of them can take the signal and die), and one thread `sigwait`s for them:
/// the first pulls the `ServiceStop`, and a second one exits at once, as users expect of a second Ctrl-C.
final class SignalWatch: Sendable {
  let stop: ServiceStop

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

  init(stop: ServiceStop) {
    self.stop = stop
  }

  /// Starts the thread that waits for the signals.
  func start() {
    let thread = Thread { [self] in
      var set = SignalWatch.terminationSignals()
      var received: Int32 = 0
      while sigwait(&set, &received) != 0 {}
      stop.request()
      while sigwait(&set, &received) != 0 {}
      let message = "indexer: second signal: exiting now (committed batches are kept)\n"
      _ = message.withCString { Glibc.write(2, $0, strlen($0)) }
      _exit(130)
    }
    thread.name = "indexer-signals"
    thread.start()
  }
}
