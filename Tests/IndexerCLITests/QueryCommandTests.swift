import Foundation
import IndexerTestSupport
import Testing

@Suite struct QueryCommandTests {
  static let workspace: TemporaryDirectory = {
    let ws = try! Fixtures.copy("workspaces/mixed")
    _ = try! IndexerProcess.run(["index", ws.path, "--quiet"])
    return ws
  }()

  private func query(_ args: [String]) throws -> IndexerRun {
    try IndexerProcess.run(["query"] + args + ["--root", Self.workspace.path])
  }

  /// A JSON Lines answer ends with one `{"summary": …}` line: the generation it was read at, `pending` (null:
  /// no watcher), whether it is complete, the exact total where it is counted, and what was left out.
  @Test func jsonAnswersEndWithASummaryOfHowFarToTrustThem() throws {
    let generation = try IndexerProcess.run(["stats", "--json", "--root", Self.workspace.path]).json()["generation"] as? Int
    for environment in [[:], ["INDEXER_NO_FAST_PATH": "1"]] {
      let whole = try IndexerProcess.run(["query", "symbol", "run", "--json", "--root", Self.workspace.path], environment: environment)
      let summary = try whole.summary()
      #expect(whole.lines.count == 3 && whole.lines.last?.hasPrefix(#"{"summary":{"#) == true)
      #expect(summary?["generation"] as? Int == generation && generation != nil)
      #expect(summary?["pending"] is NSNull && summary?["complete"] as? Bool == true)
      #expect(summary?["count"] as? Int == 2 && summary?["total"] as? Int == 2 && summary?["leftOut"] == nil)
    }
    // A limit that cuts the list: the rest is counted exactly for a symbol search.
    let cut = try query(["symbol", "run", "--json", "--limit", "1"]).summary()
    #expect(cut?["complete"] as? Bool == false && cut?["count"] as? Int == 1 && cut?["total"] as? Int == 2)
    #expect((cut?["leftOut"] as? [String: Any])?["items"] as? Int == 1)
    // References past a limit are not counted: -1 says so.
    let refs = try query(["refs", "run", "--json", "--limit", "1"]).summary()
    #expect(refs?["complete"] as? Bool == false && refs?["total"] as? Int == -1)
    #expect((refs?["leftOut"] as? [String: Any])?["items"] as? Int == -1)
    // Nothing found is still an answer with a summary (and exit 1).
    let none = try query(["symbol", "NoSuchName", "--json"])
    let nothing = try none.summary()
    #expect(none.status == 1 && none.lines.count == 1 && nothing?["count"] as? Int == 0)
    let text = try query(["text", "Application", "--json"]).summary()
    #expect(text?["complete"] as? Bool == true && (text?["count"] as? Int ?? 0) > 0 && text?["count"] as? Int == text?["total"] as? Int)
  }

