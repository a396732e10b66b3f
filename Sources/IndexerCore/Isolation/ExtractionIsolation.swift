import IndexerModel
import IndexerStore

/// Where extractors run. A reader bug must cost one file, never the process that holds the database:
/// the CLI and the watch service extract in worker processes; in-process extraction is for library
/// callers and tests that feed only trusted inputs. The pipeline does not link the readers itself: an
/// in-process caller hands it one (`ExtractorRegistry.extract` from `IndexerExtraction`).
public enum ExtractionIsolation: Sendable {
  case inProcess(extract: @Sendable (Language, [UInt8]) -> FileIndex)
  /// Worker processes running `executable arguments...` (`indexer-extract --serve`, see
  /// `WorkerExecutable`); a file whose extraction runs past `timeoutSeconds` is killed with its worker.
  case workers(executable: String, arguments: [String], timeoutSeconds: Double)
}

/// What extracting one file came to.
enum ExtractionOutcome: Sendable {
  case extracted(FileIndex, EncodedOutline, EncodedReferences)
  /// The extractor trapped or its worker died: the message says how.
  case crashed(String)
  /// The extractor ran past its time budget and was killed.
  case timedOut(Double)
  /// The run was asked to stop while this file was being extracted; it was not.
  case cancelled
}
