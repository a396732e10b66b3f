import IndexerModel
@testable import IndexerStore
import Testing

@Suite struct OutlineCodecTests {
  @Test func roundTripsTheTreeAndEveryField() throws {
    var index = sampleIndex(["ünïcode", "b", "c"])
    // A container the tree does not imply (C++'s out-of-class `A::b`, say) survives too.
    index.append(
      Symbol(
        name: "outOfLine", kind: .function, container: "Elsewhere",
        range: SourceRange(start: .init(line: 1, column: 5), end: .init(line: 3, column: 1)), signature: "void A::b()",
        access: .fileprivate),
      parent: -1)
    let decoded = try OutlineCodec.decode(OutlineCodec.encode(index), language: .swift)
    #expect(decoded == index)
  }

  /// The references query reads outlines through `OutlineSkeleton`: every symbol and container it builds
  /// must be what the full decoder gives, and a cut blob must throw, never trap.
  @Test func skeletonBuildsTheSameSymbols() throws {
    var index = FileIndex(language: .cpp)
    let range = SourceRange(start: .init(line: 1, column: 1), end: .init(line: 90, column: 1))
    index.append(Symbol(name: "outer", kind: .namespace, container: "", range: range, signature: "namespace outer"), parent: -1)
    index.append(Symbol(name: "A", kind: .class, container: "outer", range: range, signature: "class A"), parent: 0)
    index.append(Symbol(name: "m", kind: .method, container: "outer::A", range: range, signature: "void m()", access: .private), parent: 1)
    index.append(Symbol(name: "b", kind: .function, container: "Elsewhere::X", range: range, signature: "void X::b()"), parent: 0)
    index.append(Symbol(name: "c", kind: .variable, container: "outer::Elsewhere::X::b", range: range, signature: "int c"), parent: 3)
    index.append(Symbol(name: "ünï", kind: .function, container: "", range: range, signature: "", isStatic: true), parent: -1)
    let raw = OutlineCodec.encode(index)
    let decoded = try OutlineCodec.decode(raw, language: .cpp)
    let skeleton = try OutlineSkeleton(raw, language: .cpp)
    var cache: [Int: String] = [:]
    // Ask in reverse so the cache is filled from the inside out too.
    for i in decoded.symbols.indices.reversed() {
      #expect(skeleton.symbol(i, &cache) == decoded.symbols[i])
      #expect(skeleton.qualifiedName(i, &cache) == decoded.symbols[i].qualifiedName(separator: "::"))
    }
    #expect(skeleton.nameEquals(5, Array("ünï".utf8)))
    for cut in 0..<raw.count {
      #expect(throws: OutlineDecodingError.self) { try OutlineSkeleton(Array(raw[..<cut]), language: .cpp) }
    }
  }

  @Test func compressedOutlinesDecodeThroughZstd() throws {
    let index = sampleIndex((0..<500).map { "name\($0)" })
    let encoded = EncodedOutline(index)
    #expect(encoded.compressed.count < encoded.rawCount / 2)
    let raw = try #require(Zstd.decompress(encoded.compressed))
    #expect(try OutlineCodec.decode(raw, language: .swift) == index)
  }

  /// Deltas that would overflow `Int` (a corrupt or hostile blob) must throw, not trap.
  @Test func overflowingDeltasThrow() {
    // Outline: version, one symbol (kind 0, no flags, file level, name "a"), a line delta of Int.max,
    // then an end-line delta of Int.max on top of it.
    var outline: [UInt8] = [OutlineCodec.version, 1, 0, 0, 0, 1, UInt8(ascii: "a")]
    outline += zigzagMax() + [1] + varintMax() + [1, 0]
    #expect(throws: OutlineDecodingError.self) { try OutlineCodec.decode(outline, language: .swift) }
    // References: one name with two occurrences whose line deltas add past Int.max.
    var refs: [UInt8] = [ReferenceCodec.version, 1, 1, UInt8(ascii: "x"), 2]
    refs += varintMax() + [2] + varintMax() + [2]
    #expect(throws: OutlineDecodingError.self) { try ReferenceCodec.decode(refs) }
    // A count far beyond what the bytes could hold is refused before any loop.
    #expect(throws: OutlineDecodingError.self) { try OutlineCodec.decode([OutlineCodec.version] + varintMax(), language: .swift) }
  }

  /// A zstd frame header may claim any size: decompression allocates only what the stored raw size and
  /// the frame's own bytes allow.
  @Test func zstdRefusesSizesItCannotHold() throws {
    let blob = Zstd.compress(Array(repeating: 7, count: 10_000))
    #expect(Zstd.decompress(blob, expectedSize: 10_000)?.count == 10_000)
    #expect(Zstd.decompress(blob, expectedSize: 9_999) == nil, "disagrees with the stored raw size")
    // Patch the frame's content size to 2^40 bytes: refused without allocating it.
    var forged = blob
    let header = forged[4]
    #expect(header & 0xC0 != 0, "the test needs a frame that records its content size")
    forged[4] = (header & 0x3F) | 0xC0  // an 8-byte content size field
    let fieldOffset = 5 + (header & 0x20 == 0 ? 1 : 0)
    let sizeBytes = Int(header >> 6) == 1 ? 2 : (Int(header >> 6) == 2 ? 4 : 8)
    forged.replaceSubrange(fieldOffset..<fieldOffset + sizeBytes, with: [0, 0, 0, 0, 0, 1, 0, 0])
    #expect(Zstd.decompress(forged) == nil)
  }

  private func varintMax() -> [UInt8] { [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F] }  // Int.max
  private func zigzagMax() -> [UInt8] { [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01] }  // +Int.max

  @Test func truncatedBlobsAreRejectedNotTrusted() {
    let raw = OutlineCodec.encode(sampleIndex())
    for cut in [1, raw.count / 2, raw.count - 1] {
      #expect(throws: OutlineDecodingError.self) { try OutlineCodec.decode(Array(raw.prefix(cut)), language: .swift) }
    }
    #expect(Zstd.decompress([1, 2, 3, 4, 5]) == nil)
  }
}
