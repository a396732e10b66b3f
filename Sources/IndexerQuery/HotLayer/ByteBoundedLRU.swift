import Synchronization

/// What the hot layer reports: hits, misses, evictions, bytes held, entries, and the byte limit.
public struct HotLayerCounters: Sendable, Equatable {
  public var hits = 0
  public var misses = 0
  public var evictions = 0
  public var bytes = 0
  public var entries = 0
  public var limit = 0
}

/// A least-recently-used cache bounded in bytes, not entries, shared by the service's client threads.
///
/// Values carry their own size estimate. Each operation is O(1): a dictionary into a doubly linked list
/// kept in arrays (no per-entry allocation). Counters feed `indexer stats`.
public final class ByteBoundedLRU<Value: Sendable>: Sendable {
  public typealias Counters = HotLayerCounters

  private struct Node {
    var key: String
    var value: Value?
    var cost: Int
    var previous: Int
    var next: Int
  }

  private struct State {
    var index: [String: Int] = [:]
    var nodes: [Node] = []
    var free: [Int] = []
    var head = -1  // most recent
    var tail = -1  // least recent
    var counters = Counters()
  }

  private let state: Mutex<State>
  public let limit: Int

  public init(limitBytes: Int) {
    limit = max(0, limitBytes)
    var initial = State()
    initial.counters.limit = limit
    state = Mutex(initial)
  }

  public var counters: Counters { state.withLock { $0.counters } }

  public func value(for key: String) -> Value? {
    state.withLock { s in
      guard let i = s.index[key] else {
        s.counters.misses += 1
        return nil
      }
      s.counters.hits += 1
      Self.unlink(i, &s)
      Self.pushFront(i, &s)
      return s.nodes[i].value
    }
  }

  /// Stores a value; one larger than the whole limit is not kept.
  public func set(_ value: Value, for key: String, cost: Int) {
    state.withLock { s in
      if let i = s.index[key] {
        s.counters.bytes -= s.nodes[i].cost
        Self.unlink(i, &s)
        Self.release(i, &s)
      }
      guard cost <= limit else { return }
      while s.counters.bytes + cost > limit, s.tail >= 0 {
        let victim = s.tail
        s.counters.bytes -= s.nodes[victim].cost
        s.counters.evictions += 1
        Self.unlink(victim, &s)
        Self.release(victim, &s)
      }
      let node = Node(key: key, value: value, cost: cost, previous: -1, next: -1)
      let i: Int
      if let reused = s.free.popLast() {
        s.nodes[reused] = node
        i = reused
      } else {
        s.nodes.append(node)
        i = s.nodes.count - 1
      }
      s.index[key] = i
      s.counters.bytes += cost
      Self.pushFront(i, &s)
      s.counters.entries = s.index.count
    }
  }

  /// Drops every entry and the storage behind them (counters of hits, misses and evictions stay).
  public func removeAll() {
    state.withLock { s in
      let counters = s.counters
      s = State()
      s.counters = counters
      s.counters.bytes = 0
      s.counters.entries = 0
    }
  }

  private static func unlink(_ i: Int, _ s: inout State) {
    let (p, n) = (s.nodes[i].previous, s.nodes[i].next)
    if p >= 0 { s.nodes[p].next = n } else { s.head = n }
    if n >= 0 { s.nodes[n].previous = p } else { s.tail = p }
    s.nodes[i].previous = -1
    s.nodes[i].next = -1
  }

  private static func pushFront(_ i: Int, _ s: inout State) {
    s.nodes[i].next = s.head
    if s.head >= 0 { s.nodes[s.head].previous = i }
    s.head = i
    if s.tail < 0 { s.tail = i }
  }

  private static func release(_ i: Int, _ s: inout State) {
    s.index[s.nodes[i].key] = nil
    s.nodes[i].value = nil
    s.free.append(i)
    s.counters.entries = s.index.count
  }
}
