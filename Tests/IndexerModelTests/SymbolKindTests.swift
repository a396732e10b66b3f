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
    (26, "union"), (27, "typedef"), (28, "namespace"), (29, "prototype"),
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
