import IndexerModel

/// A `query symbol` request: the name, how to match it, and the filters.
public struct SymbolQuery: Sendable, Hashable {
  public enum Mode: Sendable, Hashable {
    case exact
    case prefix
    /// The letters of the name in order, not necessarily adjacent; best matches first.
    case fuzzy
  }

  public var name: String
  public var mode: Mode
  public var ignoreCase: Bool
  public var kinds: [SymbolKind]
  public var languages: [Language]
  public var pathGlob: String?
  public var limit: Int?

  public init(
    name: String, mode: Mode = .exact, ignoreCase: Bool = false, kinds: [SymbolKind] = [], languages: [Language] = [],
    pathGlob: String? = nil, limit: Int? = nil
  ) {
    self.name = name
    self.mode = mode
    self.ignoreCase = ignoreCase
    self.kinds = kinds
    self.languages = languages
    self.pathGlob = pathGlob
    self.limit = limit
  }
}
