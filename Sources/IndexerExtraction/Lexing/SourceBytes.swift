/// A file's bytes read through one accessor that answers 0 (NUL, which no reader treats as part of a
/// token) past either end, the way ctags' `getcFromInputFile()` answers `EOF` forever.
///
/// Readers index with positions derived from the input; `UnsafeBufferPointer`'s subscript is
/// unchecked in release builds, so every byte read goes through here instead of trusting the arithmetic.
struct SourceBytes {
  let buffer: UnsafeBufferPointer<UInt8>

  init(_ buffer: UnsafeBufferPointer<UInt8>) {
    self.buffer = buffer
  }

  var count: Int { buffer.count }

  subscript(_ i: Int) -> UInt8 {
    i >= 0 && i < buffer.count ? buffer[i] : 0
  }

  /// Bytes `start..<end`, clamped to the input (an empty view when the range lies outside it).
  func span(_ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
    let lower = min(max(start, 0), buffer.count)
    let upper = min(max(end, lower), buffer.count)
    return UnsafeBufferPointer(rebasing: buffer[lower..<upper])
  }

  func string(_ start: Int, _ end: Int) -> String {
    String(decoding: span(start, end), as: UTF8.self)
  }
}
