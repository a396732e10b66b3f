import IndexerExtraction
import IndexerModel
import Testing

/// Random sequences of each language's significant tokens: an extractor must never crash, and every
/// range it reports must lie inside the input. (The crash that `func (` caused in the Go reader is why.)
@Suite struct TokenSoupTests {
  static let pieces: [Language: [String]] = [
    .go: ["func", "type", "struct", "interface", "var", "const", "(", ")", "{", "}", "[", "]", ",", "=", "\n", "x", "T",
      "\"", "`", "'", "/*", "*/", "//", "*", ".", ";", " "],
    .python: ["def", "class", "async", "@d", "(", ")", "[", "]", "{", "}", ":", "=", ",", "\n", "    ", "x", "'", "\"",
      "'''", "f\"", "{", "#", "\\", " ", "\t"],
    .java: ["class", "interface", "enum", "record", "@", "interface", "(", ")", "{", "}", "<", ">", ";", ",", "=", "x", "T",
      "\"", "\"\"\"", "'", "/*", "*/", "//", "static", " ", "new", "->", "instanceof", "for", "try", "catch", "switch", "case",
      "default", ":", "::", ".", "...", "[", "]", "import", "package", "var", "this", "super", "|", "?", "final"],
    .rust: ["fn", "struct", "enum", "impl", "trait", "mod", "for", "where", "macro_rules", "!", "#", "[", "]", "(", ")",
      "{", "}", "<", ">", "->", ";", ",", "'a", "'x'", "r#\"", "\"#", "\"", "/*", "*/", "x", " "],
    .javascript: ["function", "class", "var", "const", "=", "=>", "(", ")", "{", "}", ";", ",", "\n", "x", "`", "${", "}`",
      "/", "/re/g", "'", "\"", "/*", "*/", "//", "prototype", ".", "module", "exports", "$", "async", "*", " "],
    .cpp: ["namespace", "class", "struct", "template", "<", ">", "typename", "operator", "()", "[]", "~", "::", ":", "public",
      "(", ")", "{", "}", ";", ",", "=", "x", "T", "R\"d(", ")d\"", "R\"(", ")\"", "\"", "'", "#define", "#if", "#endif", "\n",
      "/*", "*/", "//", "&&", "||", "?", "virtual", "const", " "],
    .typescript: ["function", "class", "interface", "enum", "namespace", "const", "let", "=", "=>", "(", ")", "{", "}",
      "<", ">", ";", ",", "\n", "x", "`", "${", "/", "'", "\"", "/*", "*/", "@d", "get", "static", " "],
    .c: ["#define", "#if", "#ifdef", "#else", "#endif", "\n", "struct", "union", "enum", "typedef", "class", "namespace",
      "template", "<", ">", "operator", "~", ":", "::", "(", ")", "{", "}", "[", "]", ";", ",", "=", "*", "x", "T", "\"", "'",
      "/*", "*/", "//", "\\", "@interface", "@end", "-", "extern", "\"C\"", " "],
    .swift: ["func", "struct", "class", "var", "let", "enum", "case", "{", "}", "(", ")", "#if", "#endif", "\n", "x", ":",
      "=", "\"", "init", "extension", " "],
  ]

  @Test(arguments: [Language.go, .java, .python, .rust, .javascript, .typescript, .swift, .c, .cpp])
  func randomTokenSoupNeverCrashes(language: Language) {
    var rng = SplitMix(seed: 42)
    let pieces = Self.pieces[language]!
    let extractor = ExtractorRegistry.extractor(for: language)
    for _ in 0..<(language == .swift ? 60 : 400) {
      let count = Int(rng.next() % 60)
      let source = (0..<count).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined(separator: " ")
      let lines = source.split(separator: "\n", omittingEmptySubsequences: false).count
      let index = extractor.extract(source)
      for symbol in index.symbols {
        #expect(symbol.range.start.line >= 1 && symbol.range.end.line <= lines + 1, "\(language): \(source.debugDescription)")
      }
    }
  }
}

struct SplitMix {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
