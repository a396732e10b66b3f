import IndexerModel

/// A `query symbol` request: the name, how to match it, and the filters.
public struct SymbolQuery: Sendable, Hashable {
  public enum Mode: Sendable, Hashable {
    case exact
    case prefix
    /// Ranked as people search (`NameTier`): the name, then names it starts, hump initials (`gfb` →
    /// `getFooBar`), names holding it, and names holding its letters in order; within a tier types and
    /// functions first, code before tests, shallower paths first.
    case fuzzy
    /// Names holding it, ignoring case, ranked as `fuzzy` ranks them (no initials, no scattered letters).
    case contains
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
