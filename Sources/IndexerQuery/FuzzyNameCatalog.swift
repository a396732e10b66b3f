import IndexerStore

/// The index's distinct names in one byte arena, kept between fuzzy queries of a long-running process (the
/// LSP and MCP servers) and rebuilt when the index's generation moves. A one-shot `query --fuzzy` builds it
/// once, which costs what reading the names did before.
///
/// Each name carries a 64-bit mask of the characters it contains, so a name that lacks one of the
/// pattern's characters is rejected with one AND before its bytes are read: on a kernel tree most names
/// fail a three-letter pattern there.
final class FuzzyNameCatalog {
  private var generation: Int64?
  private var arena: [UInt8] = []
  /// Name i is `arena[starts[i]..<starts[i + 1]]`.
  private var starts: [Int] = [0]
  private var masks: [UInt64] = []

  func load(_ connection: ReadOnlyConnection, generation current: Int64) throws(StoreError) {
    guard generation != current else { return }
    arena.removeAll(keepingCapacity: true)
    starts = [0]
    masks.removeAll(keepingCapacity: true)
    try connection.forEachDistinctName { bytes in
      arena.append(contentsOf: bytes)
      starts.append(arena.count)
      masks.append(Self.mask(bytes))
    }
    generation = current
  }

  /// The best `count` names for `pattern`, best first; ties in name (byte) order, as `FuzzyMatcher` ranks.
  func best(_ pattern: String, count: Int) -> [(name: String, score: Int)] {
    let matcher = FuzzyMatcher(pattern)
    let wanted = Self.mask(Array(pattern.utf8))
    var scores: [(index: Int, score: Int)] = []
    arena.withUnsafeBufferPointer { all in
      for i in masks.indices where masks[i] & wanted == wanted {
        let name = UnsafeBufferPointer(rebasing: all[starts[i]..<starts[i + 1]])
        if let score = matcher.score(bytes: name) { scores.append((i, score)) }
      }
    }
    guard count > 0, !scores.isEmpty else { return [] }
    // The score of the count-th best, found without sorting every match: the shortlist is everything
    // above it and every tie at it, then sorted with names.
    var threshold = Int.min
    if scores.count > count {
      // The `count` best scores in ascending order; after the first few thousand names a score rarely
      // beats the smallest of them, so this is one comparison per match.
      var top: [Int] = []
      top.reserveCapacity(count + 1)
      for entry in scores where top.count < count || entry.score > top[0] {
        let at = top.firstIndex { $0 >= entry.score } ?? top.count
        top.insert(entry.score, at: at)
        if top.count > count { top.removeFirst() }
      }
      threshold = top[0]
    }
    var shortlist = scores.filter { $0.score >= threshold }.map { entry in
      (name: String(decoding: arena[starts[entry.index]..<starts[entry.index + 1]], as: UTF8.self), score: entry.score)
    }
    shortlist.sort { $0.score != $1.score ? $0.score > $1.score : $0.name < $1.name }
    return Array(shortlist.prefix(count))
  }

  /// One bit per lower-cased letter, digit and `_`, one for everything else.
  static func mask(_ bytes: some Sequence<UInt8>) -> UInt64 {
    var mask: UInt64 = 0
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"): mask |= 1 << UInt64(byte - UInt8(ascii: "a"))
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): mask |= 1 << UInt64(byte - UInt8(ascii: "A"))
      case UInt8(ascii: "0")...UInt8(ascii: "9"): mask |= 1 << UInt64(26 + byte - UInt8(ascii: "0"))
      case UInt8(ascii: "_"): mask |= 1 << 36
      default: mask |= 1 << 37
      }
    }
    return mask
  }
}
