import IndexerModel

/// The symbol-level change feed, as Watchman's `since` is for files.
extension QueryEngine {
  public struct ChangeFeed: Sendable {
    public var changes: [SymbolChange]
    /// The generation read at: ask `since` it next time.
    public var generation: Int64
    /// False when `since` is older than the feed (a rebuild, or rows dropped past the bound) or the limit cut
    /// the answer: the index changed in ways not listed.
    public var complete: Bool
    /// The generation from which the feed is complete.
    public var startsAt: Int64?
  }

  /// The definitions added, removed or changed (signature or extent) by the commits after generation `since`,
  /// oldest first, at most `limit`. A rename, and what a bulk rebuild changed, are not listed.
  /// A page always ends on a whole generation (asking again `since` its last one then misses nothing): a
  /// generation the limit would cut is left for the next page, or, when it is the first, given whole (at
  /// most `generationLimit` entries).
  public func changes(since: Int64, limit: Int) throws(StoreError) -> ChangeFeed {
    try connection().inReadTransaction { () throws(StoreError) in
      var (changes, start, generation) = try connection().symbolChanges(since: since, limit: limit + 1)
      let known = start.map { since >= $0 } ?? false
      let cut = changes.count > limit
      if cut, let last = changes.prefix(limit).last?.generation {
        if changes.prefix(limit).contains(where: { $0.generation != last }) {
          changes = changes.prefix(limit).filter { $0.generation != last }
        } else {
          changes = try connection().symbolChanges(since: since, limit: Self.generationLimit).changes.filter { $0.generation == last }
        }
      }
      return ChangeFeed(changes: changes, generation: generation, complete: known && !cut, startsAt: start)
    }
  }

  /// Entries of one generation given at most (a bulk checkout's batch).
  public static let generationLimit = 100_000
}
