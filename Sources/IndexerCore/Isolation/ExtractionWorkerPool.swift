import Foundation
import IndexerModel
import IndexerStore

/// Runs extraction in worker processes, one file at a time per worker, as many workers as threads ask.
///
/// A worker that crashes or runs past the budget is killed and replaced by a fresh one on the next
/// request; the file is reported, never retried here (its content hash quarantines it in the store).
final class ExtractionWorkerPool: @unchecked Sendable {
  private let executable: String
  private let arguments: [String]
  let timeoutSeconds: Double
  private let lock = NSLock()
  private var idle: [WorkerProcess] = []
  private var started = false

  /// Starts no process: a run with nothing to extract (a no-change rerun) should not pay for one.
  init(executable: String, arguments: [String], timeoutSeconds: Double) {
    self.executable = executable
    self.arguments = arguments
    self.timeoutSeconds = timeoutSeconds
  }

  /// Starts the first worker before the first file, so a binary that cannot run as a worker fails the
  /// run up front instead of failing every file.
  func prepare() throws(WorkerProcess.SpawnFailure) {
    guard !lock.withLock({ started }) else { return }
    let worker = try WorkerProcess.spawn(executable: executable, arguments: arguments)
    lock.withLock {
      started = true
      idle.append(worker)
    }
  }

  func extract(language: Language, bytes: [UInt8], shouldStop: () -> Bool) -> ExtractionOutcome {
    let worker: WorkerProcess
    do {
      worker = try checkOut()
    } catch {
      return .crashed(error.description)
    }
    switch worker.extract(language: language, bytes: bytes, timeoutSeconds: timeoutSeconds, shouldStop: shouldStop) {
    case .result(let payload):
      // Decoded before the worker goes back: its decompression context is used by one thread at a time.
      defer { checkIn(worker) }
      do {
        let (index, outline, references) = try ExtractedFileCodec.decode(payload, zstd: worker.decompressor)
        return .extracted(index, outline, references)
      } catch {
        return .crashed("the extraction worker sent a result that does not decode")
      }
    case .failed(let message):
      checkIn(worker)
      return .crashed(message)
    case .crashed(let reason):
      worker.terminate()
      return .crashed(reason)
    case .timedOut:
      worker.terminate()
      return .timedOut(timeoutSeconds)
    case .cancelled:
      worker.terminate()
      return .cancelled
    }
  }

  private func checkOut() throws(WorkerProcess.SpawnFailure) -> WorkerProcess {
    if let worker = lock.withLock({ idle.popLast() }) { return worker }
    return try WorkerProcess.spawn(executable: executable, arguments: arguments)
  }

  private func checkIn(_ worker: WorkerProcess) {
    lock.withLock { idle.append(worker) }
  }

  /// Ends every idle worker; call when no extraction is in flight.
  func shutdown() {
    let workers = lock.withLock {
      defer { idle = [] }
      return idle
    }
    for worker in workers { worker.terminate() }
  }

  deinit {
    for worker in idle { worker.terminate() }
  }
}
