import Foundation
import IndexerTestSupport
import Testing

/// Every error a user can cause: one line naming the thing and what to do, exit status 2.
@Suite struct ErrorTests {
  private func expectOneLineError(_ run: IndexerRun, mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(run.status == 2, sourceLocation: sourceLocation)
    #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)", sourceLocation: sourceLocation)
    #expect(run.stderr.contains(text), "\(run.stderr)", sourceLocation: sourceLocation)
  }

  @Test func missingAndNonDirectoryPaths() throws {
    let dir = try TemporaryDirectory()
    expectOneLineError(try IndexerProcess.run(["index", dir.path + "/absent"]), mentioning: "no such directory")
    try dir.write("file.py", "x = 1\n")
    expectOneLineError(try IndexerProcess.run(["index", dir.path + "/file.py"]), mentioning: "not a directory")
  }

  @Test func unwritableDatabaseLocation() throws {
    let dir = try TemporaryDirectory()
    try dir.write("a.py", "x = 1\n")
    expectOneLineError(
      try IndexerProcess.run(["index", dir.path, "--db", dir.path + "/no/such/folder/i.sqlite"]),
      mentioning: "pass --db with a writable location")
  }

  @Test func aFileThatIsNotAnIndex() throws {
    let dir = try TemporaryDirectory()
    try dir.write("a.py", "x = 1\n")
    try dir.write("notes.sqlite", "precious notes")
    let run = try IndexerProcess.run(["index", dir.path, "--db", dir.path + "/notes.sqlite"])
    expectOneLineError(run, mentioning: "is not an indexer database")
    #expect(try dir.read("notes.sqlite") == "precious notes")
    expectOneLineError(
      try IndexerProcess.run(["query", "symbol", "x", "--db", dir.path + "/notes.sqlite"]), mentioning: "not an indexer database")
  }

  @Test func aCorruptIndex() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    try indexJSON(ws.path)
    let path = ws.path + "/.indexer/index.sqlite"
    var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    for i in 100..<min(bytes.count, 8192) { bytes[i] = UInt8(truncatingIfNeeded: i &* 7) }
    try bytes.write(to: URL(fileURLWithPath: path))
    expectOneLineError(try IndexerProcess.run(["query", "symbol", "Tool", "--root", ws.path]), mentioning: "is corrupt")
    expectOneLineError(try IndexerProcess.run(["index", ws.path]), mentioning: "delete it and run `indexer index` again")
  }

  @Test func aNewerSchema() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    try indexJSON(ws.path)
    // user_version lives at byte offset 60 of the header, big-endian.
    let path = ws.path + "/.indexer/index.sqlite"
    var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    bytes[60] = 0; bytes[61] = 0; bytes[62] = 0; bytes[63] = 42
    try bytes.write(to: URL(fileURLWithPath: path))
    expectOneLineError(try IndexerProcess.run(["query", "symbol", "Tool", "--root", ws.path]), mentioning: "schema version 42, newer")
    expectOneLineError(try IndexerProcess.run(["index", ws.path]), mentioning: "schema version 42, newer")
  }

  @Test func noIndexYet() throws {
    let dir = try TemporaryDirectory()
    expectOneLineError(try IndexerProcess.run(["query", "symbol", "x", "--root", dir.path]), mentioning: "run `indexer index` first")
  }

  @Test func badFlags() throws {
    let run = try IndexerProcess.run(["query", "symbol", "x", "--no-such-flag"])
    #expect(run.status == 2)
  }
}
