import Foundation
import IndexerModel
import IndexerStore
import Synchronization

/// The index's distinct names in one byte arena, in SQLite's NOCASE order, kept between searches of a
/// long-running process (the LSP and MCP servers) and rebuilt when the index's generation moves. A one-shot
/// `query --fuzzy` builds it once, which costs what reading the names did before.
///
/// The first three tiers (`NameTier`) are one binary search: names a query starts are contiguous in NOCASE
/// order. Only when they fall short of what was asked are the other names read, in one pass (on every core for
/// a large tree) over the names `NameSignatures` lets through: those with every character and adjacent pair of
/// the query; of those, each name's first eight hump initials, packed in a word, decide the humps tier with one
/// compare.
final class NameCatalog {
  private var generation: Int64?
  private var arena: [UInt8] = []
  /// Name i is `arena[starts[i]..<starts[i + 1]]`.
  private var starts: [Int] = [0]
  /// The first eight hump initials of each name, the first in the high byte (so a query's initials are a
  /// prefix exactly when the high bytes are equal).
  private var initials: [UInt64] = []
  /// Each name's characters, adjacent pairs (a name holds a query as a substring only if it has every one of
  /// the query's pairs) and first initial, as bit slices.
  private var signatures = NameSignatures()

  /// Names below this many are read on one thread: splitting costs more than it saves.
  let parallelThreshold: Int

  init(parallelThreshold: Int = 100_000) {
    self.parallelThreshold = parallelThreshold
  }

  var count: Int { starts.count - 1 }

  /// Whether the catalog holds the names of this generation.
  func isLoaded(generation current: Int64) -> Bool { generation == current }

  /// The generation whose names the catalog holds whole; nil before a whole load.
  var loadedGeneration: Int64? { generation }

  /// Reads every distinct name of the index (a kernel tree has about three million: seconds, once per
  /// generation). With `prefix`, only the names that start with it: what a search needs when the first
  /// three tiers fill its answer, read through the name index in milliseconds. Such a catalog is not kept
  /// as loaded.
  func load(_ connection: ReadOnlyConnection, generation current: Int64, prefix: String? = nil) throws(StoreError) {
    guard generation != current || prefix != nil else { return }
    generation = nil
    // Built in locals and stored at the end: each access to a class's property is checked for exclusivity,
    // a twentieth of loading a kernel tree's three million names.
    var arena = self.arena
    var starts = self.starts
    var initials = self.initials
    var signatures = self.signatures
    self.arena = []
    self.starts = []
    self.initials = []
    self.signatures = NameSignatures()
    arena.removeAll(keepingCapacity: true)
    starts.removeAll(keepingCapacity: true)
    starts.append(0)
    initials.removeAll(keepingCapacity: true)
    signatures.removeAll()
    defer {
      self.arena = arena
      self.starts = starts
      self.initials = initials
      self.signatures = signatures
    }
    try connection.forEachDistinctName(prefix: prefix) { bytes in
      arena.append(contentsOf: bytes)
      starts.append(arena.count)
      let packed = Humps.packed(bytes)
      initials.append(packed)
      signatures.append(
        mask: Self.mask(bytes), pairMask: Self.pairMask(bytes), firstInitial: UInt8(truncatingIfNeeded: packed >> 56), length: bytes.count)
    }
    signatures.seal()
    if prefix == nil { generation = current }
  }

  /// The names matching `query` in the tiers asked for (each in the first of them it satisfies, see
  /// `NameTier.of`), best first, at most `count`: by tier; within a tier
  /// the shorter name first (closer to what was typed), in the subsequence tier the better `FuzzyMatcher`
  /// score first; then NOCASE order.
  func ranked(_ query: String, count: Int, tiers: Set<NameTier> = Set(NameTier.allCases)) -> [(name: String, tier: NameTier)] {
    let bytes = Array(query.utf8)
    let lowered = NameBytes.lowered(bytes)
    guard count > 0, !lowered.isEmpty else { return [] }
    return arena.withUnsafeBufferPointer { arena in
      starts.withUnsafeBufferPointer { starts in
        let names = Names(arena: arena, starts: starts)
        var found: [Candidate] = []
        let matcher = FuzzyMatcher(query)
        let prefixed = Self.prefixRange(lowered, in: names)
        // Every name the query starts is in one of the first three tiers, ranked there by length before its
        // place: when all three are asked for, only the shortest names can make the answer (a common prefix,
        // `sta` on a kernel tree, starts over a hundred thousand names, and classifying each was most of such
        // a search). Else each name is classified.
        let shortestOnly = NameTier.startingTiers.isSubset(of: tiers) && prefixed.count > count
        for i in shortestOnly ? Self.shortest(count, of: prefixed, in: names) : Array(prefixed) {
          let name = names[i]
          guard let tier = NameTier.of(name, query: bytes, lowered: lowered, matcher: matcher, allowed: tiers) else { continue }
          let score = tier == .subsequence ? matcher.score(bytes: name) ?? 0 : 0
          found.append(Candidate(index: i, tier: tier, score: score, length: name.count))
        }
        // Tiers rank strictly: once the tiers read so far fill the answer, no later tier is read. Each later
        // tier is one pass over the names, the cheapest test first.
        var ranked = shortestOnly ? prefixed.count : found.filter { $0.tier < .humps }.count
        for tier in [NameTier.humps, .substring, .subsequence] where ranked < count && tiers.contains(tier) {
          let more = scan(tier, bytes: bytes, lowered: lowered, names: names, skipping: prefixed, tiers: tiers, needed: count - ranked)
          ranked += more.count + found.filter { $0.tier == tier }.count
          found += more
        }
        return Self.best(found, count: count).map { (String(decoding: names[$0.index], as: UTF8.self), $0.tier) }
      }
    }
  }

