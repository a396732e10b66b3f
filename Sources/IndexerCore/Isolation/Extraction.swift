import IndexerModel
import IndexerStore

/// The pipeline's one way to extract a file, in this process or in a worker (see `ExtractionIsolation`).
final class Extraction: Sendable {
  private let pool: ExtractionWorkerPool?
  private let inProcess: (@Sendable (Language, [UInt8]) -> FileIndex)?

  init(_ isolation: ExtractionIsolation) {
    switch isolation {
    case .inProcess(let extract):
      pool = nil
      inProcess = extract
    case .workers(let executable, let arguments, let timeoutSeconds):
      pool = ExtractionWorkerPool(executable: executable, arguments: arguments, timeoutSeconds: timeoutSeconds)
      inProcess = nil
    }
  }

  /// Call before extracting: starts the first worker (once), failing here when none can start.
  func prepare() throws(IndexError) {
    do { try pool?.prepare() } catch { throw .workerUnavailable(error.description) }
  }

  func extract(_ language: Language, _ source: [UInt8], shouldStop: () -> Bool) -> ExtractionOutcome {
    if let pool { return pool.extract(language: language, bytes: source, shouldStop: shouldStop) }
    guard let inProcess else { return .crashed("no extractor was given") }
    let index = inProcess(language, source)
    return .extracted(index, EncodedOutline(index), EncodedReferences(index.references, scopes: index.scopes))
  }

  /// Ends the workers; the next extraction starts new ones.
  func shutdown() {
    pool?.shutdown()
  }
}
