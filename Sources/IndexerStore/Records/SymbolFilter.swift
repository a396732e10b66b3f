import IndexerModel

/// How a symbol query matches names; each case is served by an index (see Schema/0001_initial.sql).
public enum NameMatch: Sendable, Hashable {
  case exact(String)
  case prefix(String)
  case exactIgnoringCase(String)
  case prefixIgnoringCase(String)
  /// Any of these exact names (the fuzzy matcher's shortlist).
  case anyOf([String])
}

/// A symbol query as the store runs it: the name match plus filters, in a stable order.
public struct SymbolFilter: Sendable, Hashable {
  public var match: NameMatch
  public var kinds: [SymbolKind]
  public var languages: [Language]
  /// SQLite GLOB on the relative path (`*` also matches `/`).
  public var pathGlob: String?
  public var limit: Int?
  /// Whether rows come in path/line order, as every listing prints them. Without, they come in the name
  /// index's order and a limit cuts there: no read of every definition of a common name to sort it first
  /// (what a ranked search wants, which orders the rows itself).
  public var inPathOrder = true

  public init(match: NameMatch, kinds: [SymbolKind] = [], languages: [Language] = [], pathGlob: String? = nil, limit: Int? = nil) {
    self.match = match
    self.kinds = kinds
    self.languages = languages
    self.pathGlob = pathGlob
    self.limit = limit
  }
}
