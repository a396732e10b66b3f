import Foundation
import IndexerExtraction
import IndexerModel
import IndexerTestSupport
import Testing

/// Inputs that once crashed or hung an extractor (found by Scripts/fuzz.sh, or by hand), replayed on every
/// run: each must extract without trapping, with every range inside the input and parents before children.
@Suite struct ExtractorRegressionTests {
  static let inputs: [String] = {
    let base = Fixtures.root + "/fuzz"
    let fm = FileManager.default
    var result: [String] = []
    for language in (try? fm.contentsOfDirectory(atPath: base))?.sorted() ?? [] {
      for name in (try? fm.contentsOfDirectory(atPath: base + "/" + language))?.sorted() ?? [] where !name.hasPrefix(".") {
        result.append(language + "/" + name)
      }
    }
    return result
  }()

  @Test func thereAreSavedInputs() {
    #expect(!Self.inputs.isEmpty)
  }

  /// Lines as the most generous reader counts them: `\n`, and a `\r` not followed by `\n` (Python's universal newlines).
  private func lineCount(_ bytes: [UInt8]) -> Int {
    var lines = 1
    for i in bytes.indices where bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) {
      lines += 1
    }
    return lines
  }

  @Test(arguments: inputs)
  func savedInputExtractsCleanly(_ input: String) throws {
    let language = try #require(Language(rawValue: String(input.split(separator: "/")[0])))
    let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.root + "/fuzz/" + input))
    let bytes = Array(String(decoding: data, as: UTF8.self).utf8)
    let index = ExtractorRegistry.extractor(for: language).extract(bytes)
    let lines = lineCount(bytes)
    for (i, symbol) in index.symbols.enumerated() {
      #expect(symbol.range.start.line >= 1 && symbol.range.end.line <= lines + 1, "\(input): \(symbol.name)")
      #expect(index.parents[i] < i)
    }
    for positions in index.references.positions {
      #expect(positions.allSatisfy { $0.line >= 1 && $0.line <= lines }, "\(input): reference outside the input")
    }
  }

  /// A header left open while typing (`class Half(` at the top of a long file) takes what follows into its
  /// signature, as a parser would; the signature stays one line of at most 1,000 bytes and an ellipsis.
  @Test(arguments: [
    (Language.python, "class Half(\n    def broken(self:\n        \"\"\"unterminated\n"),
    (Language.python, "def f(x=\"\"\"a\nb\"\"\"):\n    pass\n"),
    (Language.c, "int f(int a,\n"),
    (Language.java, "class A<T extends\n"),
    (Language.rust, "fn f(x: &str = r#\"a\nb\n"),
  ])
  func halfTypedHeadersGiveOneBoundedLine(language: Language, header: String) {
    let body = String(repeating: "value_\u{e9} = compute(alpha, beta)  # é\n", count: 2_000)
    let index = ExtractorRegistry.extractor(for: language).extract(Array((header + body).utf8))
    for symbol in index.symbols {
      let oneLine = !symbol.signature.contains { $0.isNewline }
      #expect(oneLine, "\(symbol.name): \(symbol.signature.prefix(80))")
      #expect(symbol.signature.utf8.count <= 1003, "\(symbol.name): \(symbol.signature.utf8.count) bytes")
      #expect(String(validating: Array(symbol.signature.utf8), as: UTF8.self) != nil)
    }
    if language == .python {
      #expect(index.symbols.first?.signature.hasPrefix(header.hasPrefix("class") ? "class Half(" : "def f(x=\"\"\"a b\"\"\")") == true)
    }
  }
}
