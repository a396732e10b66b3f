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
}
