import IndexerWatch
import Testing

/// The coalescer on a fake clock: times are plain nanosecond numbers.
@Suite struct ChangeCoalescerTests {
  let ms: Int64 = 1_000_000

  @Test func aBatchWaitsForTheTreeToSettle() {
    var c = ChangeCoalescer(settleMilliseconds: 30, maxLatencyMilliseconds: 1000)
    c.changed("a.py", at: 0)
    c.changed("b.py", at: 20 * ms)
    #expect(c.deadline() == 50 * ms)
    #expect(c.takeBatch(at: 49 * ms) == nil)
    let batch = c.takeBatch(at: 50 * ms)
    #expect(batch?.paths == ["a.py", "b.py"])
    #expect(batch?.since == 0)
    #expect(c.isEmpty)
    #expect(c.deadline() == nil)
  }

  @Test func repeatedChangesToOnePathCoalesce() {
    var c = ChangeCoalescer(settleMilliseconds: 10)
    for t in 0..<100 { c.changed("hot.py", at: Int64(t) * ms / 10) }
    #expect(c.pendingCount == 1)
    #expect(c.takeBatch(at: 100 * ms)?.paths == ["hot.py"])
  }

  @Test func maxLatencyFlushesABusyTree() {
    var c = ChangeCoalescer(settleMilliseconds: 30, maxLatencyMilliseconds: 100)
    var t: Int64 = 0
    var flushedAt: Int64?
    while t < 500 * ms && flushedAt == nil {
      c.changed("f\(t).py", at: t)
      if c.takeBatch(at: t) != nil { flushedAt = t }
      t += 10 * ms
    }
    #expect(flushedAt == 100 * ms, "a never-quiet tree still commits every max-latency")
  }

  @Test func maxBatchSplitsAndTheRestIsDueAtOnce() {
    var c = ChangeCoalescer(settleMilliseconds: 30, maxBatch: 2)
    for name in ["a", "b", "c", "d", "e"] { c.changed(name, at: 0) }
    #expect(c.takeBatch(at: 30 * ms)?.paths == ["a", "b"])
    #expect(c.deadline() == 0)
    #expect(c.takeBatch(at: 30 * ms)?.paths == ["c", "d"])
    #expect(c.takeBatch(at: 30 * ms)?.paths == ["e"])
    #expect(c.takeBatch(at: 30 * ms) == nil)
  }

  @Test func pendingPathsAreWhatNoBatchHasTakenYet() {
    var c = ChangeCoalescer(settleMilliseconds: 10, maxBatch: 2)
    for name in ["a", "b", "a", "c"] { c.changed(name, at: 0) }
    #expect(c.pendingPaths(limit: 10) == ["a", "b", "c"])
    #expect(c.pendingPaths(limit: 2) == ["a", "b"])
    _ = c.takeBatch(at: 10 * ms)
    #expect(c.pendingPaths(limit: 10) == ["c"])
    #expect(!c.rescanPending)
    c.needsRescan(at: 11 * ms)
    #expect(c.rescanPending)
    _ = c.takeBatch(at: 30 * ms)
    #expect(c.pendingPaths(limit: 10).isEmpty && !c.rescanPending)
  }

  @Test func cookiesTravelWithTheLastBatchBeforeThem() {
    var c = ChangeCoalescer(settleMilliseconds: 10, maxBatch: 1)
    c.changed("a", at: 0)
    c.changed("b", at: 0)
    c.cookie(".indexer-cookie-1", at: 1 * ms)
    #expect(c.takeBatch(at: 11 * ms)?.cookies == [])
    let last = c.takeBatch(at: 11 * ms)
    #expect(last?.paths == ["b"])
    #expect(last?.cookies == [".indexer-cookie-1"])
  }

  @Test func rescansAreRequestedOnce() {
    var c = ChangeCoalescer(settleMilliseconds: 10)
    c.needsRescan(at: 0)
    c.needsRescan(at: 1 * ms)
    let batch = c.takeBatch(at: 11 * ms)
    #expect(batch?.rescan == true)
    #expect(c.takeBatch(at: 100 * ms) == nil)
  }
}
