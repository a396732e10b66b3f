/// Builds a one-line signature from token spans: tokens are kept, and any gap between two tokens
/// (spaces, newlines, comments, line continuations) becomes a single space, except just inside
/// brackets and before commas, where a line break in the source leaves no space in the signature.
struct SignatureBuilder {
  private var bytes: [UInt8] = []
  private var lastEnd = -1

  mutating func append(_ source: SourceBytes, from start: Int, to end: Int) {
    guard start < end, start >= 0, end <= source.count else { return }
    if lastEnd >= 0 && start > lastEnd, let previous = bytes.last,
      Self.wantsSpace(after: previous, before: source[start])
    {
      bytes.append(UInt8(ascii: " "))
    }
    bytes.append(contentsOf: source.span(start, end))
    lastEnd = end
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
