import IndexerExtraction
import IndexerModel
import Testing

@Suite struct JavaExtractorTests {
  private func extract(_ source: String) -> FileIndex { JavaExtractor().extract(source) }

  @Test func constructorsAreTheClassesOwnName() {
    let index = extract("class A { A() {} void A2() {} class B { B(int x) {} A() {} } }")
    #expect(index.symbols.map { "\($0.qualifiedName) \($0.kind.rawValue)" } == [
      "A class", "A.A initializer", "A.A2 method", "A.B class", "A.B.B initializer", "A.B.A method",
    ])
  }

  @Test func lambdasAnonymousClassesAndLocalsAreNotMembers() {
    let source = """
      class A {
        Runnable r = () -> { int inLambda = 1; };
        void m() { new Object() { int anonymous; }; int local = 2; }
        int after;
      }
      """
    #expect(extract(source).symbols.map(\.qualifiedName) == ["A", "A.r", "A.m", "A.after"])
  }

  @Test func genericsDoNotSplitFieldDeclarators() {
    let index = extract("class A { Map<String, List<Integer>> a, b; int[] c; }")
    #expect(index.symbols.dropFirst().map(\.name) == ["a", "b", "c"])
  }
}
