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

  /// Where the reader records scopes, they are compared too, with `scopes.expected.txt`: every scope,
  /// binding, import, member receiver, module use and keyword argument the resolver will rely on.
  @Test(arguments: cases)
  func scopesMatchGolden(_ fixture: String) throws {
    let folder = Fixtures.root + "/languages/" + fixture
    let input = try #require(
      try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasPrefix("input.") })
    let language = try #require(Language(fileName: input))
    let source = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + input))
    let scopes = ExtractorRegistry.extractor(for: language).extract(Array(source)).scopes
    let expectedPath = folder + "/scopes.expected.txt"
    guard !scopes.isEmpty || FileManager.default.fileExists(atPath: expectedPath) else { return }
    guard let expected = try Fixtures.golden(Self.render(scopes), at: expectedPath) else {
      Issue.record("recorded \(expectedPath); run again without INDEXER_RECORD_FIXTURES")
      return
    }
    #expect(Self.render(scopes) == expected, "\(fixture): scopes differ from scopes.expected.txt (INDEXER_RECORD_FIXTURES=1 rewrites it)")
  }

  static func render(_ scopes: FileScopes) -> String {
    func at(_ p: SourcePosition) -> String { "\(p.line):\(p.column)" }
    var lines: [String] = []
    for (i, s) in scopes.scopes.enumerated() {
      let bases = s.bases.isEmpty ? "" : "  bases " + s.bases.joined(separator: ",")
      lines.append("scope \(i)  \(s.kind)  \(at(s.range.start))-\(at(s.range.end))  parent \(s.parent)  symbol \(s.symbol)\(bases)")
    }
    for b in scopes.bindings {
      let type = b.typeName.isEmpty ? "" : "  type \(b.typeName)"
      let labels = b.labels.isEmpty ? "" : "  labels \(b.labels)"
      lines.append("bind \(b.name)  \(b.kind)  \(at(b.position))  scope \(b.scope)  visible \(at(b.visible))\(type)\(labels)")
    }
    for m in scopes.imports {
      lines.append("\(m.isExport ? "export" : "import") \(m.localName)  from \(m.module)  name \(m.importedName)  \(at(m.position))  scope \(m.scope)")
    }
    for m in scopes.members { lines.append("member \(at(m.position))  receiver \(m.receiver)") }
    for m in scopes.moduleUses { lines.append("module \(at(m.position))  \(m.module)") }
    for k in scopes.keywordArguments { lines.append("keyword \(at(k.position))  callee \(k.callee) \(at(k.calleePosition))") }
    for c in scopes.calls { lines.append("call \(at(c.position))  labels \(c.labels)") }
    return lines.joined(separator: "\n") + "\n"
  }

  /// One line per symbol in source order: `name  kind  line:col-line:col  container  signature`.
  static func render(_ index: FileIndex) -> String {
    index.symbols.map { s in
      let r = s.range
      return "\(s.name)  \(s.kind.rawValue)  \(r.start.line):\(r.start.column)-\(r.end.line):\(r.end.column)  \(s.container)  \(s.signature)"
    }.joined(separator: "\n") + "\n"
  }
}
