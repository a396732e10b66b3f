import CZstd

/// zstd through its C API: the only file that calls libzstd.
package enum Zstd {
  /// Level 3 compresses source-like data ~6.9x at ~325 MB/s here (DESIGN.md); the default for blobs.
  package static let defaultLevel: Int32 = 3

  package static func compress(_ input: [UInt8], level: Int32 = defaultLevel) -> [UInt8] {
    compress(input) { out, inp in ZSTD_compress(out.baseAddress, out.count, inp.baseAddress, inp.count, level) }
  }

  /// How a frame stores its literals (the bytes no match covers).
  package enum Literals: Sendable {
    /// Huffman-coded: the smallest frames.
    case coded
    /// Stored as they are: a reference blob holds mostly literals (names and varints), and decoding them is
    /// most of the time a references query spends in zstd. Stored literals decompress ~1.8× as fast there
    /// (python-stdlib and Linux reference blobs: 601 → 1,304 MB/s), for frames ~15% larger; outlines ~1.5× as
    /// fast for ~11% larger. Any zstd decoder reads both.
    case stored
  }

  /// Compresses with a fresh context; `literals: .stored` as `Compressor.compress(_:level:literals:)`.
  package static func compress(_ input: [UInt8], level: Int32 = defaultLevel, literals: Literals) -> [UInt8] {
    guard literals == .stored, let compressor = Compressor() else { return compress(input, level: level) }
    return compressor.compress(input, level: level, literals: literals)
  }

  private static func compress(
    _ input: [UInt8], with call: (UnsafeMutableRawBufferPointer, UnsafeRawBufferPointer) -> Int
  ) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: ZSTD_compressBound(input.count))
    let written = output.withUnsafeMutableBytes { out in input.withUnsafeBytes { inp in call(out, inp) } }
    // Compression only fails for a too-small buffer, which compressBound rules out.
    precondition(ZSTD_isError(written) == 0, "zstd compression failed")
    output.removeSubrange(written...)
    return output
  }

  /// One compression context reused across blobs: `ZSTD_compress` allocates and sets up a context per
  /// call, which for the small blobs of most files cost as much as compressing them (an extraction
  /// worker compresses two per file).
  package final class Compressor {
    private let context: OpaquePointer

    package init?() {
      guard let context = ZSTD_createCCtx() else { return nil }
      self.context = context
    }

    deinit { ZSTD_freeCCtx(context) }

    /// `ZSTD_compressCCtx` ignores the parameters `literals: .stored` sets on the context, so the two kinds
    /// of call can share it.
    package func compress(_ input: [UInt8], level: Int32 = defaultLevel, literals: Literals = .coded) -> [UInt8] {
      guard literals == .stored else {
        return Zstd.compress(input) { out, inp in ZSTD_compressCCtx(context, out.baseAddress, out.count, inp.baseAddress, inp.count, level) }
      }
      ZSTD_CCtx_reset(context, ZSTD_reset_parameters)
      ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level)
      czstd_store_literals(context)
      return Zstd.compress(input) { out, inp in ZSTD_compress2(context, out.baseAddress, out.count, inp.baseAddress, inp.count) }
    }
  }

  /// The most one compressed byte can stand for: a zstd block holds at most 128 KiB and takes at least
  /// a 3-byte header and one byte (an RLE block), so no valid frame expands beyond this ratio.
  static let maxExpansion: UInt64 = 32_768
  /// No blob we write decompresses past this, whatever a frame header claims.
  static let maxBlobSize: UInt64 = 1 << 30

  /// Decompresses one frame; nil when the bytes are not a valid frame with a known size, or when the size
  /// its header claims differs from `expectedSize` (the stored raw size) or is more than the bytes could hold.
  package static func decompress(_ input: [UInt8], expectedSize: Int? = nil) -> [UInt8]? {
    decompress(input, expectedSize: expectedSize) { out, inp in
      ZSTD_decompress(out.baseAddress, out.count, inp.baseAddress, inp.count)
    }
  }

  /// One decompression context reused across blobs: a query that reads hundreds of blobs would otherwise
  /// allocate and set up a context for each (`ZSTD_decompress` does).
  package final class Decompressor {
    private let context: OpaquePointer

    package init?() {
      guard let context = ZSTD_createDCtx() else { return nil }
      self.context = context
    }

    deinit { ZSTD_freeDCtx(context) }

    package func decompress(_ input: [UInt8], expectedSize: Int? = nil) -> [UInt8]? {
      Zstd.decompress(input, expectedSize: expectedSize) { out, inp in
        ZSTD_decompressDCtx(context, out.baseAddress, out.count, inp.baseAddress, inp.count)
      }
    }
  }

  private static func decompress(
    _ input: [UInt8], expectedSize: Int?, with call: (UnsafeMutableRawBufferPointer, UnsafeRawBufferPointer) -> Int
  ) -> [UInt8]? {
    let size = input.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) }
    // ZSTD_CONTENTSIZE_UNKNOWN / _ERROR are the two largest UInt64 values.
    guard size < UInt64.max - 1, size <= maxBlobSize, size <= UInt64(input.count) * maxExpansion else { return nil }
    if let expectedSize, UInt64(max(expectedSize, 0)) != size { return nil }
    // Not zero-filled first: zstd writes every byte of a frame whose size it checked, and the output is
    // dropped unless it wrote exactly that many.
    var written = 0
    let output = [UInt8](unsafeUninitializedCapacity: Int(size)) { out, count in
      written = input.withUnsafeBytes { inp in call(UnsafeMutableRawBufferPointer(out), inp) }
      count = ZSTD_isError(written) == 0 && written == Int(size) ? written : 0
    }
    guard ZSTD_isError(written) == 0, written == Int(size) else { return nil }
    return output
  }
}
