import Foundation
import IndexerModel
import IndexerStore

/// Commits a run's batches on one writer queue while extraction goes on: the database has one owner, and
/// the extraction cores wait for it only when two batches are already in flight. The first failure stops
/// later commits; progress is reported after each commit.
final class BatchCommitter: Sendable {
  private let writer: IndexWriter
  private let queue = DispatchQueue(label: "indexer.writer")
  private let inFlight = DispatchSemaphore(value: 2)
  private let failure = Locked<(any Error)?>(nil)
  private let done = Locked<(files: Int, bytes: Int64, commitSeconds: Double)>((0, 0, 0))
  private let total: Int
  private let start = ContinuousClock.now
  private let progress: @Sendable (IndexProgress) -> Void

  init(writer: IndexWriter, totalFiles: Int, progress: @escaping @Sendable (IndexProgress) -> Void) {
    self.writer = writer
    self.total = totalFiles
    self.progress = progress
  }

  var hasFailed: Bool { failure.withLock { $0 != nil } }

  /// Queues `batch`, waiting while two are in flight; `files` and `bytes` are what it counts for progress.
  func submit(_ batch: IndexBatch, files: Int, bytes: Int64) {
    inFlight.wait()
    queue.async { [self] in
      defer { inFlight.signal() }
      if hasFailed { return }
      do {
        let commitStart = ContinuousClock.now
        try writer.commit(batch)
        let commitSeconds = (ContinuousClock.now - commitStart).seconds
        let (f, b) = done.withLock { state in
          state.files += files
          state.bytes += bytes
          state.commitSeconds += commitSeconds
          return (state.files, state.bytes)
        }
        progress(IndexProgress(filesDone: f, filesTotal: total, bytesRead: b, elapsedSeconds: (ContinuousClock.now - start).seconds))
      } catch {
        failure.withLock { $0 = error }
      }
    }
  }

  /// Waits for every queued batch; throws the first failure, or returns the seconds spent committing.
  func finish() throws -> Double {
    queue.sync {}
    if let error = failure.withLock({ $0 }) { throw error }
    return done.withLock { $0.commitSeconds }
  }
}
