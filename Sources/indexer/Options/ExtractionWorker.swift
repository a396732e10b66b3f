import IndexerCore

/// The CLI's extraction workers: `indexer-extract`, from beside this binary (see `WorkerExecutable`).
enum ExtractionWorker {
  static func isolation(timeoutSeconds: Double) throws -> ExtractionIsolation {
    try WorkerExecutable.besideThisProgram(timeoutSeconds: timeoutSeconds)
  }
}
