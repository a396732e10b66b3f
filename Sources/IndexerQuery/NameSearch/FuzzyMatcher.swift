/// Scores names against a fuzzy pattern: every pattern letter must appear in order (case-insensitively).
///
/// Higher is better. Rewards what people mean when they type an abbreviation: a match at the start,
/// at word boundaries (`_x`, `xY`) and runs of adjacent letters; penalises gaps and long names.
public struct FuzzyMatcher: Sendable {
  private let pattern: [UInt8]

  public init(_ pattern: String) {
    self.pattern = Array(pattern.lowercased().utf8)
  }

  /// nil when `name` does not contain the pattern as a subsequence.
  public func score(_ name: String) -> Int? {
    var name = name
    return name.withUTF8 { score(bytes: $0) }
  }

  /// The same, on a name's UTF-8 bytes (the fuzzy catalog keeps names in one buffer).
  public func score(bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !pattern.isEmpty else { return 0 }
    var score = 0
    var p = 0
    var previousMatch = -2
    var firstMatch = -1
    for (i, raw) in bytes.enumerated() {
      if p == pattern.count { break }
      let lower = raw >= 65 && raw <= 90 ? raw + 32 : raw
      guard lower == pattern[p] else { continue }
      if firstMatch < 0 { firstMatch = i }
      score += 1
      if i == 0 {
        score += 10
      } else if i == previousMatch + 1 {
        score += 6
      } else {
        let before = bytes[i - 1]
        let isBoundary = before == UInt8(ascii: "_") || before == UInt8(ascii: ".")
          || (raw >= 65 && raw <= 90 && !(before >= 65 && before <= 90))
        score += isBoundary ? 8 : 0
        score -= min(i - previousMatch - 1, 5)
      }
      previousMatch = i
      p += 1
    }
    guard p == pattern.count else { return nil }
    if bytes.count == pattern.count && bytes.elementsEqual(pattern, by: { ($0 >= 65 && $0 <= 90 ? $0 + 32 : $0) == $1 }) {
      score += 50
    }
    score -= (bytes.count - pattern.count) / 4
    return score
  }
}
