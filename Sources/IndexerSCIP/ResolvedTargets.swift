import IndexerModel
import IndexerQuery
import IndexerStore

/// What the SCIP export asks of resolution: a use's definition by the language's rules (one resolver for
/// the whole export, its decoded files bounded), and the SCIP symbol of a definition in another file, whose
/// keys are computed from that file's outline once and kept for the next `keptFiles` files asked.
struct ResolvedTargets {
  private let engine: QueryEngine
  private let resolver: NameResolver
  private var keysByPath: [String: [Symbol: String]] = [:]
  static let keptFiles = 256

  init(engine: QueryEngine) {
    self.engine = engine
    resolver = NameResolver(source: engine)
  }

  /// The definition the rules reach; nil when they reach none (a guess by name is not theirs).
  func resolve(name: String, path: String, at position: SourcePosition) -> ResolvedDefinition? {
    guard let found = try? resolver.resolve(name: name, path: path, at: position), found.resolution != .name else { return nil }
    return found
  }

  /// The SCIP symbol of an outline definition: from the asking file's own keys, else its file's.
  mutating func key(of match: SymbolMatch, ownPath: String, own: [Symbol: String]) -> String? {
    if match.path == ownPath { return own[match.symbol] }
    if keysByPath[match.path] == nil {
      guard let outline = try? engine.outline(path: match.path) else { return nil }
      if keysByPath.count >= Self.keptFiles { keysByPath.removeAll(keepingCapacity: true) }
      keysByPath[match.path] = Self.keysBySymbol(outline.symbols, SCIPExporter.keys(path: match.path, index: outline).symbols)
    }
    return keysByPath[match.path]?[match.symbol]
  }

  static func keysBySymbol(_ symbols: [Symbol], _ keys: [String]) -> [Symbol: String] {
    var bySymbol: [Symbol: String] = [:]
    for (symbol, key) in zip(symbols, keys) where bySymbol[symbol] == nil { bySymbol[symbol] = key }
    return bySymbol
  }
}
