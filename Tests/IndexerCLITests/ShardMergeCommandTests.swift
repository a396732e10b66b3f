import Foundation
import IndexerTestSupport
import Testing

/// `index --shard K/N` in separate processes, then `merge`: the same index as one full run, byte for byte
/// in `export --format dump`; and every set of files that would not add up to one is refused by name.
@Suite struct ShardMergeCommandTests {
  /// Indexes the N shards of `ws` (each its own process) into `dir`, and returns their files.
  private func shards(_ ws: TemporaryDirectory, _ count: Int, in dir: TemporaryDirectory, _ extra: [String] = []) throws -> [String] {
    try (1...count).map { k in
      let path = dir.path + "/shard-\(k).sqlite"
      let run = try IndexerProcess.run(["index", ws.path, "--shard", "\(k)/\(count)", "--db", path, "--json"] + extra)
      #expect(run.status == 0, "\(run.stderr)")
      return path
    }
  }

  @Test(arguments: [1, 3, 8])
  func shardsMergeIntoWhatOneFullRunBuilds(count: Int) throws {
    let ws = try mixedTreeWithEveryLanguage()
    let dir = try TemporaryDirectory()
    let full = dir.path + "/full.sqlite"
    #expect(try IndexerProcess.run(["index", ws.path, "--db", full, "-q"]).status == 0)
    let parts = try shards(ws, count, in: dir)
    let merged = dir.path + "/merged.sqlite"
    let merge = try IndexerProcess.run(["merge", "--db", merged, "--json"] + parts.reversed())
    #expect(merge.status == 0, "\(merge.stderr)")
    let report = try merge.json()
    #expect(int(report, "shards") == count)
    let expected = try dump(full)
    #expect(expected.contains("file languages/"), "the tree has the language fixtures")
    #expect(try dump(merged) == expected)
    #expect(try IndexerProcess.run(["check", "--db", merged]).stdout.hasPrefix("sound"), "name-to-files lists agree with the blobs")
    for query in [["refs", "name"], ["symbol", "Application"], ["symbol", "ap", "--fuzzy"], ["file", "languages/python"]] {
      let a = try IndexerProcess.run(["query"] + query + ["--db", full, "--root", ws.path])
      let b = try IndexerProcess.run(["query"] + query + ["--db", merged, "--root", ws.path])
      #expect(a.stdout == b.stdout && a.status == b.status, "\(query)")
    }
    // Every file is in exactly one shard.
    let fileLines = try parts.map { try dump($0).split(separator: "\n").filter { $0.hasPrefix("file ") } }
    #expect(fileLines.map(\.count).reduce(0, +) == expected.split(separator: "\n").filter { $0.hasPrefix("file ") }.count)
  }

  @Test func limitsCountTheWholeTreeInEveryShard() throws {
    let ws = try mixedTreeWithEveryLanguage()
    let dir = try TemporaryDirectory()
    let limits = ["--max-files", "9", "--max-file-size", "2K"]
    let full = dir.path + "/full.sqlite"
    #expect(try IndexerProcess.run(["index", ws.path, "--db", full, "-q"] + limits).status == 0)
    let merged = dir.path + "/merged.sqlite"
    #expect(try IndexerProcess.run(["merge", "--db", merged] + shards(ws, 4, in: dir, limits)).status == 0)
    let expected = try dump(full)
    #expect(expected.contains("over-file-limit") && expected.contains("too-large"), "the limits left files out")
    #expect(try dump(merged) == expected)
  }

  @Test func aMergedIndexWarmStartsOnAnotherCheckout() throws {
    let ws = try mixedTreeWithEveryLanguage()
    let dir = try TemporaryDirectory()
    let merged = dir.path + "/merged.sqlite"
    #expect(try IndexerProcess.run(["merge", "--db", merged] + shards(ws, 2, in: dir)).status == 0)
    // Another checkout: same bytes, new inodes and times.
    let checkout = try TemporaryDirectory()
    for item in try FileManager.default.contentsOfDirectory(atPath: ws.path) where item != ".indexer" {
      try FileManager.default.copyItem(atPath: ws.path + "/" + item, toPath: checkout.path + "/" + item)
    }
    let report = try indexJSON(checkout.path, ["--db", merged])
    #expect(int(report, "parsed") == 0, "nothing is parsed again: \(report)")
    #expect(int(report, "hashed")! > 0)
    try checkout.write("languages/python/late.py", "def late_addition(): pass\n")
    #expect(int(try indexJSON(checkout.path, ["--db", merged]), "parsed") == 1)
    #expect(try IndexerProcess.run(["query", "symbol", "late_addition", "--db", merged, "--root", checkout.path]).status == 0)
  }

