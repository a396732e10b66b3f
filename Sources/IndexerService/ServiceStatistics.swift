#if canImport(Glibc)
  import Glibc
#endif
import Foundation
import IndexerStore
import Synchronization

/// The watcher's own numbers for `indexer stats`, bounded in memory whatever the number of events.
final class ServiceStatistics: Sendable {
  struct Snapshot: Sendable {
    var watches = 0
    var eventsSeen = 0
    var batches = 0
    var rescans = 0
    var pending = 0
    /// The first `PendingReport.listed` paths waiting for a batch, and the batch being committed now.
    var pendingList: [String] = []
    var inFlight: [String] = []
    var inFlightCount = 0
    var rescanPending = false
    var polling = false
    /// The last 1,024 event-to-commit latencies in milliseconds, a ring.
    var latencies: [Double] = []
    var nextLatency = 0
    var lastLatency: Double?
  }

  private let state = Mutex(Snapshot())

  func update(_ body: (inout Snapshot) -> Void) { state.withLock { body(&$0) } }

  func recordBatch(latencyMilliseconds: Double, rescan: Bool) {
    state.withLock { s in
      s.batches += 1
      if rescan { s.rescans += 1 }
      s.lastLatency = latencyMilliseconds
      if s.latencies.count < 1024 {
        s.latencies.append(latencyMilliseconds)
      } else {
        s.latencies[s.nextLatency] = latencyMilliseconds
        s.nextLatency = (s.nextLatency + 1) % 1024
      }
    }
  }

  /// What the watcher has seen change but not committed: an answer read now may be behind on these.
  func pending() -> PendingReport {
    let s = state.withLock { $0 }
    var paths = s.inFlight
    var seen = Set(paths)
    for path in s.pendingList where paths.count < PendingReport.listed && seen.insert(path).inserted { paths.append(path) }
    return PendingReport(paths: paths, count: max(paths.count, s.inFlightCount + s.pending), rescan: s.rescanPending)
  }

  func report(hotLayer: ServiceReport.HotLayerReport) -> ServiceReport {
    let s = state.withLock { $0 }
    let sorted = s.latencies.sorted()
    func percentile(_ p: Double) -> Double? {
      sorted.isEmpty ? nil : sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
    }
    return ServiceReport(
      pid: Int(getpid()), watches: s.watches, eventsSeen: s.eventsSeen, batches: s.batches, rescans: s.rescans,
      pendingPaths: s.pending, polling: s.polling, lastLatencyMs: s.lastLatency, p50LatencyMs: percentile(0.5),
      p95LatencyMs: percentile(0.95), residentBytes: Self.residentBytes(), sqliteBytes: SQLiteMemory.bytesInUse(), hotLayer: hotLayer)
  }

  /// Resident memory from /proc/self/statm (pages × page size).
  static func residentBytes() -> Int {
    let fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return 0 }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 128)
    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    guard n > 0 else { return 0 }
    let fields = String(decoding: buffer[..<n], as: UTF8.self).split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
  }
}
