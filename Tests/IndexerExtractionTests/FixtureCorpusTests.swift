import Foundation
import IndexerExtraction
import IndexerModel
import IndexerTestSupport
import Testing

/// Every `Fixtures/languages/<lang>/<case>/input.*` against its `expected.txt`, ctags-Units style.
@Suite struct FixtureCorpusTests {
  static let cases = Fixtures.languageCases { $0.hasPrefix("input.") }

  @Test func corpusIsNotEmpty() {
    #expect(Self.cases.count >= 2)
  }

  @Test(arguments: cases)
  func extractionMatchesGolden(_ fixture: String) throws {
    let folder = Fixtures.root + "/languages/" + fixture
    let input = try #require(
      try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasPrefix("input.") })
    let language = try #require(Language(fileName: input))
    let source = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + input))
    let index = ExtractorRegistry.extractor(for: language).extract(Array(source))
    let actual = Self.render(index)
    let expectedPath = folder + "/expected.txt"
    guard let expected = try Fixtures.golden(actual, at: expectedPath) else {
      Issue.record("recorded \(expectedPath); run again without INDEXER_RECORD_FIXTURES")
      return
    }
    #expect(actual == expected, "\(fixture): extraction differs from expected.txt (INDEXER_RECORD_FIXTURES=1 rewrites it)")
  }

  /// One line per symbol in source order: `name  kind  line:col-line:col  container  signature`.
  static func render(_ index: FileIndex) -> String {
    index.symbols.map { s in
      let r = s.range
      return "\(s.name)  \(s.kind.rawValue)  \(r.start.line):\(r.start.column)-\(r.end.line):\(r.end.column)  \(s.container)  \(s.signature)"
    }.joined(separator: "\n") + "\n"
  }
}
