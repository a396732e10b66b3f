import IndexerModel

/// What a change touches: the definitions whose lines changed, and who calls them.
extension QueryEngine {
  /// One changed definition and the lines of it that changed.
  public struct ChangedDefinition: Sendable, Hashable {
    public var symbol: SymbolMatch
    public var lines: [ClosedRange<Int>]
  }

  /// The innermost definition around each changed line of each indexed file (a line outside every
  /// definition is left out), in path and line order.
  public func changedDefinitions(_ changes: ChangedLines) throws(StoreError) -> [ChangedDefinition] {
    var found: [ChangedDefinition] = []
    for path in changes.files.keys.sorted() {
      guard let outline = try outline(path: path) else { continue }
      var byStart: [Int: Int] = [:]
      for range in changes.files[path] ?? [] {
        for symbol in Self.innermost(outline.symbols, overlapping: range) {
          let match = SymbolMatch(symbol: symbol, path: path, language: outline.language)
          let key = symbol.range.start.line << 20 | min(symbol.range.start.column, 1 << 19)
          if let at = byStart[key] {
            found[at].lines.append(range)
          } else {
            byStart[key] = found.count
            found.append(ChangedDefinition(symbol: match, lines: [range]))
          }
        }
      }
    }
    return found
  }

  /// The definitions a line range touches, innermost only (a method, not also its class).
  private static func innermost(_ symbols: [Symbol], overlapping range: ClosedRange<Int>) -> [Symbol] {
    let touching = symbols.filter { $0.range.start.line <= range.upperBound && range.lowerBound <= $0.range.end.line }
    return touching.filter { outer in
      !touching.contains { inner in
        inner != outer && outer.range.start <= inner.range.start && inner.range.end <= outer.range.end
          && (inner.range.start.line...inner.range.end.line).overlaps(range)
          && !(inner.range.start == outer.range.start && inner.range.end == outer.range.end)
      }
    }
  }
}
