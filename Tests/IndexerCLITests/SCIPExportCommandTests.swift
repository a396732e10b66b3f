import Foundation
import IndexerTestSupport
import Testing

/// The SCIP export's failure paths, through the real binary (the contents are checked by test_scip.py).
@Suite struct SCIPExportCommandTests {
  @Test func anUnwritableOutputFailsWithOneLineAndLeavesNoFile() throws {
    let dir = try TemporaryDirectory()
    let ws = try Fixtures.copy("workspaces/mixed")
    let root = ws.path
    #expect(try IndexerProcess.run(["index", root, "--quiet"]).status == 0)
    let run = try IndexerProcess.run(["export", "--format", "scip", "--root", root, "-o", dir.path + "/missing/out.scip"])
    #expect(run.status == 2)
    #expect(run.stderr.hasPrefix("indexer: cannot write") && run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/missing/out.scip.partial"))
  }

  @Test func theOutputAppearsWholeUnderItsName() throws {
    let dir = try TemporaryDirectory()
    let ws = try Fixtures.copy("workspaces/mixed")
    let root = ws.path
    #expect(try IndexerProcess.run(["index", root, "--quiet"]).status == 0)
    let out = dir.path + "/index.scip"
    let run = try IndexerProcess.run(["export", "--format", "scip", "--root", root, "-o", out])
    #expect(run.status == 0, "\(run.stderr)")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
    #expect(bytes.first == 0x0A)  // metadata first
    #expect(run.stderr.contains("\(bytes.count) bytes"))
    #expect(!FileManager.default.fileExists(atPath: out + ".partial"))
  }

  /// References go through the language's rules (Rust here), C and C++ only when asked: at kernel scale
  /// their rules made the export some 40 times slower.
  @Test func cReferencesResolveOnlyWhenAsked() throws {
    let dir = try TemporaryDirectory()
    let c = try Fixtures.copy("languages/c/scopes")
    #expect(try IndexerProcess.run(["index", c.path, "--quiet"]).status == 0)
    func resolved(_ extra: [String]) throws -> Int? {
      let run = try IndexerProcess.run(["export", "--format", "scip", "--root", c.path, "-o", dir.path + "/c.scip"] + extra)
      guard run.status == 0, let range = run.stderr.range(of: #"\((\d+) resolved"#, options: .regularExpression) else { return nil }
      return Int(run.stderr[range].dropFirst().prefix { $0.isNumber })
    }
    #expect(try resolved([]) == 0)
    #expect(try (resolved(["--resolve-c-family"]) ?? 0) > 0)
    let rust = try Fixtures.copy("languages/rust/scopes")
    #expect(try IndexerProcess.run(["index", rust.path, "--quiet"]).status == 0)
    let run = try IndexerProcess.run(["export", "--format", "scip", "--root", rust.path, "-o", dir.path + "/r.scip"])
    #expect(run.status == 0 && !run.stderr.contains("(0 resolved"), "\(run.stderr)")
  }
}
