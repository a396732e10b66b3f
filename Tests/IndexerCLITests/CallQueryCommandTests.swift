import Foundation
import IndexerTestSupport
import Testing

/// `query callers` / `query callees` on `Fixtures/workspaces/calls` (Python, TypeScript, C), through the real
/// binary and a real index: the trees, the sites, the exit codes and the one-line errors.
@Suite struct CallQueryCommandTests {
  static let workspace: TemporaryDirectory = {
    let ws = try! Fixtures.copy("workspaces/calls")
    _ = try! IndexerProcess.run(["index", ws.path, "--quiet"])
    return ws
  }()

  private func query(_ args: [String]) throws -> IndexerRun {
    try IndexerProcess.run(["query"] + args + ["--root", Self.workspace.path])
  }

  @Test func callersAreGroupedByTheFunctionAroundEachUse() throws {
    let run = try query(["callers", "leaf"])
    #expect(run.status == 0)
    #expect(run.lines == [
      "calls.py:4:5  function  leaf",
      "  calls.py:8:5  function  middle  calls at 9:9,10:12  scope",
      "  calls.py:13:5  function  top  calls at 14:24  scope",
      "  calls.py:25:13  function  Runner.step.inner  calls at 26:20  scope",
    ])
    // Deeper, a function reached twice is listed under each caller; `start` reaches `go` through a constructed receiver.
    let deep = try query(["callers", "--at", "calls.py:10:12", "--depth", "3"])
    #expect(deep.lines.contains("      calls.py:30:5  function  start  calls at 31:21  member"))
    #expect(deep.lines.filter { $0.hasSuffix("function  top  calls at 14:12  scope") }.count == 1)
  }

  @Test func calleesFollowResolvedNamesAndSkipNestedFunctions() throws {
    // `step` calls `inner` (a nested function, through its local binding), not `leaf`, which `inner` calls.
    #expect(try query(["callees", "step"]).lines == [
      "calls.py:24:9  method  Runner.step",
      "  calls.py:25:13  function  Runner.step.inner  calls at 27:16  local",
    ])
    // A constructed type is a callee; a method through `this` and a typed local are members.
    #expect(try query(["callees", "run"]).lines == [
      "calls.ts:15:17  function  run",
      "  calls.ts:5:14  class  Loader  calls at 16:22  scope",
      "  calls.ts:6:3  method  Loader.load  calls at 17:17  member",
    ])
    #expect(try query(["callees", "sum_squares"]).lines == [
      "calls.c:3:5  function  sum_squares",
      "  calls.c:1:12  function  square  calls at 4:10,4:22  scope",
    ])
  }

  @Test func jsonNestsTheTreeWithCounts() throws {
    let json = try query(["callers", "square", "--json", "--depth", "2"]).jsonLines()
    #expect(json.count == 1)
    #expect(json.first?["direction"] as? String == "incoming")
    #expect(json.first?["count"] as? Int == 3)  // sum_squares, main, and main again under sum_squares
    let links = json.first?["links"] as? [[String: Any]] ?? []
    #expect(links.map { $0["name"] as? String } == ["sum_squares", "main"])
    #expect((links.first?["links"] as? [[String: Any]])?.map { $0["name"] as? String } == ["main"])
    #expect((links.first?["sites"] as? [[String: Int]]) == [["line": 4, "column": 10], ["line": 4, "column": 22]])
    // The generation the tree was read at (the one `stats` reports), and no watcher to list pending paths.
    let stats = try JSONSerialization.jsonObject(with: Data(try IndexerProcess.run(["stats", Self.workspace.path, "--json"]).stdout.utf8)) as? [String: Any]
    #expect(json.first?["generation"] as? Int == stats?["generation"] as? Int && json.first?["generation"] != nil)
    #expect(json.first?["pending"] is NSNull)
  }

  /// With a watcher, the trees say what it has seen change and not committed yet: nothing once it has synced.
  @Test func jsonSaysWhatTheWatcherHasNotCommitted() throws {
    let ws = try Fixtures.copy("workspaces/calls")
    let watcher = try WatcherProcess(root: ws.path)
    let json = try IndexerProcess.run(["query", "callers", "square", "--json", "--sync", "--root", ws.path]).jsonLines()
    let pending = json.first?["pending"] as? [String: Any]
    #expect(pending?["paths"] as? [String] == [] && pending?["count"] as? Int == 0 && pending?["rescan"] as? Bool == false, "\(json)")
    _ = watcher.stop()
  }

  /// A recursive function is its own caller once: not expanded again, marked with `…`.
  @Test func recursionStopsAndIsMarked() throws {
    #expect(try query(["callers", "countdown", "--depth", "4"]).lines == [
      "calls.py:34:5  function  countdown",
      "  calls.py:34:5  function  countdown  calls at 35:12  scope  …",
    ])
  }

  @Test func nothingCallableIsExitOneAndBadInputIsOneLine() throws {
    #expect(try query(["callers", "NoSuchFunction"]).status == 1)
    #expect(try query(["callees", "leaf"]).status == 1)  // leaf calls nothing
    let both = try query(["callers", "leaf", "--at", "calls.py:4:5"])
    #expect(both.status == 2 && both.stderr.contains("not both"))
    let depth = try query(["callers", "leaf", "--depth", "0"])
    #expect(depth.status == 2 && depth.stderr.contains("--depth"))
    let missing = try query(["callers", "--at", "nope.py:1:1"])
    #expect(missing.status == 2 && missing.stderr.contains("nope.py is not in the index"))
  }
}
