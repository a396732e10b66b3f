import IndexerExtraction
import IndexerModel
import Testing

@Suite struct JavaScriptExtractorTests {
  private func names(_ source: String) -> [String] {
    JavaScriptExtractor(language: .javascript).extract(source).symbols.map(\.qualifiedName)
  }

  @Test func templatesAndRegexesNeitherHideNorInventDefinitions() {
    let source = """
      const a = `${ { b: "}" } } function fake() {}`;
      const re = /function notReal() { }/;
      const half = total / 2; function after() {}
      """
    #expect(names(source) == ["a", "re", "half", "after"])
  }

  @Test func automaticSemicolonsEndStatements() {
    #expect(names("const x = 1\nfunction f() {}\nlet y = x\n  .map(z => z)\nclass C {}\n") == ["x", "f", "y", "C"])
  }

  @Test func arrowFunctionsBoundToNamesAreFunctions() {
    let index = JavaScriptExtractor().extract("export const f = (a) => a * 2;\nconst g = async x => x;\nconst n = 3;")
    #expect(index.symbols.map(\.kind) == [.function, .function, .constant])
  }

  @Test func functionBodiesAreSkipped() {
    #expect(names("function outer() { const inner = () => {}; class Local {} }\nclass K { m() { let z = 1 } }") == ["outer", "K", "K.m"])
  }
}
