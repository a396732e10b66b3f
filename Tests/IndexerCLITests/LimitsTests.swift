import Foundation
import IndexerTestSupport
import Testing

@Suite struct LimitsTests {
  private func workspace() throws -> TemporaryDirectory {
    let ws = try TemporaryDirectory()
    for name in ["a", "b", "c", "d"] { try ws.write("\(name).py", "def f_\(name)(): pass\n") }  // 18 bytes each
    try ws.write("big.py", "def big(): pass\n" + String(repeating: "# padding\n", count: 200))
    return ws
  }

  private func skippedReasons(_ root: String) throws -> [String: String] {
    let stats = try IndexerProcess.run(["stats", "--json", "--root", root]).json()
    var result: [String: String] = [:]
    for entry in stats["skipped"] as? [[String: Any]] ?? [] {
      result[entry["path"] as? String ?? ""] = entry["reason"] as? String
    }
    return result
  }

  @Test func maxFileSizeSkipsLargeFilesWithAReason() throws {
    let ws = try workspace()
    let run = try IndexerProcess.run(["index", ws.path, "--max-file-size", "1K", "--json"])
    #expect(run.status == 0)
    #expect(run.stderr.contains("1 too-large"))
    #expect(try skippedReasons(ws.path) == ["big.py": "too-large"])
    #expect(try IndexerProcess.run(["query", "symbol", "big", "--root", ws.path]).status == 1)
    // Raising the limit brings it in even though its stat did not change.
    let again = try indexJSON(ws.path, ["--max-file-size", "1M"])
    #expect(int(again, "parsed") == 1)
    #expect(try skippedReasons(ws.path).isEmpty)
  }

  @Test func maxFilesKeepsTheFirstPathsInOrder() throws {
    let ws = try workspace()
    try indexJSON(ws.path, ["--max-files", "2"])
    let kept = try allSymbols(ws.path).map { String($0.prefix { $0 != ":" }) }
    #expect(kept == ["a.py", "b.py"])
    #expect(try skippedReasons(ws.path) == ["big.py": "over-file-limit", "c.py": "over-file-limit", "d.py": "over-file-limit"])
  }

  @Test func maxTotalSizeKeepsFilesInPathOrderUntilTheBudgetIsSpent() throws {
    let ws = try workspace()
    try indexJSON(ws.path, ["--max-total-size", "40"])
    let kept = try allSymbols(ws.path).map { String($0.prefix { $0 != ":" }) }
    #expect(kept == ["a.py", "b.py"])
    #expect(try skippedReasons(ws.path)["big.py"] == "over-total-size")
  }

  @Test func badSizesAreRefused() throws {
    let run = try IndexerProcess.run(["index", ".", "--max-file-size", "lots"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("max-file-size"))
  }
}