  @Test func aShardRunAgainReadsOnlyItsChangedFiles() throws {
    let ws = try mixedTreeWithEveryLanguage()
    let dir = try TemporaryDirectory()
    let parts = try shards(ws, 2, in: dir)
    try ws.write("scripts/tool.py", "def changed_tool(): pass\n")
    let runs = try (1...2).map { k in
      try IndexerProcess.run(["index", ws.path, "--shard", "\(k)/2", "--db", parts[k - 1], "--json"]).json()
    }
    #expect(runs.map { int($0, "parsed") ?? -1 }.sorted() == [0, 1], "only the shard that holds the file reads it")
    #expect(runs.allSatisfy { ($0["shard"] as? [String: Any])?["count"] as? Int == 2 })
    let merged = dir.path + "/merged.sqlite"
    #expect(try IndexerProcess.run(["merge", "--db", merged] + parts).status == 0)
    #expect(try IndexerProcess.run(["query", "symbol", "changed_tool", "--db", merged, "--root", ws.path]).status == 0)
  }

  @Test func setsThatDoNotAddUpAreRefusedByName() throws {
    let ws = try mixedTreeWithEveryLanguage()
    let dir = try TemporaryDirectory()
    let parts = try shards(ws, 3, in: dir)
    let output = dir.path + "/merged.sqlite"
    #expect(try IndexerProcess.run(["merge", "--db", output] + parts).status == 0)
    let before = try dump(output)
    func refused(_ shards: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
      let run = try IndexerProcess.run(["merge", "--db", output] + shards)
      #expect(run.status == 2, sourceLocation: sourceLocation)
      #expect(run.stderr.contains(message), "\(run.stderr)", sourceLocation: sourceLocation)
      #expect(run.stderr.split(separator: "\n").count == 1, "one line", sourceLocation: sourceLocation)
    }
    try refused([parts[0], parts[2]], "shard 2/3 is missing")
    try refused([parts[0], parts[1], parts[1], parts[2]], "shard 2/3 is given twice")
    let whole = dir.path + "/whole.sqlite"
    #expect(try IndexerProcess.run(["index", ws.path, "--db", whole, "-q"]).status == 0)
    try refused(parts + [whole], "\(whole) is not a shard")
    // One shard with other options: named as the odd one out.
    let odd = dir.path + "/odd.sqlite"
    #expect(try IndexerProcess.run(["index", ws.path, "--shard", "2/3", "--db", odd, "--exclude", "languages/go", "-q"]).status == 0)
    try refused([parts[0], odd, parts[2]], "\(odd) was built with options")
    // Another N.
    let other = dir.path + "/other.sqlite"
    #expect(try IndexerProcess.run(["index", ws.path, "--shard", "1/2", "--db", other, "-q"]).status == 0)
    try refused([other, parts[1], parts[2]], "\(other) was built of N = 2")
    try refused([dir.path + "/nowhere.sqlite"], "no index at \(dir.path)/nowhere.sqlite")
    try refused(parts + [output], "is not a shard")
    #expect(try dump(output) == before, "a refused merge leaves the output as it was")
    // A shard's mark goes when a whole run reuses its file.
    #expect(try IndexerProcess.run(["index", ws.path, "--db", parts[0], "-q"]).status == 0)
    try refused(parts, "\(parts[0]) is not a shard")
    let bad = try IndexerProcess.run(["index", ws.path, "--shard", "0/3"])
    #expect(bad.status == 2 && bad.stderr.contains("--shard '0/3' is not K/N"))
  }
}
