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
    // A token that spans lines (a triple-quoted string, a raw string) stays on the signature's one line.
    var previous = bytes.last ?? 0
    for byte in source.span(start, end) {
      let isBreak = byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
      if isBreak {
        if previous != UInt8(ascii: " ") { bytes.append(UInt8(ascii: " ")) }
        previous = UInt8(ascii: " ")
      } else {
        bytes.append(byte)
        previous = byte
      }
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
