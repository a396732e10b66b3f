import IndexerModel
import IndexerStore

/// Places occurrences of one name in a file's outline: the enclosing definition, and whether the
/// occurrence is a definition's own name — the first occurrence of the name inside that definition's range.
struct ReferenceResolver {
  let outline: OutlineSkeleton
  private var definitionAt: [SourcePosition: Int] = [:]
  private var qualified: [Int: String] = [:]

  init(outline: OutlineSkeleton, name: [UInt8], positions: [SourcePosition]) {
    self.outline = outline
    for i in outline.entries.indices where outline.nameEquals(i, name) {
      let range = outline.entries[i].range
      if let first = positions.first(where: { $0 >= range.start && $0 <= range.end }), definitionAt[first] == nil {
        definitionAt[first] = i
      }
    }
  }

  mutating func resolve(_ position: SourcePosition) -> (definition: Symbol?, container: String, enclosing: OutlineSkeleton.Entry?) {
    if let i = definitionAt[position] {
      let symbol = outline.symbol(i, &qualified)
      let parent = outline.entries[i].parent
      return (symbol, symbol.container, parent >= 0 && parent < outline.entries.count ? outline.entries[parent] : nil)
    }
    // The innermost enclosing symbol is the last one in pre-order whose range holds the position.
    var innermost: Int?
    for (i, entry) in outline.entries.enumerated() where entry.range.start <= position && position <= entry.range.end {
      innermost = i
    }
    return (nil, innermost.map { outline.qualifiedName($0, &qualified) } ?? "", innermost.map { outline.entries[$0] })
  }
}
