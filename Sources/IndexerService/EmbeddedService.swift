import Foundation
import IndexerStore
import Synchronization

/// Keeps an index fresh for a front end (`indexer lsp`, `indexer mcp`): uses the `indexer watch` already
/// serving the database when one answers, and otherwise runs the watch service on a thread of this
/// process, under the same writer lock. Queries never go through it: they read the database, which is
/// where every batch commits.
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

  /// Starts the in-process service unless another process already keeps the index fresh. Returns at once.
  public func start() {
    if (try? ServiceClient(databasePath: options.index.databasePath))?.isAlive() == true {
      set(.external)
      return
    }
    do {
      try WriterLock.checkFree(path: WriterLock.path(forDatabase: options.index.databasePath))
    } catch {
      set(.stopped(reason: "\(error)"))
      return
    }
    started.store(true, ordering: .releasing)
    let thread = Thread { [self] in
      do {
        try IndexService(options: options, stop: stop) { [self] in set($0) }.run()
      } catch {
        set(.stopped(reason: "\(error)"))
      }
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

  private func set(_ state: ServiceState) {
    current.withLock { $0 = state }
    onState(state)
  }
}