  /// The `count` best candidates in rank order, without sorting them all: a common three-letter prefix on a
  /// kernel tree starts tens of thousands of names, and an answer wants a hundred.
  private static func best(_ candidates: [Candidate], count: Int) -> [Candidate] {
    guard candidates.count > count * 4 else { return Array(candidates.sorted(by: Candidate.precedes).prefix(count)) }
    var top: [Candidate] = []
    top.reserveCapacity(count + 1)
    for candidate in candidates {
      if top.count == count, let last = top.last, !Candidate.precedes(candidate, last) { continue }
      var low = 0
      var high = top.count
      while low < high {
        let mid = (low + high) / 2
        if Candidate.precedes(top[mid], candidate) { low = mid + 1 } else { high = mid }
      }
      top.insert(candidate, at: low)
      if top.count > count { top.removeLast() }
    }
    return top
  }

  private struct Candidate {
    var index: Int
    var tier: NameTier
    var score: Int
    var length: Int

    static func precedes(_ a: Candidate, _ b: Candidate) -> Bool {
      if a.tier != b.tier { return a.tier < b.tier }
      if a.score != b.score { return a.score > b.score }
      if a.length != b.length { return a.length < b.length }
      return a.index < b.index
    }
  }

  /// The names of `range` no longer than its `count`-th shortest, in order: a superset of the `count` that
  /// rank first when length decides first. Lengths past 255 bytes count as 255.
  private static func shortest(_ count: Int, of range: Range<Int>, in names: Names) -> [Int] {
    var byLength = [Int](repeating: 0, count: 256)
    for i in range { byLength[min(names.length(i), 255)] += 1 }
    var longest = 0
    var seen = 0
    while longest < 255 && seen + byLength[longest] < count {
      seen += byLength[longest]
      longest += 1
    }
    return range.filter { min(names.length($0), 255) <= longest }
  }

  /// The names whose first `lowered.count` bytes equal `lowered`, ASCII case folded: one range in NOCASE order.
  private static func prefixRange(_ lowered: [UInt8], in names: Names) -> Range<Int> {
    // A name's first lowered.count bytes against the query (a shorter name that matches so far sorts first).
    func order(_ i: Int) -> Int {
      NameBytes.compareIgnoringCase(UnsafeBufferPointer(rebasing: names[i].prefix(lowered.count)), lowered)
    }
    var low = 0
    var high = names.count
    while low < high {
      let mid = (low + high) / 2
      if order(mid) < 0 { low = mid + 1 } else { high = mid }
    }
    let first = low
    high = names.count
    while low < high {
      let mid = (low + high) / 2
      if order(mid) <= 0 { low = mid + 1 } else { high = mid }
    }
    return first..<low
  }

  /// Every name outside `skipping` whose first tier among `tiers` is `tier` (humps, substring or
  /// subsequence), read in slices on every core for a large catalog; each slice keeps its own list. Only the
  /// names `signatures` lets through for the tier are looked at. The humps and substring tiers rank by length,
  /// so they are read by length class, shortest first, and stop once `needed` are found: the longer names
  /// left would rank after those.
  private func scan(
    _ tier: NameTier, bytes: [UInt8], lowered: [UInt8], names: Names, skipping: Range<Int>, tiers: Set<NameTier>, needed: Int
  ) -> [Candidate] {
    // Every tier here needs each of the query's characters somewhere in the name; a substring, each of its
    // pairs; humps, its first character as the first initial.
    let required = NameSignatures.slices(
      mask: Self.mask(lowered), pairMask: tier == .substring ? Self.pairMask(lowered) : 0,
      firstInitial: tier == .humps ? lowered[0] : 0)
    guard tier != .subsequence else {
      return scan(tier, bytes: bytes, lowered: lowered, names: names, skipping: skipping, tiers: tiers, required: required)
    }
    var found: [Candidate] = []
    for length in 0..<NameSignatures.lengthClasses {
      found += scan(
        tier, bytes: bytes, lowered: lowered, names: names, skipping: skipping, tiers: tiers,
        required: required + [NameSignatures.lengthSlice(length)])
      if found.count >= needed { break }
    }
    return found
  }

