import IndexerModel

/// One definition of a file with the definitions nested in it: the shape editors show as a document outline.
public struct OutlineNode: Sendable, Hashable {
  public var symbol: Symbol
  public var children: [OutlineNode]

  public init(symbol: Symbol, children: [OutlineNode] = []) {
    self.symbol = symbol
    self.children = children
  }
}

extension FileIndex {
  /// The outline as nested nodes, built without recursion. Nesting deeper than `maxDepth` is attached at
  /// `maxDepth`, so a pathological file cannot make the tree (or whoever walks or encodes it
  /// recursively) arbitrarily deep. A parent index that does not point backwards makes a root.
  public func tree(maxDepth: Int = 48) -> [OutlineNode] {
    let (roots, children) = shape(maxDepth: maxDepth)
    // Children come after their parent in pre-order, so building from the end finds them done.
    var built = [OutlineNode?](repeating: nil, count: symbols.count)
    for i in stride(from: symbols.count - 1, through: 0, by: -1) {
      var node = OutlineNode(symbol: symbols[i])
      node.children = children[i].compactMap { child in
        defer { built[child] = nil }
        return built[child]
      }
      built[i] = node
    }
    return roots.compactMap { built[$0] }
  }

  /// The outline's nesting as indexes into `symbols`: the file-level ones, and each one's children, in source
  /// order, nesting deeper than `maxDepth` attached at `maxDepth` (as `tree` does). For a writer that walks
  /// the symbols in place instead of building nodes (a large header's outline has 18,000).
  public func shape(maxDepth: Int = 48) -> (roots: [Int], children: [[Int]]) {
    let count = symbols.count
    var parent = [Int](repeating: -1, count: count)
    var depth = [Int](repeating: 0, count: count)
    for i in 0..<count {
      guard i < parents.count else { break }
      var p = parents[i]
      guard p >= 0, p < i else { continue }
      if depth[p] + 1 >= maxDepth { p = parent[p] }
      parent[i] = p
      depth[i] = p < 0 ? 0 : depth[p] + 1
    }
    var children = [[Int]](repeating: [], count: count)
    var roots: [Int] = []
    for i in 0..<count {
      if parent[i] < 0 { roots.append(i) } else { children[parent[i]].append(i) }
    }
    return (roots, children)
  }
}
