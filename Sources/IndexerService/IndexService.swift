#if canImport(Glibc)
  import Glibc
#endif
import Foundation
import IndexerCore
import IndexerStore
import IndexerWatch
import IndexerWorkspace

/// `indexer watch`: holds the writer lock, brings the index up to date, then follows the tree.
///
/// One thread (the caller's) owns the watcher, the coalescer and the database writer; client threads
/// only read (WAL readers never block the writer and never see half a batch). SIGINT/SIGTERM arrive
/// through a signalfd in the same poll, so a batch in flight always finishes whole before exit.
public final class IndexService {
  private let options: ServiceOptions
  private let log: ServiceLog
  private let statistics = ServiceStatistics()
  /// Set when a front end embeds the service: it stops it through this, and signals stay its own business.
  private let embeddedStop: ServiceStop?
  private let onState: @Sendable (ServiceState) -> Void

  /// `stop` nil: the service owns the process (`indexer watch`) and stops on SIGINT/SIGTERM. Otherwise it
  /// runs on the caller's thread inside a front end, which calls `stop.request()`.
  public init(options: ServiceOptions, stop: ServiceStop? = nil, onState: @escaping @Sendable (ServiceState) -> Void = { _ in }) {
    self.options = options
    self.log = ServiceLog(path: options.logPath, toStandardError: options.logsToStandardError)
    self.embeddedStop = stop
    self.onState = onState
  }

