@testable import IndexerStore
import Testing

/// The two ways a frame stores its literals, through the real libzstd.
@Suite struct ZstdTests {
  /// Bytes few matches cover but Huffman shrinks: 16 KiB drawn from 64 symbols (six bits each) by a fixed
  /// generator.
  static let sixBitSymbols: [UInt8] = {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    return (0..<16_384).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(ascii: "0") + UInt8(state >> 58)
    }
  }()

  @Test func storedLiteralsAreNotHuffmanCodedAndStillDecode() throws {
    let compressor = try #require(Zstd.Compressor())
    let coded = compressor.compress(Self.sixBitSymbols)
    let stored = compressor.compress(Self.sixBitSymbols, literals: .stored)
    // Six bits a symbol when coded; a byte each when stored.
    #expect(coded.count < Self.sixBitSymbols.count * 8 / 10)
    #expect(stored.count > Self.sixBitSymbols.count * 95 / 100)
    #expect(Zstd.decompress(stored) == Self.sixBitSymbols)
    #expect(Zstd.Decompressor()?.decompress(stored, expectedSize: Self.sixBitSymbols.count) == Self.sixBitSymbols)
    // The context's stored-literals parameter does not stick to the next coded frame.
    #expect(compressor.compress(Self.sixBitSymbols) == coded)
    #expect(Zstd.compress(Self.sixBitSymbols, literals: .stored).count == stored.count)
  }

  @Test func aFrameCutShortOrOfTheWrongSizeDoesNotDecode() throws {
    let stored = Zstd.compress(Self.sixBitSymbols, literals: .stored)
    let zstd = try #require(Zstd.Decompressor())
    for cut in [1, stored.count / 2, stored.count - 1] {
      #expect(zstd.decompress(Array(stored.prefix(cut))) == nil)
    }
    #expect(zstd.decompress(stored, expectedSize: Self.sixBitSymbols.count - 1) == nil)
  }
}
