import Foundation
import GRDB
import IndexerTestSupport
import Testing

/// `indexer index` end to end: the real binary, real files, a real SQLite database.
@Suite struct IndexCommandTests {
  @Test func mixedWorkspaceMatchesGolden() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    try indexJSON(ws.path)
    let actual = try allSymbols(ws.path).joined(separator: "\n") + "\n"
    let golden = Fixtures.root + "/workspaces/expected/mixed.symbols.txt"
    if Fixtures.isRecording {
      try actual.write(toFile: golden, atomically: true, encoding: .utf8)
      Issue.record("recorded \(golden)")
      return
    }
    #expect(actual == (try String(contentsOfFile: golden, encoding: .utf8)))
  }

  @Test func ignoreRulesDecideWhatIsIndexed() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    try indexJSON(ws.path)
    let names = Set(try allSymbols(ws.path).map(qualifiedName))
    // .gitignore (dir-only, glob), nested .gitignore, .ignore and built-in skips leave these out...
    for absent in ["ShouldNotBeIndexed", "BuildProduct", "dropped", "vendored", "in_node_modules"] {
      #expect(!names.contains(absent), "\(absent) should be ignored")
    }
    // ...and negations bring these back.
    #expect(names.contains("KeptGenerated"))
    #expect(names.contains("kept_locally"))
  }

  /// `.indexer/` keeps itself out of `git status` with its own `.gitignore`, and leaves one the user wrote.
  @Test func theIndexFolderIgnoresItselfInGit() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    let git = { (arguments: [String]) throws -> String in
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["git", "-C", ws.path] + arguments
      let out = Pipe()
      process.standardOutput = out
      process.standardError = FileHandle.nullDevice
      try process.run()
      let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      return text
    }
    _ = try git(["init", "-q"])
    try indexJSON(ws.path)
    let ignore = try String(contentsOfFile: ws.path + "/.indexer/.gitignore", encoding: .utf8)
    #expect(ignore.hasSuffix("*\n"))
    #expect(!(try git(["status", "--porcelain", "--untracked-files=all"])).contains(".indexer"))
    try "mine\n".write(toFile: ws.path + "/.indexer/.gitignore", atomically: true, encoding: .utf8)
    try indexJSON(ws.path)
    #expect(try String(contentsOfFile: ws.path + "/.indexer/.gitignore", encoding: .utf8) == "mine\n")
  }

  /// Every command takes the workspace the same two ways: `index`/`check`/`watch` a positional PATH or
  /// `--root`, `stats`/`export` `--root` or a positional PATH; both at once must agree, else one line and 2.
  @Test func theWorkspaceIsAPathOrRootEverywhere() throws {
    let ws = try Fixtures.copy("workspaces/calls")
    let elsewhere = try TemporaryDirectory()
    #expect(try IndexerProcess.run(["index", "--root", ws.path, "--quiet"], in: elsewhere.path).status == 0)
    #expect(FileManager.default.fileExists(atPath: ws.path + "/.indexer/index.sqlite"))
    #expect(try IndexerProcess.run(["check", "--root", ws.path], in: elsewhere.path).status == 0)
    let byPath = try IndexerProcess.run(["stats", ws.path, "--json"], in: elsewhere.path)
    let byRoot = try IndexerProcess.run(["stats", "--root", ws.path, "--json"], in: elsewhere.path)
    let files = try byPath.json()["files"] as? Int
    #expect(byPath.status == 0 && files == 3)
    #expect(byPath.stdout == byRoot.stdout)
    let dump = try IndexerProcess.run(["export", ws.path, "--format", "dump"], in: elsewhere.path)
    #expect(dump.status == 0 && dump.stdout.contains("calls.c"))
    for command in [["index", ws.path, "--root", elsewhere.path], ["stats", ws.path, "--root", elsewhere.path]] {
      let both = try IndexerProcess.run(command, in: elsewhere.path)
      #expect(both.status == 2 && both.stderr.contains("PATH or --root, not both"), "\(command)")
    }
  }

  @Test func excludeFlagsOutrankTheTree() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    let report = try indexJSON(ws.path, ["--exclude", "scripts/", "--exclude", "*.generated.swift"])
    let lines = try allSymbols(ws.path)
    #expect(!lines.contains { $0.hasPrefix("scripts/") })
    #expect(!lines.contains { $0.contains("KeptGenerated") })
    #expect(int(report, "files") == 4)
  }

  /// A reader holding a snapshot keeps the final TRUNCATE checkpoint from finishing: every batch is
  /// committed, so the run warns and exits 0, and its changes are there.
  @Test func aBusyFinalCheckpointIsAWarning() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    try indexJSON(ws.path)
    let reader = try DatabaseQueue(path: ws.path + "/.indexer/index.sqlite")
    try ws.write("scripts/late.py", "def added_while_read(): pass\n")
    try reader.inDatabase { db in
      try db.execute(sql: "BEGIN")
      _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM file")
      let run = try IndexerProcess.run(["index", ws.path])
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stderr.contains("warning: the write-ahead log"), "\(run.stderr)")
      try db.execute(sql: "COMMIT")
    }
    #expect(try IndexerProcess.run(["query", "symbol", "added_while_read", "--root", ws.path]).status == 0)
  }

  /// Writers racing for one database from separate processes: each either writes or is told who holds
  /// the lock, and what they leave behind checks sound and equals a fresh index.
  @Test func concurrentWritersTakeTurnsThroughTheLock() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    for round in 0..<3 {
      for i in 0..<40 { try ws.write("gen/r\(round)/f\(i).py", "def racing_\(round)_\(i)(): pass\n") }
      let runs = Locked([IndexerRun]())
      DispatchQueue.concurrentPerform(iterations: 4) { _ in
        if let run = try? IndexerProcess.run(["index", ws.path, "--quiet"]) { runs.append(run) }
      }
      #expect(runs.value.count == 4)
      #expect(runs.value.contains { $0.status == 0 }, "someone wrote")
      for run in runs.value where run.status != 0 {
        #expect(run.status == 2 && run.stderr.contains("another indexer (pid"), "\(run.stderr)")
      }
      #expect(try IndexerProcess.run(["check", ws.path]).status == 0)
    }
    try indexJSON(ws.path)
    let fresh = try TemporaryDirectory("fresh")
    try indexJSON(ws.path, ["--db", fresh.path + "/i.sqlite"])
    let truth = try IndexerProcess.run(["query", "symbol", "", "--prefix", "--db", fresh.path + "/i.sqlite"]).lines
    #expect(try allSymbols(ws.path) == truth)
  }

  /// `.h` belongs to C and C++: a header that spells C++ is stored as `cpp` (issue 9), a plain one as `c`,
  /// and the language survives a run that finds the bytes unchanged.
  @Test func aHeaderThatSpellsCppIsRecordedAsCpp() throws {
    let ws = try TemporaryDirectory("headers")
    try ws.write("box.h", "namespace geo {\ntemplate <typename T>\nclass Box {\n  T width() const;\n};\n}\n")
    try ws.write("plain.h", "#ifdef __cplusplus\nextern \"C\" {\n#endif\nstruct point { int x; };\nint area(struct point p);\n#ifdef __cplusplus\n}\n#endif\n")
    try indexJSON(ws.path)
    let box = try IndexerProcess.run(["query", "symbol", "Box", "--json", "--root", ws.path]).jsonLines()
    #expect(box.first?["language"] as? String == "cpp")
    #expect(try IndexerProcess.run(["query", "symbol", "Box", "--lang", "cpp", "--root", ws.path]).status == 0)
    #expect(try IndexerProcess.run(["query", "symbol", "point", "--lang", "c", "--root", ws.path]).status == 0)
    #expect(try IndexerProcess.run(["query", "symbol", "point", "--lang", "cpp", "--root", ws.path]).status == 1)
    try touch(ws.path + "/box.h")
    try indexJSON(ws.path)
    let again = try IndexerProcess.run(["query", "symbol", "Box", "--json", "--root", ws.path]).jsonLines()
    #expect(again.first?["language"] as? String == "cpp", "a hashed (unchanged) file keeps its language")
  }

  @Test func warmStartReadsNothing() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    let first = try indexJSON(ws.path)
    #expect(int(first, "parsed") == 8)
    let second = try indexJSON(ws.path)
    #expect(int(second, "unchanged") == 8)
    #expect(int(second, "parsed") == 0)
    #expect(int(second, "hashed") == 0)
    #expect(int(second, "bytesRead") == 0)
    #expect(int(second, "generation") == int(first, "generation"), "a no-op run commits nothing")
  }

  @Test func touchedFilesAreHashedNotParsed() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    try indexJSON(ws.path)
    try touch(ws.path + "/scripts/tool.py")
    let report = try indexJSON(ws.path)
    #expect(int(report, "hashed") == 1)
    #expect(int(report, "parsed") == 0)
    #expect(int(report, "unchanged") == 7)
    #expect(int(try indexJSON(ws.path), "unchanged") == 8, "the refreshed stat is remembered")
  }

  @Test func editedFilesAreParsedAgain() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    try indexJSON(ws.path)
    try ws.write("scripts/sub/helpers.py", "def renamed_helper():\n    pass\n")
    let report = try indexJSON(ws.path)
    #expect(int(report, "parsed") == 1)
    #expect(int(report, "unchanged") == 7)
    let lines = try allSymbols(ws.path)
    #expect(lines.contains { $0.contains("renamed_helper") })
    #expect(!lines.contains { $0.contains("fetch_all") })
  }

  @Test func newRenamedAndDeletedFilesAreFollowed() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    try indexJSON(ws.path)
    try ws.move("scripts/tool.py", "scripts/renamed_tool.py")
    try ws.remove("Sources/App/main.swift")
    try ws.write("Sources/App/New.swift", "struct Brand_New {}\n")
    let report = try indexJSON(ws.path)
    #expect(int(report, "parsed") == 1, "only the new file is parsed")
    #expect(int(report, "renamed") == 1, "the rename keeps its rows")
    #expect(int(report, "removed") == 1)
    #expect(int(report, "files") == 8)
    let tool = try IndexerProcess.run(["query", "symbol", "Tool", "--root", ws.path])
    #expect(tool.lines == ["scripts/renamed_tool.py:7:1  class  Tool  class Tool"])
    let app = try IndexerProcess.run(["query", "symbol", "app", "--root", ws.path])
    #expect(app.status == 1, "main.swift's symbols are gone")
    #expect(try IndexerProcess.run(["query", "symbol", "Brand_New", "--root", ws.path]).status == 0)
  }

  @Test func anIndexCopiedToAnotherCheckoutParsesNothing() throws {
    let ci = try Fixtures.copy("workspaces/mixed")
    let artifact = try TemporaryDirectory("artifact")
    try indexJSON(ci.path, ["--db", artifact.path + "/index.sqlite"])
    // Another machine: same content, another absolute path, new inodes and mtimes.
    let laptop = try Fixtures.copy("workspaces/mixed")
    for file in ["scripts/tool.py", "Sources/App/main.swift"] { try touch(laptop.path + "/" + file, secondsAgo: 99) }
    try FileManager.default.createDirectory(atPath: laptop.path + "/.indexer", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: artifact.path + "/index.sqlite", toPath: laptop.path + "/.indexer/index.sqlite")
    let report = try indexJSON(laptop.path)
    #expect(int(report, "parsed") == 0)
    #expect(int(report, "hashed") == 8)
    #expect(try allSymbols(laptop.path) == (try allSymbols(ci.path, ["--db", artifact.path + "/index.sqlite"])))
  }

  @Test func binaryAndInvalidUTF8FilesAreRecorded() throws {
    let ws = try TemporaryDirectory()
    try ws.write("ok.py", "def ok(): pass\n")
    try ws.write("blob.py", Data([0x64, 0x65, 0x66, 0x00, 0x01, 0x02]))
    try ws.write("latin1.py", Data("def caf".utf8) + Data([0xE9]) + Data("(): pass\ndef after(): pass\n".utf8))
    let report = try IndexerProcess.run(["index", ws.path, "--json"])
    #expect(report.status == 0)
    #expect(report.stderr.contains("1 binary"), "warned once: \(report.stderr)")
    let json = try report.json()
    #expect((json["skipped"] as? [String: Any]).flatMap { int($0, "binary") } == 1)
    #expect(int(json, "files") == 2)
    #expect(try IndexerProcess.run(["query", "symbol", "after", "--root", ws.path]).status == 0)
    let stats = try IndexerProcess.run(["stats", "--json", "--root", ws.path]).json()
    let skipped = stats["skipped"] as? [[String: Any]] ?? []
    #expect(skipped.map { $0["path"] as? String } == ["blob.py"])
    #expect(skipped.map { $0["reason"] as? String } == ["binary"])
    #expect(stats["lossy"] as? [String] == ["latin1.py"])
    // Unchanged binary files are not re-read on the next run either.
    #expect(int(try indexJSON(ws.path), "unchanged") == 3)
  }
}

