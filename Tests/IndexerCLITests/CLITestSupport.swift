import Foundation
import IndexerTestSupport
import Testing

/// Runs `indexer index --json` on a folder and returns the report, failing the test on a non-zero exit.
@discardableResult
func indexJSON(_ root: String, _ extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
  let run = try IndexerProcess.run(["index", root, "--json"] + extra)
  #expect(run.status == 0, "index failed: \(run.stderr)", sourceLocation: sourceLocation)
  return try run.json()
}

/// `query symbol "" --prefix`: every definition, one text line each, in the stable order.
func allSymbols(_ root: String, _ extra: [String] = []) throws -> [String] {
  try IndexerProcess.run(["query", "symbol", "", "--prefix", "--root", root] + extra).lines
}

func int(_ object: [String: Any], _ key: String) -> Int? { (object[key] as? NSNumber)?.intValue }

/// Sets a file's modification time without changing its bytes (what `touch` or a checkout does).
func touch(_ path: String, secondsAgo: Double = 3600) throws {
  try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -secondsAgo)], ofItemAtPath: path)
}

/// The `container.name` column of a `query symbol` text line (columns are separated by two spaces).
func qualifiedName(_ line: String) -> String {
  line.components(separatedBy: "  ")[2]
}

/// The mixed workspace (ignored folders, skips) plus every `Fixtures/languages` case under `languages/`:
/// a small tree with every language the readers know.
func mixedTreeWithEveryLanguage() throws -> TemporaryDirectory {
  let ws = try Fixtures.copy("workspaces/mixed")
  try FileManager.default.copyItem(atPath: Fixtures.root + "/languages", toPath: ws.path + "/languages")
  return ws
}

/// `export --format dump` of an index: everything it holds, for comparing two indexes of one tree.
func dump(_ db: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
  let run = try IndexerProcess.run(["export", "--format", "dump", "--db", db])
  #expect(run.status == 0, "\(run.stderr)", sourceLocation: sourceLocation)
  return run.stdout
}
