import IndexerModel
import IndexerStore
import Synchronization

/// Query answers from the hot layer when the index has not changed since they were computed.
///
/// Keys include the generation, so a commit makes every older entry unreachable (and soon evicted):
/// a hit returns exactly what the store would. Outlines are cached by (path, generation) the same way.
public final class CachedQueries: Sendable {
  private enum Entry: Sendable {
    case symbols([SymbolMatch])
    case outline(FileIndex?)
  }

  private let cache: ByteBoundedLRU<Entry>
  /// The newest generation asked about. Entries of older ones can never be hit again: they are dropped
  /// the first time a newer one is asked for, instead of sitting in memory until the byte bound evicts
  /// them (a watcher committing every few seconds would otherwise always hold its whole bound).
  private let newest = Mutex<Int64>(.min)

  public init(limitBytes: Int) {
    cache = ByteBoundedLRU(limitBytes: limitBytes)
  }

  public var counters: HotLayerCounters { cache.counters }

  private func enter(_ generation: Int64) {
    let moved = newest.withLock { newest in
      guard generation > newest else { return false }
      newest = generation
      return true
    }
    if moved { cache.removeAll() }
  }

  public func symbols(_ query: SymbolQuery, generation: Int64, engine: QueryEngine) throws(StoreError) -> [SymbolMatch] {
    enter(generation)
    let key = "s\(generation)|\(query)"
    if case .symbols(let hit)? = cache.value(for: key) { return hit }
    let matches = try engine.symbols(query)
    cache.set(.symbols(matches), for: key, cost: Self.cost(matches) + key.utf8.count)
    return matches
  }

  public func outline(path: String, generation: Int64, engine: QueryEngine) throws(StoreError) -> FileIndex? {
    enter(generation)
    let key = "o\(generation)|\(path)"
    if case .outline(let hit)? = cache.value(for: key) { return hit }
    let outline = try engine.outline(path: path)
    cache.set(.outline(outline), for: key, cost: Self.cost(outline?.symbols ?? []) + key.utf8.count)
    return outline
  }

  /// An estimate of the bytes an answer holds: strings plus fixed per-symbol overhead.
  private static func cost(_ matches: [SymbolMatch]) -> Int {
    matches.reduce(64) { $0 + 96 + $1.path.utf8.count + cost($1.symbol) }
  }

  private static func cost(_ symbols: [Symbol]) -> Int {
    symbols.reduce(64) { $0 + 80 + cost($1) }
  }

  private static func cost(_ s: Symbol) -> Int {
    s.name.utf8.count + s.container.utf8.count + s.signature.utf8.count
  }
}
