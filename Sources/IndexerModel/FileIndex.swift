/// What extraction learns from one file: its definitions in source order, and the tree they form.
///
/// The outline (the declaration tree) is `symbols` in pre-order plus `parents`: `parents[i]` is the
/// index of the symbol that encloses `symbols[i]`, or -1. Keeping the tree as two flat arrays makes
/// it cheap to encode and lets the same array feed the symbol rows.
public struct FileIndex: Sendable, Hashable {
  public var language: Language
  public var symbols: [Symbol]
  public var parents: [Int]
  /// Identifier occurrences (not only of the definitions above); empty where a reader does not collect them.
  public var references: FileReferences
  /// Scopes, bindings and imports for resolving uses; empty where a reader does not record them yet.
  public var scopes: FileScopes

  public init(
    language: Language, symbols: [Symbol] = [], parents: [Int] = [], references: FileReferences = FileReferences(),
    scopes: FileScopes = FileScopes()
  ) {
    precondition(symbols.count == parents.count, "every symbol needs a parent entry")
    self.language = language
    self.symbols = symbols
    self.parents = parents
    self.references = references
    self.scopes = scopes
  }

  /// Appends a symbol under `parent` (-1 for file level) and returns its index.
  @discardableResult
  public mutating func append(_ symbol: Symbol, parent: Int) -> Int {
    symbols.append(symbol)
    parents.append(parent)
    return symbols.count - 1
  }

  /// The indexes of the symbols directly under `parent` (-1 for file level), in source order.
  public func children(of parent: Int) -> [Int] {
    parents.indices.filter { parents[$0] == parent }
  }
}
