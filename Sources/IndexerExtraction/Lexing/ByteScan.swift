#if canImport(Glibc)
  import Glibc
#endif

/// Runs of bytes no reader looks into (comment bodies), crossed at memory speed: kernel sources are heavy
/// with block comments, and the tokenizer stepped through them a byte at a time.
/// Every answer is clamped to the buffer: a search that finds nothing answers its end.
enum ByteScan {
  /// The index of the first `byte` at or after `from`, or `buffer.count` when there is none.
  static func first(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
    guard from >= 0, from < buffer.count, let base = buffer.baseAddress else { return buffer.count }
    guard let hit = memchr(base + from, Int32(byte), buffer.count - from) else { return buffer.count }
    return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
  }

  /// The index of the first `*/` at or after `from`, or `buffer.count` when the comment is never closed.
  static func blockCommentClose(in buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
    var star = first(UInt8(ascii: "*"), in: buffer, from: from)
    while star + 1 < buffer.count {
      if buffer[star + 1] == UInt8(ascii: "/") { return star }
      star = first(UInt8(ascii: "*"), in: buffer, from: star + 1)
    }
    return buffer.count
  }

  /// How many line breaks `from..<to` holds, and the index just past the last of them (nil when none).
  static func lineBreaks(in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> (count: Int, lastEnd: Int?) {
    let lower = min(max(from, 0), buffer.count)
    let upper = min(max(to, lower), buffer.count)
    var count = 0
    for i in lower..<upper { count &+= buffer[i] == 0x0A ? 1 : 0 }
    guard count > 0 else { return (0, nil) }
    var last = upper - 1
    while last > lower && buffer[last] != 0x0A { last -= 1 }
    return (count, last + 1)
  }
}
