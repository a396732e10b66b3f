import Foundation
import IndexerTestSupport
import Testing

/// Each language fixture as a workspace: the real binary indexes it, then answers the queries in its
/// `queries.txt` (`query file`, `query symbol`, `query refs`, text and JSON), compared with
/// `queries.expected.txt` (INDEXER_RECORD_FIXTURES=1 rewrites it).
@Suite struct LanguageQueryGoldenTests {
  static let cases = Fixtures.languageCases { $0 == "queries.txt" }

  @Test func everyLanguageHasQueries() {
    let languages = Set(Self.cases.map { $0.split(separator: "/")[0] })
    #expect(languages.isSuperset(of: ["c", "cpp", "go", "java", "javascript", "python", "rust", "swift", "typescript"]))
  }

  @Test(arguments: cases)
  func queriesMatchGolden(_ fixture: String) throws {
    let ws = try Fixtures.copy("languages/" + fixture)
    let index = try IndexerProcess.run(["index", ws.path, "--quiet"])
    #expect(index.status == 0, "\(index.stderr)")
    let queries = try String(contentsOfFile: ws.path + "/queries.txt", encoding: .utf8).split(separator: "\n")
    var transcript = ""
    for query in queries {
      let arguments = query.split(separator: " ").map(String.init)
      let run = try IndexerProcess.run(["query"] + arguments + ["--root", ws.path])
      transcript += "$ indexer query \(query)\n\(run.stdout)exit \(run.status)\n"
    }
    let expectedPath = Fixtures.root + "/languages/" + fixture + "/queries.expected.txt"
    guard let expected = try Fixtures.golden(transcript, at: expectedPath) else {
      Issue.record("recorded \(expectedPath); run again without INDEXER_RECORD_FIXTURES")
      return
    }
    #expect(transcript == expected, "\(fixture): query output differs from queries.expected.txt")
  }
}
