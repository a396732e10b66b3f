/// One entry of the symbol-level change feed: a definition a commit added, removed or changed.
public struct SymbolChange: Sendable, Hashable, Codable {
  public enum Change: String, Sendable, Hashable, Codable {
    case added, removed, changed
  }

  public var generation: Int64
  public var path: String
  public var name: String
  public var kind: String
  public var container: String
  public var change: Change
  /// The definition's line: where it is now (added, changed), where it was (removed).
  public var line: Int
  public var signature: String

  public init(
    generation: Int64, path: String, name: String, kind: String, container: String, change: Change, line: Int, signature: String
  ) {
    self.generation = generation
    self.path = path
    self.name = name
    self.kind = kind
    self.container = container
    self.change = change
    self.line = line
    self.signature = signature
  }
}
