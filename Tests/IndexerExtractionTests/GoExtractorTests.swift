import IndexerExtraction
import IndexerModel
import Testing

@Suite struct GoExtractorTests {
  private func names(_ source: String) -> [String] { GoExtractor().extract(source).symbols.map(\.qualifiedName) }

  @Test func bracesInStringsRunesAndCommentsDoNotUnbalanceBodies() {
    let source = """
      func a() {
        s := "}"
        r := '{'
        t := `}}}`
        // }
        /* } */
      }
      func b() {}
      """
    #expect(names(source) == ["a", "b"])
  }

  @Test func methodsTakeTheirReceiverTypeAsContainer() {
    let index = GoExtractor().extract("func (s *Server) Serve() error { return nil }\nfunc (Server) Close() {}\n")
    #expect(index.symbols.map(\.qualifiedName) == ["Server.Serve", "Server.Close"])
    #expect(index.symbols.allSatisfy { $0.kind == .method })
  }

  @Test func localsAndNestedLiteralsAreNotDefinitions() {
    #expect(names("func f() {\n  var x = 1\n  type local struct{ y int }\n}\nvar g = func() { var z int }\n") == ["f", "g"])
  }

  @Test func truncatedInputEndsCleanly() {
    #expect(names("type T struct {\n  A int\n") == ["T", "T.A"])
    #expect(names("func (").isEmpty)
    #expect(names("").isEmpty)
    #expect(names(String(repeating: "{", count: 10_000)).isEmpty)
  }
}
