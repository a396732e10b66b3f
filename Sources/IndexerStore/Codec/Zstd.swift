import CZstd

/// zstd through its C API: the only file that calls libzstd.
package enum Zstd {
  /// Level 3 compresses source-like data ~6.9x at ~325 MB/s here (DESIGN.md); the default for blobs.
  package static let defaultLevel: Int32 = 3

  package static func compress(_ input: [UInt8], level: Int32 = defaultLevel) -> [UInt8] {
    compress(input) { out, inp in ZSTD_compress(out.baseAddress, out.count, inp.baseAddress, inp.count, level) }
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

    package func compress(_ input: [UInt8], level: Int32 = defaultLevel) -> [UInt8] {
      Zstd.compress(input) { out, inp in ZSTD_compressCCtx(context, out.baseAddress, out.count, inp.baseAddress, inp.count, level) }
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
    var output = [UInt8](repeating: 0, count: Int(size))
    let written = output.withUnsafeMutableBytes { out in input.withUnsafeBytes { inp in call(out, inp) } }
    guard ZSTD_isError(written) == 0, written == Int(size) else { return nil }
    return output
  }
}
