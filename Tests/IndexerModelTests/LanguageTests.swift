import IndexerModel
import Testing

@Suite struct LanguageTests {
  @Test(arguments: [
    ("a.swift", Language.swift), ("dir.x/b.py", .python), ("stub.pyi", .python), ("w.pyw", .python), ("main.go", .go), ("A.java", .java), ("lib.rs", .rust), ("app.jsx", .javascript), ("x.mjs", .javascript), ("a.ts", .typescript), ("v.tsx", .typescript), ("k.c", .c), ("k.h", .c), ("a.cc", .cpp), ("a.cpp", .cpp), ("a.hpp", .cpp), ("A.C", .cpp),
  ])
  func knownExtensions(name: String, language: Language) {
    #expect(Language(fileName: name) == language)
  }

  @Test(arguments: ["README.md", ".swift", "Makefile", "a.swiftx", "a.PY", "a.cs", "a.hs"])
  func unknownNamesAreNotSource(name: String) {
    #expect(Language(fileName: name) == nil)
  }
}

@Suite struct FileIndexTests {
  @Test func childrenFollowParents() {
    var index = FileIndex(language: .swift)
    let range = SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 2))
    let outer = index.append(Symbol(name: "A", kind: .struct, container: "", range: range, signature: "struct A"), parent: -1)
    index.append(Symbol(name: "b", kind: .property, container: "A", range: range, signature: "var b"), parent: outer)
    index.append(Symbol(name: "C", kind: .class, container: "", range: range, signature: "class C"), parent: -1)
    #expect(index.children(of: -1) == [0, 2])
    #expect(index.children(of: 0) == [1])
    #expect(index.symbols[1].qualifiedName == "A.b")
  }
}
