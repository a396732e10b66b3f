import IndexerExtraction
import IndexerModel
import Testing

@Suite struct SwiftExtractorTests {
  private func extract(_ source: String) -> FileIndex { SwiftExtractor().extract(source) }

  @Test func bothBranchesOfIfConfigAreIndexed() {
    let index = extract("#if DEBUG\nfunc a() {}\n#elseif X\nfunc b() {}\n#else\nstruct C { var v = 1 }\n#endif\n")
    #expect(index.symbols.map(\.qualifiedName) == ["a", "b", "C", "C.v"])
  }

  @Test func localsInBodiesAreNotDefinitionsButLocalTypesMembersAre() {
    let source = """
      func f() {
        let local = 1
        struct Local { var member = 2 }
        _ = { let inClosure = 3 }
      }
      var computed: Int { let inGetter = 4; return inGetter }
      """
    #expect(extract(source).symbols.map(\.qualifiedName) == ["f", "f.Local", "f.Local.member", "computed"])
  }

  @Test func accessAndStaticAreRecorded() {
    let index = extract("public struct S { private static func f() {}\n open class var g: Int { 1 } }")
    #expect(index.symbols[0].access == .public)
    #expect(index.symbols[1].access == .private && index.symbols[1].isStatic)
    #expect(index.symbols[2].access == .open && index.symbols[2].isStatic)
  }

  @Test func rangesSpanTheDeclarationWithoutAttributes() {
    let index = extract("@MainActor\nfinal class A {\n  func b() {}\n}\n")
    #expect(index.symbols[0].range == SourceRange(start: .init(line: 2, column: 1), end: .init(line: 4, column: 2)))
    #expect(index.symbols[0].signature == "final class A")
    #expect(index.symbols[1].range == SourceRange(start: .init(line: 3, column: 3), end: .init(line: 3, column: 14)))
  }

  @Test func extensionsNestUnderTheExtendedTypeName() {
    let index = extract("extension Outer.Inner { func f() {} }")
    #expect(index.symbols.map(\.qualifiedName) == ["Outer.Inner", "Outer.Inner.f"])
    #expect(index.symbols[1].kind == .method)
  }

  @Test func invalidCodeStillYieldsWhatParses() {
    let index = extract("func ok() {}\nfunc broken( {\nstruct After {}\n")
    #expect(index.symbols.map(\.name).contains("ok"))
    #expect(index.symbols.map(\.name).contains("After"))
  }
}
