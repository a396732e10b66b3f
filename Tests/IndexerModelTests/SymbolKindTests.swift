import IndexerModel
import Testing

/// The codes stored in every index (`symbol.kind`, the outline blobs) must keep their meaning forever:
/// reordering, renaming or removing a case would make every existing index lie. New kinds are appended.
@Suite struct SymbolKindTests {
  /// Code → stored name, as released. Append here when appending a case; never edit a line.
  static let released: [(UInt8, String)] = [
    (0, "class"), (1, "struct"), (2, "enum"), (3, "actor"), (4, "protocol"), (5, "extension"), (6, "function"),
    (7, "method"), (8, "initializer"), (9, "deinitializer"), (10, "subscript"), (11, "variable"), (12, "property"),
    (13, "case"), (14, "typealias"), (15, "associatedtype"), (16, "macro"), (17, "operator"), (18, "precedencegroup"),
    (19, "interface"), (20, "constant"), (21, "field"), (22, "type"), (23, "record"), (24, "annotation"), (25, "module"),
    (26, "union"), (27, "typedef"), (28, "namespace"), (29, "prototype"), (30, "externvar"),
  ]

  @Test func storedCodesKeepTheirMeaning() throws {
    for (code, name) in Self.released {
      let kind = try #require(SymbolKind(code: code), "code \(code) no longer decodes")
      #expect(kind.rawValue == name, "code \(code) was \(name), now \(kind.rawValue)")
      #expect(kind.code == code)
    }
  }

  @Test func everyKindHasAReleasedCode() {
    #expect(SymbolKind.allCases.count == Self.released.count, "a new kind needs its line in `released`")
    #expect(SymbolKind(code: UInt8(Self.released.count)) == nil)
  }
}

/// Our kinds as LSP and Universal Ctags name them (issue 9): what editors and `export --format ctags` show.
@Suite struct SymbolKindConventionTests {
  @Test func lspNumbers() {
    #expect(SymbolKind.class.lspKind == 5)
    #expect(SymbolKind.method.lspKind == 6)
    #expect(SymbolKind.initializer.lspKind == 9)
    #expect(SymbolKind.enumCase.lspKind == 22)
    #expect(SymbolKind.struct.lspKind == 23)
    #expect(SymbolKind.namespace.lspKind == 3)
    #expect(SymbolKind.allCases.allSatisfy { (1...26).contains($0.lspKind) })
  }

  @Test func ctagsLettersPerLanguage() {
    #expect(SymbolKind.function.ctagsKind(in: .c) == ("f", "function"))
    #expect(SymbolKind.field.ctagsKind(in: .cpp) == ("m", "member"))
    #expect(SymbolKind.method.ctagsKind(in: .python) == ("m", "member"))
    #expect(SymbolKind.extension.ctagsKind(in: .rust) == ("c", "implementation"))
    #expect(SymbolKind.method.ctagsKind(in: .rust) == ("P", "method"))
    #expect(SymbolKind.enumCase.ctagsKind(in: .java) == ("e", "enumConstant"))
    #expect(SymbolKind.function.ctagsKind(in: .go) == ("f", "func"))
    #expect(SymbolKind.typealias.ctagsKind(in: .typescript) == ("a", "alias"))
    for language in Language.allCases {
      for kind in SymbolKind.allCases { #expect(!kind.ctagsKind(in: language).name.isEmpty) }
    }
  }
}
