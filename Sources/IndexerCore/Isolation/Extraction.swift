import IndexerExtraction
import IndexerModel
import IndexerStore

/// The pipeline's one way to extract a file, in this process or in a worker (see `ExtractionIsolation`).
final class Extraction: Sendable {
  private let pool: ExtractionWorkerPool?

  init(_ isolation: ExtractionIsolation) throws(IndexError) {
    switch isolation {
    case .inProcess:
      pool = nil
    case .workers(let executable, let arguments, let timeoutSeconds):
      do {
        pool = try ExtractionWorkerPool(executable: executable, arguments: arguments, timeoutSeconds: timeoutSeconds)
      } catch {
        throw .workerUnavailable(error.description)
      }
    }
  }

  func extract(_ language: Language, _ source: [UInt8], shouldStop: () -> Bool) -> ExtractionOutcome {
    if let pool { return pool.extract(language: language, bytes: source, shouldStop: shouldStop) }
    let index = ExtractorRegistry.extractor(for: language).extract(source)
    return .extracted(index, EncodedOutline(index), EncodedReferences(index.references))
  }

  /// Ends the workers; the next extraction starts new ones.
  func shutdown() {
    pool?.shutdown()
  }
}
