import Foundation
import IndexerTestSupport
import Testing

/// A file that crashes or hangs its extractor costs that file only: it is quarantined with its content
/// hash, every other file is indexed, and the run (or the watcher) goes on. The faults are real: a test-only
/// environment variable makes the worker trap (`fatalError`) or spin on a marker.
@Suite(.serialized) struct QuarantineTests {
  private let trap = ["INDEXER_TEST_EXTRACTOR_TRAP": "TRAP_THIS_FILE"]

  private func workspace() throws -> TemporaryDirectory {
    let ws = try TemporaryDirectory("quarantine")
    try ws.write("good.py", "def healthy():\n    pass\n")
    try ws.write("bad.py", "def crashes():\n    pass\n# TRAP_THIS_FILE\n")
    try ws.write("other.js", "function alsoHealthy() {}\n")
    return ws
  }

  @Test func aTrappingExtractorQuarantinesOneFile() throws {
    let ws = try workspace()
    let run = try IndexerProcess.run(["index", ws.path, "--json"], environment: trap)
    #expect(run.status == 0, "\(run.stderr)")
    let report = try run.json()
    #expect(int(report, "parsed") == 2)
    #expect(((report["skipped"] as? [String: Any]).flatMap { int($0, "extractor-crash") }) == 1)
    #expect(run.stderr.contains("1 extractor-crash"))
    #expect(try IndexerProcess.run(["query", "symbol", "healthy", "--root", ws.path]).status == 0)
    #expect(try IndexerProcess.run(["query", "symbol", "alsoHealthy", "--root", ws.path]).status == 0)
    #expect(try IndexerProcess.run(["query", "symbol", "crashes", "--root", ws.path]).status == 1)

    // `stats` names the file and says why.
    let stats = try IndexerProcess.run(["stats", "--root", ws.path])
    let line = stats.lines.first { $0.contains("bad.py") }
    #expect(line?.contains("extractor-crash") == true, "\(stats.stdout)")
    #expect(line?.contains("INDEXER_TEST_EXTRACTOR_TRAP matched") == true, "the crash reason is kept: \(stats.stdout)")

    // Same content: not retried, even with the stat changed.
    try touch(ws.path + "/bad.py")
    let again = try IndexerProcess.run(["index", ws.path, "--json"], environment: trap)
    #expect(int(try again.json(), "parsed") == 0)
    #expect(try IndexerProcess.run(["stats", "--root", ws.path]).stdout.contains("extractor-crash"))

    // New content: read again, and indexed now that it no longer trips the fault.
    try ws.write("bad.py", "def crashes():\n    pass\n# fixed\n")
    let fixed = try IndexerProcess.run(["index", ws.path, "--json"], environment: trap)
    #expect(int(try fixed.json(), "parsed") == 1)
    #expect(try IndexerProcess.run(["query", "symbol", "crashes", "--root", ws.path]).status == 0)
    #expect(!(try IndexerProcess.run(["stats", "--root", ws.path]).stdout.contains("extractor-crash")))
  }

  @Test func aHangingExtractorIsStoppedAtItsBudget() throws {
    let ws = try workspace()
    let started = Date()
    let run = try IndexerProcess.run(
      ["index", ws.path, "--json", "--extract-timeout", "1"], environment: ["INDEXER_TEST_EXTRACTOR_HANG": "TRAP_THIS_FILE"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(Date().timeIntervalSince(started) < 60)
    let report = try run.json()
    #expect(int(report, "parsed") == 2)
    #expect(((report["skipped"] as? [String: Any]).flatMap { int($0, "extractor-timeout") }) == 1)
    #expect(try IndexerProcess.run(["stats", "--root", ws.path]).stdout.contains("extractor-timeout"))
  }

  @Test func theWatcherSurvivesATrappingFile() throws {
    let ws = try workspace()
    let watcher = try WatcherProcess(root: ws.path, environment: trap)
    try ws.write("later.py", "def written_later():\n    pass\n# TRAP_THIS_FILE\n")
    try ws.write("fine.py", "def still_indexed():\n    pass\n")
    let found = try IndexerProcess.run(["query", "symbol", "still_indexed", "--sync", "--root", ws.path])
    #expect(found.status == 0, "\(found.stderr)")
    #expect(watcher.process.isRunning)
    let stats = try IndexerProcess.run(["stats", "--root", ws.path])
    #expect(stats.lines.contains { $0.contains("later.py") && $0.contains("extractor-crash") }, "\(stats.stdout)")
    let (status, log) = watcher.stop()
    #expect(status == 0, "\(log)")
  }
}
