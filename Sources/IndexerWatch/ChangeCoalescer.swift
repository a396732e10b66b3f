/// What the watcher hands the indexer: paths to look at again, and whether to rescan everything.
public struct ChangeBatch: Sendable, Equatable {
  /// Relative paths (files or folders) whose current state must be re-examined, oldest change first.
  public var paths: [String]
  /// Events were lost (queue overflow, a lost watch) or ignore rules changed: walk and diff the tree.
  public var rescan: Bool
  /// Cookie names seen in this batch: their `--sync` waiters are answered once it commits.
  public var cookies: [String]
  /// When the oldest change in this batch was seen (ns): the start of its event-to-commit latency.
  public var since: Int64

  public init(paths: [String] = [], rescan: Bool = false, cookies: [String] = [], since: Int64 = 0) {
    self.paths = paths
    self.rescan = rescan
    self.cookies = cookies
    self.since = since
  }
}

/// Coalesces change notices per path and decides when a batch is due: the tree quiet for `settle`, or the
/// oldest pending change `maxLatency` old; at most `maxBatch` paths at a time.
///
/// Pure and clock-free (times are passed in, in nanoseconds), so tests drive it with a fake clock. Only
/// the path is kept, not what happened to it: the indexer looks at each path as it is when the batch
/// runs, so the last state always wins.
public struct ChangeCoalescer: Sendable {
  public var settleNanoseconds: Int64
  public var maxLatencyNanoseconds: Int64
  public var maxBatch: Int

  private var firstSeen: [String: Int64] = [:]
  private var order: [String] = []
  private var lastEvent: Int64 = 0
  private var oldest: Int64?
  private var rescan = false
  private var cookies: [String] = []

  public init(settleMilliseconds: Int = 30, maxLatencyMilliseconds: Int = 1000, maxBatch: Int = 2000) {
    settleNanoseconds = Int64(settleMilliseconds) * 1_000_000
    maxLatencyNanoseconds = Int64(maxLatencyMilliseconds) * 1_000_000
    self.maxBatch = max(1, maxBatch)
  }

  public var pendingCount: Int { order.count }
  /// Whether a rescan is owed: then any path may be behind, not only those listed.
  public var rescanPending: Bool { rescan }

  /// The first `limit` paths waiting for a batch, oldest change first.
  public func pendingPaths(limit: Int) -> [String] { Array(order.prefix(max(0, limit))) }
  public var hasPendingCookies: Bool { !cookies.isEmpty }
  public var isEmpty: Bool { order.isEmpty && !rescan && cookies.isEmpty }

  public mutating func changed(_ path: String, at now: Int64) {
    lastEvent = now
    if oldest == nil { oldest = now }
    if firstSeen[path] == nil {
      firstSeen[path] = now
      order.append(path)
    }
  }

  public mutating func needsRescan(at now: Int64) {
    lastEvent = now
    if oldest == nil { oldest = now }
    rescan = true
  }

  public mutating func cookie(_ name: String, at now: Int64) {
    lastEvent = now
    if oldest == nil { oldest = now }
    cookies.append(name)
  }

  /// When the next batch is due, or nil with nothing pending.
  public func deadline() -> Int64? {
    guard !isEmpty, let oldest else { return nil }
    // A batch cut short by maxBatch leaves work that is due at once.
    if order.count > maxBatch { return lastEvent }
    return min(lastEvent + settleNanoseconds, oldest + maxLatencyNanoseconds)
  }

  /// The next batch if it is due at `now`.
  public mutating func takeBatch(at now: Int64) -> ChangeBatch? {
    guard let due = deadline(), now >= due else { return nil }
    let taken = Array(order.prefix(maxBatch))
    order.removeFirst(taken.count)
    // Cookies travel with the last batch of what was pending when they arrived, so a `--sync` waiter is
    // answered only after every change before it has committed.
    let since = taken.first.flatMap { firstSeen[$0] } ?? oldest ?? now
    for path in taken { firstSeen[path] = nil }
    let batch = ChangeBatch(paths: taken, rescan: rescan, cookies: order.isEmpty ? cookies : [], since: since)
    rescan = false
    if order.isEmpty {
      cookies = []
      oldest = nil
    } else {
      oldest = order.first.flatMap { firstSeen[$0] }
    }
    return batch
  }
}
