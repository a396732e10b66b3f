/// A position in a file: 1-based line, 1-based column counted in UTF-8 bytes (as ctags and LSP's utf-8 mode do).
public struct SourcePosition: Sendable, Hashable, Comparable, Codable {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }
}

/// The span of a definition, from its first token (not attributes or comments) to its last.
public struct SourceRange: Sendable, Hashable, Codable {
  public var start: SourcePosition
  public var end: SourcePosition

  public init(start: SourcePosition, end: SourcePosition) {
    self.start = start
    self.end = end
  }
}
