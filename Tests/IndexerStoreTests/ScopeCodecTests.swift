import IndexerModel
@testable import IndexerStore
import Testing

@Suite struct ScopeCodecTests {
  static let sample: FileScopes = {
    func at(_ line: Int, _ column: Int) -> SourcePosition { SourcePosition(line: line, column: column) }
    var scopes = FileScopes(
      scopes: [
        .init(kind: .file, range: SourceRange(start: at(1, 1), end: at(40, 1)), parent: -1),
        .init(kind: .type, range: SourceRange(start: at(3, 12), end: at(20, 5)), parent: 0, symbol: 1, bases: ["Base", "mod.Mixin"]),
        .init(kind: .function, range: SourceRange(start: at(4, 20), end: at(9, 1)), parent: 1, symbol: 2),
        .init(kind: .branch, range: SourceRange(start: at(6, 9), end: at(7, 3)), parent: 2),
      ],
      bindings: [
        .init(name: "ünï", scope: 0, position: at(2, 1), kind: .definition, visible: at(2, 9)),
        .init(name: "self", scope: 2, position: at(4, 11), kind: .receiverParameter),
        .init(name: "x", scope: 3, position: at(6, 13), kind: .local, typeName: "Widget", visible: at(6, 30)),
        .init(name: "early", scope: 1, position: at(3, 1), kind: .attribute),
        .init(name: "append", scope: 1, position: at(10, 8), kind: .definition, typeName: "Int", labels: "_:copying:"),
        // A hoisted JavaScript function: seen from its scope's start, before where it stands.
        .init(name: "later", scope: 2, position: at(8, 12), kind: .definition, visible: at(4, 20)),
      ],
      imports: [
        .init(localName: "c", module: "..a.b", importedName: "y", position: at(1, 20), scope: 0),
        { var export = FileScopes.Import(localName: "default", module: "", importedName: "Widget", position: at(30, 16), scope: 0)
          export.isExport = true
          return export }(),
      ],
      members: [.init(position: at(5, 14), receiver: "self"), .init(position: at(8, 3), receiver: "os.path")],
      moduleUses: [.init(position: at(1, 10), module: "..a")])
    scopes.keywordArguments = [.init(position: at(8, 20), callee: "draw", calleePosition: at(8, 10))]
    scopes.calls = [.init(position: at(5, 14), labels: "copying:"), .init(position: at(12, 3), labels: "")]
    return scopes
  }()

  @Test func roundTripsEveryField() throws {
    #expect(try ScopeCodec.decode(ScopeCodec.encode(Self.sample)) == Self.sample)
  }

  /// Blobs of earlier versions stay readable. Without bindings and imports (whose layout changed), a version 2
  /// blob is a version 3 one with another first byte, and a version 1 blob is that without the calls at the end.
  @Test func olderVersionsStillDecode() throws {
    var old = Self.sample
    old.bindings = []
    old.imports = []
    old.calls = []
    old.keywordArguments = []
    let current = ScopeCodec.encode(old)
    #expect(current.first == 3 && current.last == 0)
    #expect(try ScopeCodec.decode([2] + current.dropFirst()) == old)
    var versionOne = [1] + current.dropFirst().dropLast()
    #expect(try ScopeCodec.decode(Array(versionOne)) == old)
    // Version 1 wrote a keyword argument's lines whole: line, column, callee, callee line, callee column.
    versionOne.removeLast()  // the keyword count, 0
    versionOne += [1, 8, 20, 4] + Array("draw".utf8) + [8, 10]
    old.keywordArguments = [.init(position: SourcePosition(line: 8, column: 20), callee: "draw", calleePosition: SourcePosition(line: 8, column: 10))]
    #expect(try ScopeCodec.decode(Array(versionOne)) == old)
    #expect(throws: OutlineDecodingError.self) { _ = try ScopeCodec.decode([4] + current.dropFirst()) }
  }

  /// Reading the imports alone steps over the scopes and bindings exactly: it gives what a whole decode gives,
  /// for every version, and a cut blob throws (the cut may not reach the imports, so only up to their end).
  @Test func importsAloneMatchTheWholeDecode() throws {
    let bytes = ScopeCodec.encode(Self.sample)
    #expect(try ScopeCodec.imports(bytes) == Self.sample.imports)
    #expect(!Self.sample.imports.isEmpty && !Self.sample.bindings.isEmpty)
    var versionTwo = Self.sample
    versionTwo.imports = []
    #expect(try ScopeCodec.imports([2] + ScopeCodec.encode(versionTwo).dropFirst()) == [])
    for cut in 0..<bytes.count {
      guard let imports = try? ScopeCodec.imports(Array(bytes[..<cut])) else { continue }
      // A cut after the imports leaves them whole.
      #expect(imports == Self.sample.imports)
    }
    for i in bytes.indices {
      var damaged = bytes
      damaged[i] = 0xFF
      guard let imports = try? ScopeCodec.imports(damaged), let whole = try? ScopeCodec.decode(damaged) else { continue }
      #expect(imports == whole.imports)
    }
  }

  /// A cut or damaged blob throws; it never traps, and what decodes keeps every index inside.
  @Test func damagedBlobsThrowOrStayConsistent() {
    let bytes = ScopeCodec.encode(Self.sample)
    for cut in 0..<bytes.count {
      #expect(throws: OutlineDecodingError.self) { _ = try ScopeCodec.decode(Array(bytes[..<cut])) }
    }
    for i in bytes.indices {
      for value: UInt8 in [0, 1, 0x7F, 0x80, 0xFF] {
        var damaged = bytes
        damaged[i] = value
        guard let decoded = try? ScopeCodec.decode(damaged) else { continue }
        for (k, scope) in decoded.scopes.enumerated() { #expect(scope.parent < k && (scope.parent >= 0 || k == 0)) }
        #expect(decoded.bindings.allSatisfy { $0.scope >= 0 && $0.scope < decoded.scopes.count })
        #expect(decoded.imports.allSatisfy { $0.scope >= 0 && $0.scope < decoded.scopes.count })
      }
    }
  }
}
