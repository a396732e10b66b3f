import IndexerModel
import IndexerStore

// Answers as Codable values with the field names of `query ... --json`, for front ends that send JSON
// (MCP's structured content): they encode these, never assemble JSON by hand.

/// A definition: where, what, inside what.
public struct SymbolRecord: Codable, Sendable, Hashable {
  public var name: String
  public var kind: String
  public var language: String
  public var path: String
  public var line: Int
  public var column: Int
  public var endLine: Int
  public var endColumn: Int
  public var container: String
  public var signature: String

  public init(_ match: SymbolMatch) {
    let s = match.symbol
    name = s.name
    kind = s.kind.rawValue
    language = match.language.rawValue
    path = match.path
    line = s.range.start.line
    column = s.range.start.column
    endLine = s.range.end.line
    endColumn = s.range.end.column
    container = s.container
    signature = s.signature
  }
}

/// One occurrence of a name.
public struct ReferenceRecord: Codable, Sendable, Hashable {
  public var path: String
  public var language: String
  public var line: Int
  public var column: Int
  /// The innermost definition around the occurrence, qualified; "" at file level.
  public var container: String
  public var isDefinition: Bool

  public init(_ match: ReferenceMatch) {
    path = match.path
    language = match.language.rawValue
    line = match.position.line
    column = match.position.column
    container = match.container
    isDefinition = match.isDefinition
  }
}

/// A definition with the definitions nested in it (depth already capped by `FileIndex.tree`).
public struct OutlineRecord: Codable, Sendable, Hashable {
  public var name: String
  public var kind: String
  public var line: Int
  public var column: Int
  public var endLine: Int
  public var signature: String
  public var children: [OutlineRecord]

  public init(_ node: OutlineNode) {
    name = node.symbol.name
    kind = node.symbol.kind.rawValue
    line = node.symbol.range.start.line
    column = node.symbol.range.start.column
    endLine = node.symbol.range.end.line
    signature = node.symbol.signature
    // Recursion depth is bounded by the cap `FileIndex.tree` puts on nesting.
    children = node.children.map(OutlineRecord.init)
  }
}

/// A file the index knows.
public struct FileRecord: Codable, Sendable, Hashable {
  public var path: String
  public var language: String
  public var status: String
  public var symbols: Int

  public init(_ file: FileSummary) {
    path = file.path
    language = file.language.rawValue
    status = file.status.rawValue
    symbols = file.symbols
  }
}
