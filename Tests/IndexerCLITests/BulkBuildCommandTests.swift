import Foundation
import IndexerTestSupport
import Testing

/// A run that adds most of the index builds a new file beside the live one and renames it into place.
@Suite struct BulkBuildCommandTests {
  /// Enough new files to cross the bulk threshold (1,000), small so a debug build indexes them quickly.
  private func addModules(_ ws: TemporaryDirectory, count: Int) throws {
    for i in 0..<count { try ws.write("bulk/m\(i).py", "def bulk_\(i)():\n    seed()\n") }
  }

  /// Returns once a batch has committed to the build: its side file of name runs grows past its three
  /// empty pages (schema, table, index).
  private func waitForACommittedBatch(_ ws: TemporaryDirectory, _ process: Process) {
    let runs = ws.path + "/.indexer/building-runs.sqlite"
    let deadline = Date().addingTimeInterval(60)
    var size = stat()
    while (stat(runs, &size) != 0 || size.st_size <= 3 * 4096) && process.isRunning && Date() < deadline { usleep(500) }
  }

  @Test func aColdRunBuildsBesideTheIndexAndLeavesOnlyTheIndex() throws {
    let ws = try TemporaryDirectory()
    try ws.write("seed.py", "def seed(): pass\n")
    try addModules(ws, count: 1_200)
    let report = try indexJSON(ws.path)
    #expect(int(report, "parsed") == 1_201)
    // The folder's own `.gitignore` stays; nothing of the build does.
    let folder = try FileManager.default.contentsOfDirectory(atPath: ws.path + "/.indexer").filter {
      !$0.hasPrefix("index.sqlite") && $0 != ".gitignore"
    }
    #expect(folder.isEmpty, "no build file, runs file or lock is left: \(folder)")
    let refs = try IndexerProcess.run(["query", "refs", "seed", "--root", ws.path])
    #expect(refs.lines.count == 1_201)
    #expect(try IndexerProcess.run(["check", ws.path]).stdout.hasPrefix("sound"))
    // The next small change is written in place, into the published file.
    try ws.write("bulk/m7.py", "def renamed_7():\n    pass\n")
    #expect(int(try indexJSON(ws.path), "parsed") == 1)
    #expect(try IndexerProcess.run(["query", "refs", "seed", "--root", ws.path]).lines.count == 1_200)
    #expect(try IndexerProcess.run(["check", ws.path]).stdout.hasPrefix("sound"))
  }

  @Test func aKilledBuildLeavesThePreviousIndexWholeAndTheNextRunFinishesIt() throws {
    let ws = try TemporaryDirectory()
    try ws.write("seed.py", "def seed(): pass\n")
    #expect(int(try indexJSON(ws.path), "parsed") == 1)
    try addModules(ws, count: 6_000)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: IndexerProcess.executable)
    process.arguments = ["index", ws.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let building = ws.path + "/.indexer/building.sqlite"
    let runs = ws.path + "/.indexer/building-runs.sqlite"
    waitForACommittedBatch(ws, process)
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal, "the run was killed mid-build, not finished")

    // The live index is the previous one, whole, and answers queries while the build file waits.
    #expect(try IndexerProcess.run(["query", "symbol", "seed", "--root", ws.path]).status == 0)
    #expect(try IndexerProcess.run(["query", "symbol", "bulk_5999", "--root", ws.path]).status == 1)
    #expect(try IndexerProcess.run(["check", ws.path]).stdout.hasPrefix("sound"))

    // The next run resumes the build: what its committed batches hold is not parsed again.
    let next = try indexJSON(ws.path)
    #expect(int(next, "files") == 6_001)
    #expect(int(next, "unchanged")! > 1, "the killed build's committed batches are kept")
    #expect(int(next, "parsed")! + int(next, "unchanged")! == 6_001)
    #expect(access(building, F_OK) != 0 && access(runs, F_OK) != 0)
    #expect(try IndexerProcess.run(["query", "symbol", "bulk_5999", "--root", ws.path]).status == 0)
    #expect(try IndexerProcess.run(["query", "refs", "seed", "--root", ws.path]).lines.count == 6_001, "\(next)")
    let check = try IndexerProcess.run(["check", ws.path, "--json"])
    #expect(check.stdout.contains("\"problems\":[]") || check.stdout.contains("\"problems\" : ["), "\(check.stdout)")
    #expect(try IndexerProcess.run(["check", ws.path]).stdout.hasPrefix("sound"))
  }

  /// `indexer watch` on a cold tree builds in bulk too; Ctrl-C in the middle keeps the build, and the
  /// next watcher resumes and publishes it before following changes.
  @Test func aWatcherStoppedDuringItsFirstBuildResumesItOnTheNextStart() throws {
    let ws = try TemporaryDirectory()
    try addModules(ws, count: 6_000)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: IndexerProcess.executable)
    process.arguments = ["watch", ws.path, "--settle-ms", "20"]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    waitForACommittedBatch(ws, process)
    kill(process.processIdentifier, SIGINT)
    process.waitUntilExit()
    let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 0, "\(log)")
    #expect(log.contains("the next start goes on"), "\(log)")
    #expect(BulkBuildFiles.exist(ws.path), "the stopped build is kept")

    let watcher = try WatcherProcess(root: ws.path)
    #expect(!BulkBuildFiles.exist(ws.path), "published by the restarted watcher")
    try ws.write("bulk/late.py", "def arrived_after_the_build(): pass\n")
    #expect(try IndexerProcess.run(["query", "symbol", "arrived_after_the_build", "--sync", "--root", ws.path]).status == 0)
    #expect(try IndexerProcess.run(["query", "symbol", "bulk_5999", "--root", ws.path]).status == 0)
    #expect(watcher.stop().status == 0)
    #expect(try IndexerProcess.run(["check", ws.path]).stdout.hasPrefix("sound"))
  }
}

private enum BulkBuildFiles {
  static func exist(_ root: String) -> Bool { access(root + "/.indexer/building.sqlite", F_OK) == 0 }
}
