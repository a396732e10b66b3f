/// Builds a one-line signature from token spans: tokens are kept, and any gap between two tokens
/// (spaces, newlines, comments, line continuations) becomes a single space, except just inside
/// brackets and before commas, where a line break in the source leaves no space in the signature.
struct SignatureBuilder {
  private var bytes: [UInt8] = []
  private var lastEnd = -1

  /// Longer headers are cut here with "…": a half-typed `class A(` would otherwise take the rest of the
  /// file as its signature, into every row, line of output and reply that shows it.
  static let maxBytes = 1000
  private var truncated = false

  mutating func append(_ source: SourceBytes, from start: Int, to end: Int) {
    guard start < end, start >= 0, end <= source.count, !truncated else { return }
    if lastEnd >= 0 && start > lastEnd, let previous = bytes.last,
      Self.wantsSpace(after: previous, before: source[start])
    {
      bytes.append(UInt8(ascii: " "))
    }
    let span = source.span(start, end)
    if !span.contains(where: Self.isBreak) {
      bytes.append(contentsOf: span)  // nearly every token: one copy, not a check per byte
    } else {
      appendJoiningLines(span)
    }
    lastEnd = end
    if bytes.count > Self.maxBytes {
      var cut = Self.maxBytes
      // Not inside a UTF-8 sequence: back up over continuation bytes.
      while cut > 0 && bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
      bytes.removeSubrange(cut...)
      bytes.append(contentsOf: Array("…".utf8))
      truncated = true
    }
  }

  /// Room for a signature about `count` bytes long (at most the cut), so appending tokens does not regrow.
  mutating func reserve(_ count: Int) {
    bytes.reserveCapacity(min(max(count, 0), Self.maxBytes + 8))
  }

  private static func isBreak(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
  }

  /// A token that spans lines (a triple-quoted string, a raw string) stays on the signature's one line.
  private mutating func appendJoiningLines(_ span: UnsafeBufferPointer<UInt8>) {
    var previous = bytes.last ?? 0
    for byte in span {
      if Self.isBreak(byte) {
        if previous != UInt8(ascii: " ") { bytes.append(UInt8(ascii: " ")) }
        previous = UInt8(ascii: " ")
      } else {
        bytes.append(byte)
        previous = byte
      }
    }
  }

  var text: String { String(decoding: bytes, as: UTF8.self) }

  /// Whether a gap in the source between two tokens stays a space in the one-line signature.
  static func wantsSpace(after previous: UInt8, before next: UInt8) -> Bool {
    switch (previous, next) {
    case (UInt8(ascii: "("), _), (UInt8(ascii: "["), _), (_, UInt8(ascii: ")")), (_, UInt8(ascii: "]")),
      (_, UInt8(ascii: ",")):
      false
    default: true
    }
  }
}