  public func run() throws {
    let stop: ServiceStop
    if let embeddedStop {
      stop = embeddedStop
    } else {
      // Before anything can start a thread (the pool, GRDB, the socket): see `SignalWatch`.
      SignalWatch.blockTerminationSignals()
      stop = try ServiceStop()
      SignalWatch(stop: stop).start()
    }
    // Another writer is refused before anything starts; the lock itself is taken by the initial run, and
    // then held by the database this service writes to.
    try WriterLock.checkFree(path: WriterLock.path(forDatabase: options.index.databasePath))
    let pipeline = IndexPipeline(options: options.index)
    defer { pipeline.shutdown() }
    let scanner = WorkspaceScanner(root: options.index.root, options: options.index.walk)
    let signalDescriptor = stop.descriptor
    let shouldStop: @Sendable () -> Bool = { stop.isRequested }

    // Watch first, then index: a change during the initial run is caught by an event or by the run.
    let watcher = try InotifyWatcher(scanner: scanner, cookiePrefix: ServiceHandler.cookiePrefix)
    let setupStart = ContinuousClock.now
    watcher.watch(try scanner.scan().directories)
    var polling = false
    if let exhausted = watcher.exhausted {
      // The daemon's log is what its user reads: say what to run, as the CLI does for its errors.
      var needed = 0
      if case .outOfWatches(let directories, _) = exhausted { needed = directories }
      log.info(
        exhausted.description + " — raise it with `sudo sysctl fs.inotify.max_user_watches="
          + "\(WatchError.suggestedWatchLimit(directories: needed))`; until then the watcher rescans every "
          + "\(options.pollIntervalSeconds) s")
      polling = true
    }
    log.info("watching \(options.index.root): \(watcher.watchCount) folders in \(milliseconds(ContinuousClock.now - setupStart)) ms")
    let initial: IndexReport
    onState(.indexing)
    do {
      // Run as `indexer index` would: a cold tree is built in bulk beside the index and published whole.
      initial = try pipeline.run(database: nil, shouldStop: shouldStop)
    } catch IndexError.cancelled {
      log.info((embeddedStop == nil ? "stopping on signal" : "stopping") + " during the initial index; the batches committed so far are kept and the next start goes on")
      onState(.stopped(reason: "stopped during the initial index"))
      return
    }
    let database = try IndexDatabase.openForWriting(path: options.index.databasePath)
    // Parsing thousands of files leaves freed memory in malloc's arenas; give it back, since this process
    // stays up for days and its resident size is what users see.
    MemoryTrim.release()
    log.info(
      "index up to date: \(initial.files) files (\(initial.parsed) parsed, \(initial.hashed) hashed, "
        + "\(initial.unchanged) unchanged, \(initial.removed) removed) in \(milliseconds(initial.seconds)) ms")

    let handler = ServiceHandler(
      root: options.index.root, databasePath: options.index.databasePath, hotCacheBytes: options.hotCacheBytes,
      statistics: statistics)
    handler.generation.store(try IndexReader(database: database).generation(), ordering: .releasing)
    let server: SocketServer?
    do {
      server = try SocketServer(path: options.socketPath, handler: handler, clientTimeoutSeconds: options.clientTimeoutSeconds)
      server?.start()
    } catch {
      server = nil
      log.info("no socket (\(error)); queries will read the database directly")
    }
    defer { server?.stop() }
    onState(.ready(files: initial.files))

    var coalescer = ChangeCoalescer(
      settleMilliseconds: options.settleMilliseconds, maxLatencyMilliseconds: options.maxLatencyMilliseconds,
      maxBatch: options.maxBatch)
    let pollInterval = Int64(options.pollIntervalSeconds * 1e9)
    var nextPoll = Self.now() + pollInterval
    var rescanRetry: Int64?
    var descriptors = [
      pollfd(fd: watcher.descriptor, events: Int16(POLLIN), revents: 0),
      pollfd(fd: signalDescriptor, events: Int16(POLLIN), revents: 0),
    ]
    while true {
      let now = Self.now()
      var wake = coalescer.deadline()
      if polling { wake = min(wake ?? nextPoll, nextPoll) }
      if let retry = rescanRetry { wake = min(wake ?? retry, retry) }
      let timeout = wake.map { Int32(clamping: max(0, ($0 - now + 999_999) / 1_000_000)) } ?? -1
      let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
      if ready < 0 && errno != EINTR { throw WatchError.cannotInitialize(errno: errno) }
      if descriptors[1].revents != 0 {
        log.info(embeddedStop == nil ? "stopping on signal" : "stopping")
        break
      }
      let after = Self.now()
      if descriptors[0].revents != 0 { watcher.drain(into: &coalescer, now: after) }
      // A root deleted or moved away leaves nothing to follow: stop, saying so, instead of idling.
      if watcher.rootGone || access(options.index.root, F_OK) != 0 {
        let gone = WatchError.rootGone(path: options.index.root)
        log.info("\(gone.description); stopping")
        onState(.stopped(reason: gone.description))
        throw gone
      }
      // With folders unwatched, only a rescan can vouch for "every change before the sync": a cookie
      // makes the batch that answers it a rescan.
      if polling && coalescer.hasPendingCookies { coalescer.needsRescan(at: after) }
      if polling && after >= nextPoll {
        // Without a complete set of watches, sync cookies may never raise an event: look for them.
        for cookie in Self.cookieFiles(in: options.index.root) { coalescer.cookie(cookie, at: after) }
        coalescer.needsRescan(at: after)
        nextPoll = after + pollInterval
      }
      statistics.update { s in
        s.watches = watcher.watchCount
        s.eventsSeen = watcher.eventsSeen
        s.pending = coalescer.pendingCount
        s.pendingList = coalescer.pendingPaths(limit: PendingReport.listed)
        s.rescanPending = coalescer.rescanPending
        s.polling = polling
      }
      if let retry = rescanRetry, Self.now() >= retry {
        rescanRetry = nil
        coalescer.needsRescan(at: Self.now())
      }
      while let batch = coalescer.takeBatch(at: Self.now()) {
        if stop.isRequested { break }
        // Until it commits, the batch is still pending for anyone asking (the coalescer no longer holds it).
        statistics.update { s in
          s.inFlight = Array(batch.paths.prefix(PendingReport.listed))
          s.inFlightCount = batch.paths.count
          s.pending = coalescer.pendingCount
          s.pendingList = coalescer.pendingPaths(limit: PendingReport.listed)
          s.rescanPending = batch.rescan || coalescer.rescanPending
        }
        let committed = apply(
          batch, pipeline: pipeline, database: database, scanner: scanner, watcher: watcher, handler: handler,
          shouldStop: shouldStop)
        if committed && rescanRetry != nil && !batch.rescan {
          // A failed rescan is still owed: this batch committed, but changes before it may be missing, so
          // a `--sync` answered now would vouch for an index known to be behind.
          handler.cookiesFailed(batch.cookies, reason: "the watcher could not commit its last rescan; see its log")
        } else if committed {
          handler.cookiesCommitted(batch.cookies)
        } else if batch.rescan {
          // Even a full rescan failed (a full disk, a broken database): tell the waiting `--sync` clients
          // so instead of letting them believe stale answers, and try again later.
          handler.cookiesFailed(batch.cookies, reason: "the watcher could not commit its last rescan; see its log")
          rescanRetry = Self.now() + Self.rescanRetryNanoseconds
        } else {
          // The batch rolled back whole: a rescan brings its paths in, and its `--sync` clients wait for it.
          let now = Self.now()
          for cookie in batch.cookies { coalescer.cookie(cookie, at: now) }
          coalescer.needsRescan(at: now)
        }
        statistics.update { s in
          s.inFlight = []
          s.inFlightCount = 0
          s.pending = coalescer.pendingCount
          s.pendingList = coalescer.pendingPaths(limit: PendingReport.listed)
          s.rescanPending = coalescer.rescanPending
        }
      }
    }
    try? database.checkpoint()
    onState(.stopped(reason: "stopped"))
  }

