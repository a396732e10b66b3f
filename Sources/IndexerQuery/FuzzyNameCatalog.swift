import Foundation
import IndexerModel
import IndexerStore
import Synchronization

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
    let scores = matches(pattern)
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

  /// Names below this many are scored on one thread: splitting costs more than it saves.
  let parallelThreshold: Int

  init(parallelThreshold: Int = 100_000) {
    self.parallelThreshold = parallelThreshold
  }

  /// Every name that matches, with its score, in catalog order. A large catalog is scored in slices on
  /// every core (a kernel tree has ~3 million names; each slice keeps its own list, joined in order).
  private func matches(_ pattern: String) -> [(index: Int, score: Int)] {
    let matcher = FuzzyMatcher(pattern)
    let wanted = Self.mask(Array(pattern.utf8))
    let total = masks.count
    let slices = total < parallelThreshold ? 1 : max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
    let results = Mutex([[(index: Int, score: Int)]](repeating: [], count: slices))
    arena.withUnsafeBufferPointer { all in
      masks.withUnsafeBufferPointer { masks in
        starts.withUnsafeBufferPointer { starts in
          let view = CatalogView(arena: all, masks: masks, starts: starts)
          DispatchQueue.concurrentPerform(iterations: slices) { slice in
            var found: [(index: Int, score: Int)] = []
            for i in (total * slice / slices)..<(total * (slice + 1) / slices) where view.masks[i] & wanted == wanted {
              let name = UnsafeBufferPointer(rebasing: view.arena[view.starts[i]..<view.starts[i + 1]])
              if let score = matcher.score(bytes: name) { found.append((i, score)) }
            }
            results.withLock { $0[slice] = found }
          }
        }
      }
    }
    let sliced = results.withLock { $0 }
    return slices == 1 ? sliced[0] : sliced.flatMap { $0 }
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

/// The catalog's buffers, read (never written) by the slices of one `matches` call, which returns only
/// after every slice has finished: the pointers cannot outlive the arrays they point into.
private struct CatalogView: @unchecked Sendable {
  let arena: UnsafeBufferPointer<UInt8>
  let masks: UnsafeBufferPointer<UInt64>
  let starts: UnsafeBufferPointer<Int>
}
