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

  /// A file whose name is not UTF-8 cannot be a row of the index; `stats` still lists it with why, after the
  /// run that noted it on stderr, until it is renamed — by `index` and by a watcher taking in a new folder.
  @Test func namesThatAreNotUTF8AreListedByStatsUntilRenamed() throws {
    let ws = try TemporaryDirectory()
    try ws.write("good.py", "def good(): pass\n")
    /// `FOLDER/b\xFFd.py` as the C string the file system takes (a Swift String cannot hold the byte).
    func badName(_ folder: String) -> [CChar] {
      (Array((ws.path + folder + "/b").utf8) + [0xFF] + Array("d.py".utf8) + [0]).map { CChar(bitPattern: $0) }
    }
    func create(_ name: [CChar]) {
      let fd = open(name, O_CREAT | O_WRONLY, 0o644)
      #expect(fd >= 0)
      close(fd)
    }
    create(badName(""))
    #expect(try IndexerProcess.run(["index", ws.path]).status == 0)
    let listed = "  b\u{FFFD}d.py  name is not valid UTF-8; not indexed (rename it to index it)"
    var stats = try IndexerProcess.run(["stats", ws.path])
    #expect(stats.lines.contains("left out       1 paths the walk could not take in") && stats.lines.contains(listed), "\(stats.stdout)")
    // A run with nothing to do keeps the note; the JSON says the same.
    #expect(try IndexerProcess.run(["index", ws.path]).status == 0)
    let json = try IndexerProcess.run(["stats", ws.path, "--json"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect((object["leftOutByWalk"] as? [[String: String]])?.map { $0["path"] } == ["b\u{FFFD}d.py"])
    // Renamed: indexed, and no longer listed.
    #expect(rename(badName(""), ws.path + "/bd.py") == 0)
    #expect(try IndexerProcess.run(["index", ws.path]).status == 0)
    stats = try IndexerProcess.run(["stats", ws.path])
    #expect(!stats.stdout.contains("left out"), "\(stats.stdout)")
    // A watcher taking in a new folder notes its file too.
    let watcher = try WatcherProcess(root: ws.path)
    try ws.write("late/ok.py", "def ok(): pass\n")
    create(badName("/late"))
    #expect(try IndexerProcess.run(["query", "symbol", "ok", "--sync", "--root", ws.path]).status == 0)
    stats = try IndexerProcess.run(["stats", ws.path])
    #expect(stats.lines.contains("  late/b\u{FFFD}d.py  name is not valid UTF-8; not indexed (rename it to index it)"), "\(stats.stdout)")
    // And a file made, then deleted, in a folder it already watches: its event names it with the byte replaced.
    create(badName(""))
    #expect(try IndexerProcess.run(["query", "symbol", "ok", "--sync", "--root", ws.path]).status == 0)
    #expect(try IndexerProcess.run(["stats", ws.path]).lines.contains(listed))
    #expect(unlink(badName("")) == 0)
    #expect(try IndexerProcess.run(["query", "symbol", "ok", "--sync", "--root", ws.path]).status == 0)
    stats = try IndexerProcess.run(["stats", ws.path])
    #expect(!stats.lines.contains(listed) && stats.stdout.contains("late/b\u{FFFD}d.py"), "\(stats.stdout)")
    _ = watcher.stop()
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