  /// One pass of `scan` over the names with a bit in every slice of `required`.
  private func scan(
    _ tier: NameTier, bytes: [UInt8], lowered: [UInt8], names: Names, skipping: Range<Int>, tiers: Set<NameTier>, required: [Int]
  ) -> [Candidate] {
    let matcher = FuzzyMatcher(String(decoding: bytes, as: UTF8.self))
    let (queryInitials, initialsMask) = Self.packedPrefix(lowered)
    // A name in an earlier tier asked for is not this tier's.
    let (notHumps, notSubstring) = (tier > .humps && tiers.contains(.humps), tier > .substring && tiers.contains(.substring))
    let words = signatures.wordCount
    let slices = names.count < parallelThreshold ? 1 : max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
    let results = Mutex([[Candidate]](repeating: [], count: slices))
    initials.withUnsafeBufferPointer { initials in
      let view = CatalogView(names: names, initials: initials, signatures: signatures)
      DispatchQueue.concurrentPerform(iterations: slices) { slice in
        var found: [Candidate] = []
        view.signatures.forEachCandidate(in: (words * slice / slices)..<(words * (slice + 1) / slices), having: required) { i in
          guard !skipping.contains(i), i < view.initials.count else { return }
          func isHumps() -> Bool {
            view.initials[i] & initialsMask == queryInitials && (lowered.count <= 8 || Humps.initials(view.names[i]).starts(with: lowered))
          }
          func isSubstring() -> Bool { NameBytes.containsIgnoringCase(view.names[i], lowered) }
          switch tier {
          case .humps:
            if isHumps() { found.append(Candidate(index: i, tier: tier, score: 0, length: view.names[i].count)) }
          case .substring:
            if !(notHumps && isHumps()), isSubstring() {
              found.append(Candidate(index: i, tier: tier, score: 0, length: view.names[i].count))
            }
          default:
            if !(notHumps && isHumps()), !(notSubstring && isSubstring()), let score = matcher.score(bytes: view.names[i]) {
              found.append(Candidate(index: i, tier: tier, score: score, length: view.names[i].count))
            }
          }
        }
        results.withLock { $0[slice] = found }
      }
    }
    return results.withLock { $0 }.flatMap { $0 }
  }

  /// One bit per adjacent pair of bytes, ASCII case folded, hashed to 64.
  static func pairMask(_ bytes: some Sequence<UInt8>) -> UInt64 {
    var mask: UInt64 = 0
    var previous: UInt8?
    for byte in bytes {
      let lowered = NameBytes.lower(byte)
      if let previous { mask |= 1 << UInt64((UInt32(previous) &* 31 &+ UInt32(lowered)) % 64) }
      previous = lowered
    }
    return mask
  }

  /// Up to eight initials in one word, the first in the high byte.
  static func packed(_ initials: [UInt8]) -> UInt64 {
    var word: UInt64 = 0
    for (i, byte) in initials.prefix(8).enumerated() { word |= UInt64(byte) << UInt64(56 - 8 * i) }
    return word
  }

  /// A query's first eight bytes packed as initials are, and the mask of the bytes it fills.
  static func packedPrefix(_ lowered: [UInt8]) -> (value: UInt64, mask: UInt64) {
    let n = min(8, lowered.count)
    let mask: UInt64 = n == 8 ? .max : ~(UInt64.max >> UInt64(8 * n))
    return (packed(Array(lowered.prefix(8))), mask)
  }

  /// One bit per lower-cased letter, digit and `_`, one for everything else.
  static func mask(_ bytes: some Sequence<UInt8>) -> UInt64 {
    var mask: UInt64 = 0
    for byte in bytes { mask |= 1 << UInt64(NameSignatures.characterClass(byte)) }
    return mask
  }
}

/// The names of the catalog's arena, valid inside the `withUnsafeBufferPointer` calls that made it.
private struct Names {
  let arena: UnsafeBufferPointer<UInt8>
  let starts: UnsafeBufferPointer<Int>

  var count: Int { starts.count - 1 }

  subscript(i: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: arena[starts[i]..<starts[i + 1]]) }

  func length(_ i: Int) -> Int { starts[i + 1] - starts[i] }
}

/// The catalog's buffers, read (never written) by the slices of one `scan` call, which returns only after
/// every slice has finished: the pointers cannot outlive the arrays they point into.
private struct CatalogView: @unchecked Sendable {
  let names: Names
  let initials: UnsafeBufferPointer<UInt64>
  let signatures: NameSignatures
}
