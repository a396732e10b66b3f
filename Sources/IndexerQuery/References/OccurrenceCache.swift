import IndexerModel

/// The occurrences of the names asked for last, kept for one index generation: an editor asks about the same
/// name again and again (references, then the call hierarchy and each level it opens), and decoding every
/// file that mentions the name was a third of an incoming-calls request on a kernel tree. Bounded by the
/// occurrences held; the first kept go first; a commit (a new generation) empties it.
struct OccurrenceCache {
  /// Occurrences kept at most, over every name (a few hundred bytes each).
  static let maximumOccurrences = 20_000

  private var generation: Int64?
  private var kept: [String: [ReferenceMatch]] = [:]
  /// Names in the order they were kept, oldest first.
  private var order: [String] = []
  private var count = 0

  /// Every occurrence of `name` as read at `generation`, if kept.
  func matches(of name: String, generation: Int64) -> [ReferenceMatch]? {
    generation == self.generation ? kept[name] : nil
  }

  mutating func keep(_ matches: [ReferenceMatch], of name: String, generation: Int64) {
    if generation != self.generation {
      kept.removeAll()
      order.removeAll()
      count = 0
      self.generation = generation
    }
    guard matches.count <= Self.maximumOccurrences, kept[name] == nil else { return }
    while count + matches.count > Self.maximumOccurrences, !order.isEmpty {
      count -= kept.removeValue(forKey: order.removeFirst())?.count ?? 0
    }
    kept[name] = matches
    order.append(name)
    count += matches.count
  }
}
