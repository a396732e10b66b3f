import Foundation
import IndexerTestSupport
import Testing

/// `indexer changes --since G`: the definitions each commit added, removed or changed, from the real binary
/// and a real index; a bulk build starts the feed over (what it changed is not listed).
@Suite struct ChangesCommandTests {
  private func run(_ args: [String], _ ws: TemporaryDirectory) throws -> IndexerRun {
    try IndexerProcess.run(args + ["--root", ws.path])
  }

  @Test func editsAreListedPerGenerationAndNothingSinceNowIsExitOne() throws {
    let ws = try Fixtures.copy("workspaces/calls")
    _ = try IndexerProcess.run(["index", ws.path, "--quiet"])
    // The first fill journals nothing (every definition would be "added"): the feed starts after it.
    let first = try run(["changes", "--since", "0"], ws)
    #expect(first.status == 1 && first.lines == ["# generation 1 incomplete since 1"])
    #expect(try run(["changes", "--since", "1"], ws).lines == ["# generation 1 complete"])
    try ws.write("calls.py", try String(contentsOfFile: ws.path + "/calls.py", encoding: .utf8).replacingOccurrences(of: "def top():", with: "def top(n=1):"))
    try FileManager.default.removeItem(atPath: ws.path + "/calls.c")
    _ = try IndexerProcess.run(["index", ws.path, "--quiet"])
    let since = try run(["changes", "--since", "1"], ws)
    #expect(since.lines.dropLast().map { $0.split(separator: " ", omittingEmptySubsequences: true).prefix(3).joined(separator: " ") } == [
      "2 changed calls.py:13", "3 removed calls.c:1", "3 removed calls.c:3", "3 removed calls.c:7",
    ])
    #expect(since.lines.first?.hasSuffix("def top(n=1)") == true)
    let none = try run(["changes", "--since", "3"], ws)
    #expect(none.status == 1 && none.lines == ["# generation 3 complete"])
    let json = try run(["changes", "--since", "1", "--json"], ws).json()
    #expect(json["generation"] as? Int == 3 && json["complete"] as? Bool == true && (json["changes"] as? [Any])?.count == 4)
    #expect(json["pending"] is NSNull)  // no watcher: nobody knows what is behind
    #expect(try run(["changes", "--since", "-1"], ws).status == 2)
  }

  @Test func aBulkBuildStartsTheFeedOver() throws {
    let ws = try Fixtures.copy("workspaces/calls")
    for i in 0..<1_000 { try ws.write("bulk/m\(i).py", "def bulk_\(i)():\n    pass\n") }
    _ = try IndexerProcess.run(["index", ws.path, "--quiet"])
    let feed = try run(["changes", "--since", "0", "--json"], ws).json()
    #expect(feed["complete"] as? Bool == false)
    #expect((feed["changes"] as? [Any])?.isEmpty == true)
    let start = feed["startsAt"] as? Int
    #expect(start != nil && start == feed["generation"] as? Int)
  }
}
