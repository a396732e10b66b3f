import Foundation
import IndexerModel
import IndexerStore
import IndexerTestSupport
import Testing

/// One writer per database, including the release race: a holder that unlinks its lock file while a
/// taker has already opened it must not leave two holders (the taker re-checks the inode it locked).
@Suite struct WriterLockTests {
  @Test func aSecondWriterIsToldWhoHoldsTheLock() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/i.sqlite"
    let first = try IndexDatabase.openForWriting(path: path)
    #expect(throws: StoreError.writerLocked(lock: path + ".lock", pid: getpid())) {
      try IndexDatabase.openForWriting(path: path)
    }
    // Readers never need the lock.
    _ = try IndexDatabase.openForReading(path: path)
    withExtendedLifetime(first) {}
  }

  @Test func theLockIsFreeAgainWhenTheWriterGoes() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/i.sqlite"
    do { _ = try IndexDatabase.openForWriting(path: path) }
    _ = try IndexDatabase.openForWriting(path: path)
  }

  /// Threads take and release the same lock as fast as they can; flock is per open file description, so
  /// threads contend exactly as processes do. A second simultaneous holder fails the test.
  @Test func neverTwoHoldersUnderContention() throws {
    let dir = try TemporaryDirectory()
    let lockPath = dir.path + "/contended.lock"
    let holders = Counter()
    let acquired = Counter()
    DispatchQueue.concurrentPerform(iterations: 4) { _ in
      for _ in 0..<300 {
        guard let lock = try? WriterLock(path: lockPath) else { continue }
        let now = holders.add(1)
        #expect(now == 1, "two writers held the lock at once")
        acquired.add(1)
        usleep(50)
        holders.add(-1)
        lock.release()
      }
    }
    #expect(acquired.value > 0)
    #expect(!FileManager.default.fileExists(atPath: lockPath), "the last holder removes the file")
  }
}

private final class Counter: @unchecked Sendable {
  private var count = 0
  private let lock = NSLock()
  @discardableResult func add(_ n: Int) -> Int { lock.withLock { count += n; return count } }
  var value: Int { lock.withLock { count } }
}
