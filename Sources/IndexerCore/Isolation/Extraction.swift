import IndexerModel
import IndexerStore

/// The pipeline's one way to extract a file, in this process or in a worker (see `ExtractionIsolation`).
final class Extraction: Sendable {
  private enum Extractor: Sendable {
    case inProcess(@Sendable (Language, [UInt8]) -> FileIndex)
    case workers(ExtractionWorkerPool)
  }

  private let extractor: Extractor

  init(_ isolation: ExtractionIsolation) {
    switch isolation {
    case .inProcess(let extract):
      extractor = .inProcess(extract)
    case .workers(let executable, let arguments, let timeoutSeconds):
      extractor = .workers(ExtractionWorkerPool(executable: executable, arguments: arguments, timeoutSeconds: timeoutSeconds))
    }
  }

  /// Call before extracting: starts the first worker (once), failing here when none can start.
  func prepare() throws(IndexError) {
    guard case .workers(let pool) = extractor else { return }
    do { try pool.prepare() } catch { throw .workerUnavailable(error.description) }
  }

  func extract(_ language: Language, _ source: [UInt8], shouldStop: () -> Bool) -> ExtractionOutcome {
    switch extractor {
    case .workers(let pool):
      return pool.extract(language: language, bytes: source, shouldStop: shouldStop)
    case .inProcess(let extract):
      let index = extract(language, source)
      return .extracted(index, EncodedOutline(index), EncodedReferences(index.references, scopes: index.scopes))
    }
  }

  /// Ends the workers; the next extraction starts new ones.
  func shutdown() {
    if case .workers(let pool) = extractor { pool.shutdown() }
  }
}
