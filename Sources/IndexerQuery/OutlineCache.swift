import IndexerModel

/// The outlines asked for last, kept for one index generation: an editor asks for the same file's outline
/// again and again (documentSymbol on every focus and after every save, breadcrumbs), and decoding a large
/// header's 18,000 definitions was a fifth of such a request. Bounded by the definitions held; the first
/// kept go first; a commit (a new generation) empties it.
struct OutlineCache {
  /// Definitions kept at most, over every file (a few hundred bytes each with their strings: ~10 MB).
  static let maximumSymbols = 50_000

  private var generation: Int64?
  private var kept: [String: FileIndex] = [:]
  /// Paths in the order they were kept, oldest first.
  private var order: [String] = []
  private var count = 0

  /// The outline of `path` as read at `generation`, if kept.
  func outline(of path: String, generation: Int64) -> FileIndex? {
    generation == self.generation ? kept[path] : nil
  }

  mutating func keep(_ outline: FileIndex, of path: String, generation: Int64) {
    if generation != self.generation {
      kept.removeAll()
      order.removeAll()
      count = 0
      self.generation = generation
    }
    let size = outline.symbols.count
    guard size <= Self.maximumSymbols, kept[path] == nil else { return }
    while count + size > Self.maximumSymbols, !order.isEmpty {
      count -= kept.removeValue(forKey: order.removeFirst())?.symbols.count ?? 0
    }
    kept[path] = outline
    order.append(path)
    count += size
  }
}