  /// A file the index left out (too large here) that mentions the name makes the answer incomplete, by name.
  @Test func aLeftOutFileMentioningTheNameIsInTheSummary() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    try ws.write("scripts/huge.py", "def run_everything():\n    pass\n" + String(repeating: "# padding\n", count: 400))
    _ = try IndexerProcess.run(["index", ws.path, "--quiet", "--max-file-size", "2K"])
    let summary = try IndexerProcess.run(["query", "symbol", "run_everything", "--json", "--root", ws.path]).summary()
    #expect(summary?["complete"] as? Bool == false && summary?["count"] as? Int == 0)
    let files = (summary?["leftOut"] as? [String: Any])?["files"] as? [[String: Any]]
    #expect(files?.map { $0["path"] as? String } == ["scripts/huge.py"] && files?.first?["status"] as? String == "too-large")
  }

  @Test func exactMatchPrintsOneLinePerDefinition() throws {
    let run = try query(["symbol", "Application"])
    #expect(run.status == 0)
    #expect(run.lines == [
      "Sources/App/Application.swift:2:1  class  Application  public final class Application",
      "Sources/App/Application.swift:15:1  extension  Application  extension Application: CustomStringConvertible",
    ])
  }

  /// Every `query` takes the workspace as a positional PATH after its own argument, as `index` and `stats` do:
  /// the same answer as `--root`, through both argument parsers; with `--at`, a lone positional is the PATH.
  @Test func theWorkspaceIsAlsoAPositionalPath() throws {
    let ws = Self.workspace.path
    let byRoot = try query(["symbol", "Application"]).lines
    for environment in [[:], ["INDEXER_NO_FAST_PATH": "1"]] {
      let run = try IndexerProcess.run(["query", "symbol", "Application", ws], environment: environment)
      #expect(run.status == 0 && run.lines == byRoot, "\(environment): \(run.stderr)")
    }
    #expect(try IndexerProcess.run(["query", "refs", "Application", ws]).lines == query(["refs", "Application"]).lines)
    #expect(try IndexerProcess.run(["query", "file", "Sources/App/Application.swift", ws]).lines
      == query(["file", "Sources/App/Application.swift"]).lines)
    let at = ["--at", "Sources/App/Application.swift:2:20"]
    #expect(try IndexerProcess.run(["query", "refs"] + at + [ws]).lines == query(["refs"] + at).lines)
    #expect(try IndexerProcess.run(["query", "callers"] + at + [ws]).status == query(["callers"] + at).status)
    #expect(try IndexerProcess.run(["query", "text", "Application", ws]).lines == query(["text", "Application"]).lines)
    let both = try IndexerProcess.run(["query", "symbol", "Application", ws, "--root", "/tmp"])
    #expect(both.status == 2 && both.stderr.contains("give the workspace as PATH or --root, not both"))
  }

  @Test func refsListEveryOccurrenceWithDefinitionsMarked() throws {
    let run = try query(["refs", "Application"])
    #expect(run.status == 0)
    #expect(run.lines == [
      "Sources/App/Application.swift:2:20  def  -",
      "Sources/App/Application.swift:15:11  def  -",
      "Sources/App/main.swift:1:11  ref  app",
    ])
    #expect(try query(["refs", "Application", "--path", "*main.swift"]).lines.count == 1)
    #expect(try query(["refs", "name", "--lang", "python"]).lines.allSatisfy { $0.hasPrefix("scripts/") })
    #expect(try query(["refs", "name", "--limit", "2"]).lines.count == 2)
    let json = try query(["refs", "Application", "--json"]).jsonLines()
    #expect(json.map { $0["isDefinition"] as? Bool } == [true, true, false])
    #expect(json.map { $0["kind"] as? String } == ["class", "extension", "reference"])
    #expect(try query(["refs", "NoSuchName"]).status == 1)
    let bad = try query(["refs", "x", "--lang", "cobol"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("unknown --lang 'cobol'"))
  }

  @Test func nothingFoundExitsOne() throws {
    let run = try query(["symbol", "NoSuchThing"])
    #expect(run.status == 1)
    #expect(run.stdout.isEmpty)
  }

  @Test func prefixIgnoreCaseAndFuzzy() throws {
    #expect(try query(["symbol", "Us", "--prefix"]).lines.map(qualifiedName) == ["UserModel"])
    #expect(try query(["symbol", "usermodel", "--ignore-case"]).lines.count == 1)
    #expect(try query(["symbol", "usermodel"]).status == 1)
    #expect(try query(["symbol", "ret", "--prefix", "-i"]).lines.map(qualifiedName) == ["Tool.retries"])
    let fuzzy = try query(["symbol", "dspnm", "--fuzzy"]).lines
    #expect(fuzzy.first?.contains("UserModel.displayName") == true)
    // Hump initials rank above letters in order; --contains keeps only names holding it.
    // (`DEFAULT_NAME` and `displayName` share the initials `dn`; the shallower path comes first.)
    #expect(try query(["symbol", "dn", "--fuzzy"]).lines.prefix(2).map(qualifiedName) == ["DEFAULT_NAME", "UserModel.displayName"])
    #expect(try query(["symbol", "ETRI", "--contains"]).lines.map(qualifiedName) == ["Tool.retries"])
    #expect(try query(["symbol", "dspnm", "--contains"]).status == 1)
  }

  @Test func filtersByKindLanguagePathAndLimit() throws {
    #expect(try query(["symbol", "run", "--kind", "method", "--lang", "python"]).lines == [
      "scripts/tool.py:15:5  method  Tool.run  def run(self, *args)"
    ])
    #expect(try query(["symbol", "", "--prefix", "--path", "scripts/sub/*"]).lines.count == 3)
    #expect(try query(["symbol", "", "--prefix", "--limit", "2"]).lines.count == 2)
    #expect(try query(["symbol", "", "--prefix", "--kind", "case"]).lines.count == 2)
  }

  @Test func unknownKindIsOneLineAndExitTwo() throws {
    let run = try query(["symbol", "x", "--kind", "klass"])
    #expect(run.status == 2)
    #expect(run.stderr.split(separator: "\n").count == 1)
    #expect(run.stderr.contains("unknown --kind 'klass'"))
  }

  @Test func symbolJSONHasTheDocumentedFields() throws {
    let objects = try query(["symbol", "commander", "--json"]).jsonLines()
    #expect(objects.count == 1)
    let o = try #require(objects.first)
    #expect(o["name"] as? String == "commander")
    #expect(o["kind"] as? String == "method")
    #expect(o["language"] as? String == "swift")
    #expect(o["path"] as? String == "Sources/App/Ünïcode/Café.swift")
    #expect(int(o, "line") == 3)
    #expect(int(o, "column") == 3)
    #expect(int(o, "endLine") == 3)
    #expect(int(o, "endColumn") == 73, "columns count UTF-8 bytes: menü is one byte longer")
    #expect(o["container"] as? String == "Café")
    #expect(o["signature"] as? String == "static func commander(_ plat: String) -> Bool")
  }

  @Test func fileOutlineIsTheDeclarationTree() throws {
    let run = try query(["file", "Sources/App/Models/User Model.swift"])
    #expect(run.lines == [
      "struct UserModel  1:1-8:2  struct UserModel: Identifiable, Hashable",
      "  property id  2:3-2:14  let id: Int",
      "  property displayName  3:3-3:26  var displayName: String",
      "  enum Role  5:3-7:4  enum Role: String",
      "    case admin  6:5-6:15  case admin",
      "    case member  6:17-6:23  case member",
    ])
    let json = try query(["file", "Sources/App/Models/User Model.swift", "--json"]).jsonLines()
    #expect(json.map { int($0, "depth") } == [0, 1, 1, 1, 2, 2])
    #expect(json.allSatisfy { $0["path"] as? String == "Sources/App/Models/User Model.swift" })
    #expect(json[4]["container"] as? String == "UserModel.Role")
  }

  @Test func fileNotInTheIndexExitsOne() throws {
    let run = try query(["file", "nope.swift"])
    #expect(run.status == 1)
    #expect(run.stderr.contains("nope.swift is not in the index"))
  }

  @Test func queriesFindTheIndexFromASubfolder() throws {
    let run = try IndexerProcess.run(["query", "symbol", "helper"], in: Self.workspace.path + "/scripts/sub")
    #expect(run.lines == ["scripts/sub/helpers.py:5:1  function  helper  def helper(value: int) -> int"])
    let file = try IndexerProcess.run(["query", "file", "helpers.py"], in: Self.workspace.path + "/scripts/sub")
    #expect(file.lines.first == "function fetch_all  1:1-2:33  async def fetch_all(urls)")
  }

  @Test func statsJSONHasTheDocumentedFields() throws {
    let stats = try IndexerProcess.run(["stats", "--json", "--root", Self.workspace.path]).json()
    for key in ["files", "symbols", "references", "languages", "skipped", "dbBytes", "blobRawBytes", "blobCompressedBytes", "schemaVersion", "generation"] {
      #expect(stats[key] != nil, "missing \(key)")
    }
    #expect(int(stats, "files") == 8)
    #expect(int(stats, "symbols") == 27)
    let languages = stats["languages"] as? [String: [String: Any]]
    #expect(languages?["python"].flatMap { int($0, "files") } == 3)
    #expect(languages?["python"].flatMap { int($0, "references") }.map { $0 > 0 } == true)
    #expect(int(stats, "schemaVersion") == 17)
    #expect((int(stats, "blobCompressedBytes") ?? 0) > 0)
  }

  @Test func indexJSONHasTheDocumentedFields() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    let report = try indexJSON(ws.path)
    for key in ["files", "parsed", "hashed", "unchanged", "removed", "skipped", "symbols", "seconds"] {
      #expect(report[key] != nil, "missing \(key)")
    }
    #expect(report["skipped"] is [String: Any])
    #expect(int(report, "symbols") == 27)
  }

  /// The fast query parser and ArgumentParser must agree on every spelling the fast path accepts.
  @Test(arguments: [
    ["symbol", "run"], ["symbol", "--prefix", "Us"], ["symbol", "usermodel", "-i", "--json"],
    ["symbol", "dspnm", "--fuzzy", "--limit", "1"], ["symbol", "", "--prefix", "--kind", "case", "--kind", "enum"],
    ["symbol", "run", "--lang", "python", "--path", "scripts/*"], ["symbol", "nothing"], ["symbol", "x", "--kind", "klass"],
    ["symbol", "x", "--prefix", "--fuzzy"], ["symbol", "x", "--limit", "0"], ["symbol", "ode", "--contains", "--json"],
    ["symbol", "x", "--contains", "--fuzzy"],
    ["file", "scripts/tool.py"], ["file", "scripts/tool.py", "--json"], ["file", "missing.py"],
    ["refs", "run"], ["refs", "run", "--json"], ["refs", "run", "--lang", "python", "--path", "scripts/*", "--limit", "1"],
    ["refs", "nothing"], ["refs", "x", "--limit", "0"], ["refs", "run", "--lang", "klingon"],
  ])
  func fastPathMatchesArgumentParser(arguments: [String]) throws {
    let fast = try query(arguments)
    let slow = try IndexerProcess.run(["query"] + arguments + ["--root", Self.workspace.path], environment: ["INDEXER_NO_FAST_PATH": "1"])
    #expect(fast.status == slow.status)
    #expect(fast.stdout == slow.stdout)
    #expect(fast.stderr == slow.stderr)
  }

  @Test func unusualSpellingsFallBackToArgumentParser() throws {
    #expect(try query(["symbol", "--limit=1", "", "--prefix"]).lines.count == 1)
    let help = try query(["symbol", "--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("USAGE"))
  }
}