/// `indexer index` with a path, `--db`, `-q` and `--json` is parsed without ArgumentParser; both parsers
/// must give the same run, and anything else must still reach ArgumentParser.
@Suite struct IndexFastPathTests {
  private func normalized(_ run: IndexerRun, _ roots: [String]) -> (Int32, String, String) {
    func clean(_ text: String) -> String {
      var text = text
      for root in roots { text = text.replacingOccurrences(of: root, with: "ROOT") }
      // Timings differ between any two runs.
      return text.replacingOccurrences(of: #"[0-9]+\.[0-9]+(e-?[0-9]+)?"#, with: "T", options: .regularExpression)
    }
    return (run.status, clean(run.stdout), clean(run.stderr))
  }

  @Test(arguments: [
    ["ROOT"], ["ROOT", "--json"], ["ROOT", "-q"], ["--quiet", "ROOT"], ["ROOT", "--db", "ROOT/other.sqlite", "--json"],
    ["ROOT", "--db"], ["ROOT", "ROOT"], ["ROOT/missing"], ["ROOT", "--max-files", "3", "--json"], ["ROOT", "--help"],
  ])
  func fastPathMatchesArgumentParser(arguments: [String]) throws {
    let fastRoot = try Fixtures.copy("workspaces/mixed")
    let slowRoot = try Fixtures.copy("workspaces/mixed")
    let fast = try IndexerProcess.run(["index"] + arguments.map { $0.replacingOccurrences(of: "ROOT", with: fastRoot.path) })
    let slow = try IndexerProcess.run(
      ["index"] + arguments.map { $0.replacingOccurrences(of: "ROOT", with: slowRoot.path) }, environment: ["INDEXER_NO_FAST_PATH": "1"])
    let (a, b) = (normalized(fast, [fastRoot.path]), normalized(slow, [slowRoot.path]))
    #expect(a.0 == b.0)
    #expect(a.1 == b.1)
    #expect(a.2 == b.2)
  }

  @Test func aPlainIndexWithoutAPathIndexesTheCurrentFolder() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    let run = try IndexerProcess.run(["index", "--json"], in: ws.path)
    #expect(run.status == 0)
    #expect(int(try run.json(), "parsed") == 8)
  }
}
