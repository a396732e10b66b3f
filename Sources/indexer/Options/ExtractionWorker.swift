import IndexerCore

#if canImport(Glibc)
  import Glibc
#endif

/// The indexer binary doubles as its own extraction worker: `indexer __extract-worker` reads files on
/// stdin and answers on stdout (see `ExtractionWorkerMain`). Hidden from help: only the indexer runs it.
enum ExtractionWorker {
  static let argument = "__extract-worker"

  /// Workers run this very binary (by `/proc/self/exe`, so a rebuild during a long watch cannot swap it).
  /// `INDEXER_EXTRACT_IN_PROCESS=1` extracts in this process (no isolation, no time budget): only for
  /// measuring what the isolation costs (Benchmarks/isolation.sh) and for debugging a reader.
  static func isolation(timeoutSeconds: Double) throws -> ExtractionIsolation {
    if getenv("INDEXER_EXTRACT_IN_PROCESS") != nil { return .inProcess }
    guard access("/proc/self/exe", X_OK) == 0 else {
      throw UsageError(userMessage: "cannot find the indexer binary at /proc/self/exe to run extraction workers — is /proc mounted?")
    }
    return .workers(executable: "/proc/self/exe", arguments: [argument], timeoutSeconds: timeoutSeconds)
  }
}
