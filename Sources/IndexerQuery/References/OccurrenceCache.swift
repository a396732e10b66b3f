import IndexerModel

/// The occurrences of the names asked for last, kept for one index generation: an editor asks about the same
/// name again and again (references, then the call hierarchy and each level it opens), and decoding every
/// file that mentions the name was a third of an incoming-calls request on a kernel tree.
struct OccurrenceCache {
  /// Occurrences kept at most, over every name (a few hundred bytes each).
  static let maximumOccurrences = 20_000

  private var kept = GenerationCache<[ReferenceMatch]>(maximumWeight: maximumOccurrences) { $0.count }

  /// Every occurrence of `name` as read at `generation`, if kept.
  func matches(of name: String, generation: Int64) -> [ReferenceMatch]? {
    kept.value(for: name, generation: generation)
  }

  mutating func keep(_ matches: [ReferenceMatch], of name: String, generation: Int64) {
    kept.keep(matches, for: name, generation: generation)
  }
}
