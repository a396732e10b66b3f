import Foundation
import IndexerModel
import IndexerStore
import Synchronization

/// Keeps an index fresh for a front end (`indexer lsp`, `indexer mcp`): uses the `indexer watch` (or another
/// server's watcher) already serving the database when one answers, and otherwise runs the watch service on
/// a thread of this process, under the same writer lock — taking it over when the other one exits. Queries
/// never go through it: they read the database, which is where every batch commits.
public final class EmbeddedService: Sendable {
  private let options: ServiceOptions
  private let stop: ServiceStop
  private let current = Mutex<ServiceState>(.stopped(reason: "not started"))
  private let finished = DispatchSemaphore(value: 0)
  private let started = Atomic<Bool>(false)
  private let onState: @Sendable (ServiceState) -> Void

  public init(options: ServiceOptions, onState: @escaping @Sendable (ServiceState) -> Void = { _ in }) throws {
    self.options = options
    self.stop = try ServiceStop()
    self.onState = onState
  }

  public var state: ServiceState { current.withLock { $0 } }

  /// How often a server that is not the writer checks whether the writer is still there.
  static let handOverCheckSeconds = 0.5

  /// Starts keeping the index fresh and returns at once: runs the watch service in this process unless
  /// another process already does, and takes it over (within `handOverCheckSeconds`) when that process exits
  /// — two editors on one tree end with one writer and one reader, and never with none.
  public func start() {
    guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
    let thread = Thread { [self] in
      supervise()
      finished.signal()
    }
    thread.name = "indexer-embedded-watch"
    thread.start()
  }

  /// Stops the service (the batch in flight commits or rolls back whole) and waits for it, up to `seconds`.
  /// Calling it again returns at once.
  public func shutdown(waitingUpTo seconds: Double = 30) {
    stop.request()
    if started.exchange(false, ordering: .acquiringAndReleasing) { _ = finished.wait(timeout: .now() + seconds) }
  }

  /// Until stopped: reads while another process writes, writes once it is gone. A service that fails for
  /// any other reason than a lost race for the lock stays stopped (its reason is the state).
  private func supervise() {
    var waitedForAnother = false
    while !stop.isRequested {
      if (try? ServiceClient(databasePath: options.index.databasePath))?.isAlive() == true {
        if state != .external { set(.external) }
        waitedForAnother = true
        pause()
        continue
      }
      do {
        try WriterLock.checkFree(path: WriterLock.path(forDatabase: options.index.databasePath))
      } catch {
        // Held by a process that serves no socket (a bulk `indexer index`): wait for it too.
        set(.stopped(reason: "\(error)"))
        waitedForAnother = true
        pause()
        continue
      }
      if waitedForAnother {
        ServiceLog(path: options.logPath, toStandardError: options.logsToStandardError)
          .info("taking over the watch: the process that kept this index fresh has exited")
      }
      do {
        try IndexService(options: options, stop: stop) { [self] in set($0) }.run()
        return
      } catch StoreError.writerLocked(let lock, let pid) {
        // Another server took the lock first: read while it writes.
        set(.stopped(reason: "\(StoreError.writerLocked(lock: lock, pid: pid))"))
        waitedForAnother = true
        pause()
      } catch {
        set(.stopped(reason: "\(error)"))
        return
      }
    }
  }

  /// Sleeps `handOverCheckSeconds`, or less when a stop is requested.
  private func pause() {
    var fd = pollfd(fd: stop.descriptor, events: Int16(POLLIN), revents: 0)
    _ = poll(&fd, 1, Int32(Self.handOverCheckSeconds * 1000))
  }

  private func set(_ state: ServiceState) {
    current.withLock { $0 = state }
    onState(state)
  }
}