  /// Brings one batch in; false when it failed (it rolled back whole).
  private func apply(
    _ batch: ChangeBatch, pipeline: IndexPipeline, database: IndexDatabase, scanner: WorkspaceScanner,
    watcher: InotifyWatcher, handler: ServiceHandler, shouldStop: @escaping @Sendable () -> Bool
  ) -> Bool {
    defer {
      let latency = Double(Self.now() - batch.since) / 1e6
      statistics.recordBatch(latencyMilliseconds: latency, rescan: batch.rescan)
    }
    do {
      if batch.rescan {
        let report = try pipeline.run(database: database, shouldStop: shouldStop)
        MemoryTrim.release(database)
        if let directories = try? scanner.scan().directories { watcher.watch(directories) }
        log.info("rescan: \(report.parsed) parsed, \(report.hashed) hashed, \(report.removed) removed")
      } else if !batch.paths.isEmpty {
        let report = try pipeline.update(paths: batch.paths, database: database)
        // A watcher runs for weeks: what a batch cached or allocated goes back, so resident memory stays
        // where it was after the first build (Benchmarks/churn.py).
        if report.parsed + report.removed > 0 { MemoryTrim.release(database) }
        for note in report.notes { log.info("note: \(note.path): \(note.message)") }
        if report.parsed + report.removed + report.hashed > 0 {
          log.info("batch: \(batch.paths.count) paths, \(report.parsed) parsed, \(report.hashed) hashed, \(report.removed) removed")
        }
      }
      handler.generation.store(try IndexReader(database: database).generation(), ordering: .releasing)
    } catch {
      log.info("batch failed (\(error)); rescanning")
      return false
    }
    // Committed: a busy WAL only waits for the next batch's checkpoint.
    try? database.checkpoint(passive: true)
    return true
  }

  /// Sync cookie files waiting in the root (polling mode, where their creation may not raise an event).
  private static func cookieFiles(in root: String) -> [String] {
    guard let dir = opendir(root) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: &entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name.hasPrefix(ServiceHandler.cookiePrefix) { names.append(name) }
    }
    return names
  }

  /// How long to wait before retrying a rescan that failed.
  private static let rescanRetryNanoseconds: Int64 = 5_000_000_000

  private static func now() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
  }

  private func milliseconds(_ duration: Duration) -> Int {
    let (s, atto) = duration.components
    return Int(s) * 1000 + Int(atto / 1_000_000_000_000_000)
  }

  private func milliseconds(_ seconds: Double) -> Int { Int(seconds * 1000) }
}
