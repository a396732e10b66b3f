import Foundation
@testable import IndexerCore
import IndexerExtraction
import IndexerTestSupport
import Testing

/// Extraction workers start when a run has files to extract, and only then: a no-change rerun pays for no
/// process, while a run that needs workers and cannot start one still fails before it writes anything.
@Suite struct WorkerStartTests {
  private let inProcess = ExtractionIsolation.inProcess(extract: ExtractorRegistry.extract)

  @Test func aRunWithNothingToExtractStartsNoWorkerAndOneWithWorkFailsUpFront() throws {
    let dir = try TemporaryDirectory()
    let root = dir.path + "/tree"
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    for i in 0..<5 { try "def f\(i)():\n    return \(i)\n".write(toFile: "\(root)/m\(i).py", atomically: true, encoding: .utf8) }
    let db = dir.path + "/i.sqlite"
    _ = try IndexPipeline(options: IndexOptions(root: root, databasePath: db, isolation: inProcess)).run()

    // A worker executable that does not exist: starting one fails with ENOENT.
    let missing = ExtractionIsolation.workers(executable: dir.path + "/no-such-indexer", arguments: [WorkerExecutable.serveArgument], timeoutSeconds: 5)
    let unchanged = try IndexPipeline(options: IndexOptions(root: root, databasePath: db, isolation: missing)).run()
    #expect(unchanged.unchanged == 5 && unchanged.parsed == 0)

    try "def changed():\n    pass\n".write(toFile: "\(root)/m2.py", atomically: true, encoding: .utf8)
    let generation = try IndexPipeline(options: IndexOptions(root: root, databasePath: db, isolation: inProcess)).run().generation
    try "def again():\n    pass\n".write(toFile: "\(root)/m3.py", atomically: true, encoding: .utf8)
    #expect {
      _ = try IndexPipeline(options: IndexOptions(root: root, databasePath: db, isolation: missing)).run()
    } throws: { error in
      guard case IndexError.workerUnavailable = error else { return false }
      return true
    }
    // Nothing was committed by the failed run.
    let after = try IndexPipeline(options: IndexOptions(root: root, databasePath: db, isolation: inProcess)).run()
    #expect(after.parsed == 1 && after.generation == generation + 1)
  }
}
