import Foundation
import IndexerTestSupport
import Testing

@Suite struct WalkEdgeCaseTests {
  @Test func symlinkLoopsEndWithANoteAndLinksOutOfTheRootAreNotFollowed() throws {
    let ws = try TemporaryDirectory()
    let outside = try TemporaryDirectory()
    try ws.write("pkg/mod.py", "def inside(): pass\n")
    try outside.write("secret.py", "def outside(): pass\n")
    try FileManager.default.createSymbolicLink(atPath: ws.path + "/pkg/loop", withDestinationPath: "..")
    try FileManager.default.createSymbolicLink(atPath: ws.path + "/escape", withDestinationPath: outside.path)
    let run = try IndexerProcess.run(["index", ws.path, "--json"])
    #expect(run.status == 0)
    #expect(run.stderr.contains("pkg/loop: symlink loop"))
    #expect(run.stderr.contains("escape: symlink points outside the workspace"))
    #expect(try allSymbols(ws.path) == ["pkg/mod.py:1:1  function  inside  def inside()"])
  }

  @Test func interruptedRunsKeepCommittedBatchesAndTheNextRunFinishes() throws {
    let ws = try TemporaryDirectory()
    let count = 4000
    for i in 0..<count { try ws.write(String(format: "pkg%02d/m%05d.py", i % 40, i), "def f\(i)(): pass\nclass C\(i):\n    x = \(i)\n") }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: IndexerProcess.executable)
    process.arguments = ["index", ws.path, "--quiet"]
    try process.run()
    // Interrupt as soon as the first batch has committed (the WAL appears with it).
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning && Date() < deadline {
      if let size = try? FileManager.default.attributesOfItem(atPath: ws.path + "/.indexer/index.sqlite-wal")[.size] as? Int, size > 0 {
        process.interrupt()
        break
      }
      usleep(2000)
    }
    process.waitUntilExit()
    let report = try indexJSON(ws.path)
    #expect(int(report, "files") == count)
    #expect((int(report, "parsed") ?? 0) + (int(report, "unchanged") ?? 0) == count)
    #expect(try IndexerProcess.run(["query", "symbol", "C\(count - 1)", "--root", ws.path]).status == 0)
    #expect(int(try indexJSON(ws.path), "unchanged") == count)
  }
}
