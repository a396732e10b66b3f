import Foundation
import IndexerTestSupport
import Testing

/// The front ends driven by real peer clients (Python: pytest-lsp/pygls for LSP, the `mcp` SDK for MCP,
/// `protobuf` for SCIP), against the built binary. `make test` installs the Python packages
/// (`Tests/Frontends/requirements.txt`); the suite fails, never skips, when they are missing.
@Suite(.serialized) struct FrontendClientTests {
  private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  private func pytest(_ file: String) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", "Tests/Frontends/\(file)"]
    process.currentDirectoryURL = URL(fileURLWithPath: Self.repository)
    var environment = ProcessInfo.processInfo.environment
    environment["INDEXER_BINARY"] = IndexerProcess.executable
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
  }

  @Test func languageServerWithPytestLsp() throws {
    let run = try pytest("test_lsp.py")
    #expect(run.status == 0, "pytest-lsp against indexer lsp failed:\n\(run.output)")
    #expect(run.output.contains(" passed"), "\(run.output)")
  }

  @Test func agentServerWithTheMCPSDK() throws {
    let run = try pytest("test_mcp.py")
    #expect(run.status == 0, "the mcp SDK against indexer mcp failed:\n\(run.output)")
    #expect(run.output.contains(" passed"), "\(run.output)")
  }

  @Test func scipExportDecodedByProtobuf() throws {
    let run = try pytest("test_scip.py")
    #expect(run.status == 0, "decoding indexer export --format scip failed:\n\(run.output)")
    #expect(run.output.contains(" passed"), "\(run.output)")
  }

  /// Runs a copy of `indexer` alone in a fresh folder (no `indexer-mcp` or `indexer-extract` beside it).
  private func runLoneIndexer(_ arguments: (_ folder: String, _ workspace: String) -> [String]) throws -> (status: Int32, stderr: String, folder: TemporaryDirectory) {
    let dir = try TemporaryDirectory()
    let lone = dir.path + "/indexer"
    try FileManager.default.copyItem(atPath: IndexerProcess.executable, toPath: lone)
    let ws = try Fixtures.copy("workspaces/mixed")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: lone)
    process.arguments = arguments(dir.path, ws.path)
    let errors = Pipe()
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, stderr, dir)
  }

  /// `indexer mcp` runs `indexer-mcp` from beside itself; without it, one line says what to do.
  @Test func mcpWithoutItsServerProgramSaysSo() throws {
    let (status, stderr, _) = try runLoneIndexer { _, workspace in ["mcp", "--root", workspace] }
    #expect(status == 2)
    #expect(stderr.contains("indexer-mcp is missing") && stderr.split(separator: "\n").count == 1, "\(stderr)")
  }

  /// `indexer index` runs its extraction workers from the `indexer-extract` beside it; without it, one line
  /// names the missing program, the exit status is 2 and no index is written.
  @Test func indexWithoutItsWorkerProgramSaysSo() throws {
    let (status, stderr, dir) = try runLoneIndexer { folder, workspace in ["index", workspace, "--db", folder + "/i.sqlite"] }
    #expect(status == 2)
    #expect(stderr.contains(dir.path + "/indexer-extract is missing") && stderr.split(separator: "\n").count == 1, "\(stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/i.sqlite"))
  }
}
