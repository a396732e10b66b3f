import Foundation
import IndexerExtraction
import IndexerModel
import IndexerTestSupport
import Testing

/// What an editor saves mid-keystroke: every fixture of every language cut at every byte (every few bytes
/// for Swift, whose debug parser is slow), right after every word, and with an unterminated string,
/// comment, template or raw string appended. No cut may trap, and every range must stay inside the input.
@Suite struct TruncationTests {
  /// `Fixtures/languages/<language>/<case>/input.*`, with the language the folder names.
  static let inputs: [String] = Fixtures.languageCases { $0.hasPrefix("input.") }

  /// Openers that leave a construct unterminated at the end of the file, per language.
  static let unterminated: [Language: [String]] = [
    .c: ["\"abc", "'x", "/* open", "#if X\nint f(", "#define M(a) \\", "R\"d(raw", "template <", "struct S {", "@interface A"],
    .cpp: ["\"abc", "'x", "/* open", "R\"d(raw )\" still", "R\"(", "template <typename T", "class A : public", "operator"],
    .go: ["\"abc", "`raw", "/* open", "func (", "type T struct {", "var (", "'x"],
    .java: ["\"abc", "\"\"\"\ntext", "/* open", "class A{@X(", "@interface", "enum E {", "record R("],
    .javascript: ["\"abc", "`tpl ${ a", "`tpl", "/* open", "/re[", "function f(/\\", "x = 1;\nconst", "class A {", "({"],
    .typescript: ["\"abc", "`tpl ${", "/* open", "interface I {", "type T =", "enum E {", "declare module \"m", "<T>("],
    .python: ["\"abc", "'''open", "\"\"\"open", "f\"{x", "def f(", "class A(", "@dec", "x = \\", "(\n"],
    .rust: ["\"abc\nline", "r#\"raw", "br##\"raw\"#", "/* /* nested */", "fn f<'a>(", "impl<T> X for", "macro_rules! m {", "'"],
    .swift: ["\"abc", "\"\"\"\nopen", "#\"raw", "/* open", "func f(", "struct S {", "[[[", "#if X", "`name"],
  ]

  @Test(arguments: inputs)
  func everyCutExtractsCleanly(_ fixture: String) throws {
    let folder = Fixtures.root + "/languages/" + fixture
    let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasPrefix("input.") })
    let language = try #require(Language(fileName: name))
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
    let extractor = ExtractorRegistry.extractor(for: language)
    // Debug swift-syntax parses ~60x slower than release: a stride keeps this test to seconds.
    let stride = language == .swift ? 9 : 1
    var cuts = Set(Swift.stride(from: 0, through: bytes.count, by: stride))
    for i in bytes.indices.dropFirst() where isWordByte(bytes[i - 1]) && !isWordByte(bytes[i]) { cuts.insert(i) }
    var checked = 0
    for cut in cuts.sorted() {
      let prefix = Array(bytes[..<cut])
      check(extractor.extract(prefix), of: prefix, fixture: fixture, cut: cut)
      checked += 1
      if cut % (stride * 40) == 0 || cut == bytes.count {
        for opener in Self.unterminated[language] ?? [] {
          let input = prefix + Array(opener.utf8)
          check(extractor.extract(input), of: input, fixture: fixture, cut: cut)
          checked += 1
        }
      }
    }
    #expect(checked > bytes.count / stride)
  }

  /// The issue's inputs, through the extractor that once trapped on each.
  @Test(arguments: [
    (Language.javascript, "x = 1;\nconst"), (.javascript, "function f(/\\"), (.java, "class A{@X("),
    (.typescript, "x = 1;\nconst"), (.java, "class A{@X(a=\"b\", c={"),
  ])
  func reportedCrashes(language: Language, source: String) {
    let bytes = Array(source.utf8)
    check(ExtractorRegistry.extractor(for: language).extract(bytes), of: bytes, fixture: "\(language)", cut: bytes.count)
  }

  private func isWordByte(_ b: UInt8) -> Bool {
    (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || b == UInt8(ascii: "_")
  }

  private func check(_ index: FileIndex, of bytes: [UInt8], fixture: String, cut: Int) {
    let lines = bytes.count { $0 == 0x0A || $0 == 0x0D } + 1
    for (i, symbol) in index.symbols.enumerated() {
      #expect(symbol.range.start.line >= 1 && symbol.range.end.line <= lines, "\(fixture) cut at \(cut): \(symbol.name)")
      #expect(symbol.range.start.column >= 1, "\(fixture) cut at \(cut): \(symbol.name)")
      #expect(index.parents[i] < i, "\(fixture) cut at \(cut): parent after child")
      let oneBoundedLine = !symbol.signature.contains { $0.isNewline } && symbol.signature.utf8.count <= 1003
      #expect(
        oneBoundedLine,
        "\(fixture) cut at \(cut): \(symbol.name)'s signature is not one bounded line")
    }
    for positions in index.references.positions {
      #expect(positions.allSatisfy { $0.line >= 1 && $0.line <= lines }, "\(fixture) cut at \(cut): reference outside the input")
    }
    checkScopes(index.scopes, lines: lines, symbols: index.symbols.count, fixture: fixture, cut: cut)
  }

  /// The resolver indexes scopes by what the reader recorded: every index must point inside, parents
  /// first, and every position inside the input.
  private func checkScopes(_ scopes: FileScopes, lines: Int, symbols: Int, fixture: String, cut: Int) {
    let inside = { (p: SourcePosition) in p.line >= 1 && p.line <= lines && p.column >= 1 }
    for (i, scope) in scopes.scopes.enumerated() {
      #expect(scope.parent < i && (scope.parent >= 0 || i == 0), "\(fixture) cut at \(cut): scope \(i)'s parent")
      #expect(scope.symbol < symbols, "\(fixture) cut at \(cut): scope \(i)'s symbol")
      #expect(inside(scope.range.start) && inside(scope.range.end) && scope.range.start <= scope.range.end, "\(fixture) cut at \(cut): scope \(i)")
    }
    for b in scopes.bindings {
      #expect(b.scope >= 0 && b.scope < scopes.scopes.count, "\(fixture) cut at \(cut): \(b.name)'s scope")
      // Seen from where it is bound or later, or (a hoisted JavaScript declaration) from its scope's start.
      let hoisted = b.scope >= 0 && b.scope < scopes.scopes.count && b.visible == scopes.scopes[b.scope].range.start
      #expect(inside(b.position) && inside(b.visible) && (b.position <= b.visible || hoisted), "\(fixture) cut at \(cut): \(b.name)")
    }
    for m in scopes.imports { #expect(m.scope >= 0 && m.scope < scopes.scopes.count && inside(m.position), "\(fixture) cut at \(cut): import") }
    #expect(scopes.members.allSatisfy { inside($0.position) }, "\(fixture) cut at \(cut): member outside the input")
    #expect(zip(scopes.members, scopes.members.dropFirst()).allSatisfy { $0.position < $1.position }, "\(fixture) cut at \(cut): members unsorted")
    #expect(scopes.moduleUses.allSatisfy { inside($0.position) }, "\(fixture) cut at \(cut): module use outside the input")
    #expect(scopes.keywordArguments.allSatisfy { inside($0.position) && inside($0.calleePosition) }, "\(fixture) cut at \(cut): keyword")
  }
}
