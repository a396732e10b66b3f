import IndexerExtraction
import IndexerModel
import Testing

@Suite struct PythonExtractorTests {
  private func names(_ source: String) -> [String] {
    PythonExtractor().extract(source).symbols.map(\.qualifiedName)
  }

  @Test func aRebindingIsNotASecondDefinitionAndALambdaIsAFunction() {
    let source = """
      try:
          open_code = io.open_code
      except AttributeError:
          open_code = fallback
      key = lambda item: item[0]
      class C:
          size = 1
          size = 2
          get = lambda self: self.size
      """
    let symbols = PythonExtractor().extract(source).symbols
    #expect(symbols.map { "\($0.kind.rawValue) \($0.qualifiedName) \($0.range.start.line)" } == [
      "variable open_code 2", "function key 5", "class C 6", "property C.size 7", "method C.get 9",
    ])
  }

  @Test func definitionsInsideStringsAndCommentsAreIgnored() {
    let source = """
      x = "def fake(): pass"
      # class Commented: pass
      y = '''
      class InTriple:
          pass
      '''
      z = f"{'def' + "in_fstring"}"
      def real(): pass
      """
    #expect(names(source) == ["x", "y", "z", "real"])
  }

  @Test func bracketsAndBackslashesContinueALogicalLine() {
    let source = """
      def f(a,
            b) -> \\
          int:
          pass
      class C(
          Base,
      ):
          def m(self): pass
      """
    let index = PythonExtractor().extract(source)
    #expect(index.symbols.map(\.qualifiedName) == ["f", "C", "C.m"])
    #expect(index.symbols[0].signature == "def f(a, b) -> int")
    #expect(index.symbols[2].kind == .method)
  }

  @Test func blocksEndAtTheLastLineOfTheirBody() {
    let source = "class A:\n    def m(self):\n        return 1\n\n    x = 2\n\ndef g():\n    pass\n"
    let index = PythonExtractor().extract(source)
    let a = index.symbols[0]
    #expect(a.name == "A")
    #expect(a.range.end == SourcePosition(line: 5, column: 10))
    #expect(index.symbols[1].range.end == SourcePosition(line: 3, column: 17))
    #expect(index.symbols.map(\.qualifiedName) == ["A", "A.m", "A.x", "g"])
    #expect(index.parents == [-1, 0, 0, -1])
  }

  @Test func decoratedDefinitionsStartAtTheirKeyword() {
    let index = PythonExtractor().extract("@dec\n@dec2(1)\nasync def f():\n    pass\n")
    #expect(index.symbols.count == 1)
    #expect(index.symbols[0].range.start == SourcePosition(line: 3, column: 1))
    #expect(index.symbols[0].signature == "async def f()")
  }

  @Test func localAssignmentsAreNotDefinitions() {
    #expect(names("def f():\n    local = 1\n    self.x = 2\nG = 3\n") == ["f", "G"])
  }

  @Test func columnsCountUTF8Bytes() {
    let index = PythonExtractor().extract("é = 1\nclass Ñ:\n    ü = 2\n")
    #expect(index.symbols.map(\.name) == ["é", "Ñ", "ü"])
    #expect(index.symbols[2].range.start == SourcePosition(line: 3, column: 5))
    #expect(index.symbols[2].range.end == SourcePosition(line: 3, column: 11))
  }

  @Test func unterminatedStringsDoNotSwallowTheFile() {
    #expect(names("s = 'oops\ndef after(): pass\n") == ["s", "after"])
  }
}
