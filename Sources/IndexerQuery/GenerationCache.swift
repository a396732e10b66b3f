/// Answers kept for one index generation, by key: a server is asked the same thing again and again, and a
/// commit (a new generation) empties it. Bounded by a weight summed over what it keeps (occurrences,
/// definitions); the first kept go first, and a value heavier than the whole bound is not kept.
struct GenerationCache<Value> {
  let maximumWeight: Int
  private let weight: (Value) -> Int
  private var generation: Int64?
  private var kept: [String: Value] = [:]
  /// Keys in the order they were kept, oldest first.
  private var order: [String] = []
  private var total = 0

  init(maximumWeight: Int, weight: @escaping (Value) -> Int) {
    self.maximumWeight = maximumWeight
    self.weight = weight
  }

  /// What was kept for `key` at `generation`, if anything.
  func value(for key: String, generation: Int64) -> Value? {
    generation == self.generation ? kept[key] : nil
  }

  mutating func keep(_ value: Value, for key: String, generation: Int64) {
    if generation != self.generation {
      kept.removeAll()
      order.removeAll()
      total = 0
      self.generation = generation
    }
    let size = weight(value)
    guard size <= maximumWeight, kept[key] == nil else { return }
    while total + size > maximumWeight, !order.isEmpty {
      total -= kept.removeValue(forKey: order.removeFirst()).map(weight) ?? 0
    }
    kept[key] = value
    order.append(key)
    total += size
  }
}
