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

  @Test func compressedOutlinesDecodeThroughZstd() throws {
    let index = sampleIndex((0..<500).map { "name\($0)" })
    let encoded = EncodedOutline(index)
    #expect(encoded.compressed.count < encoded.rawCount / 2)
    let raw = try #require(Zstd.decompress(encoded.compressed))
    #expect(try OutlineCodec.decode(raw, language: .swift) == index)
  }

  @Test func truncatedBlobsAreRejectedNotTrusted() {
    let raw = OutlineCodec.encode(sampleIndex())
    for cut in [1, raw.count / 2, raw.count - 1] {
      #expect(throws: OutlineDecodingError.self) { try OutlineCodec.decode(Array(raw.prefix(cut)), language: .swift) }
    }
    #expect(Zstd.decompress([1, 2, 3, 4, 5]) == nil)
  }
}
