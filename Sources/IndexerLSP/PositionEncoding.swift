import IndexerModel
import IndexerQuery

/// Converts between the index's positions (1-based line, 1-based UTF-8 byte column) and LSP's (0-based
/// line, 0-based column in the negotiated encoding). UTF-8 needs no file; UTF-16 reads each file once per
/// request (`files` caches them, and the session places names from the same copies) and counts code units
/// on the line.
struct PositionEncoding {
  enum Unit: String {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
  }

  let unit: Unit
  let root: String
  private var files: [String: SourceText?] = [:]
  /// The server's copies kept between requests, while each file on disk stays the same.
  private let sources: SourceTextCache?

  init(unit: Unit, root: String, sources: SourceTextCache? = nil) {
    self.unit = unit
    self.root = root
    self.sources = sources
  }

  /// The client's choice: UTF-8 when it offers it, else UTF-16 (the protocol's default).
  static func negotiate(_ offered: [String]?) -> Unit {
    offered?.contains("utf-8") == true ? .utf8 : .utf16
  }

  mutating func lspPosition(_ position: SourcePosition, path: String) -> Position {
    let line = max(0, position.line - 1)
    switch unit {
    case .utf8:
      return Position(line: line, character: max(0, position.column - 1))
    case .utf16:
      guard let text = source(path) else { return Position(line: line, character: max(0, position.column - 1)) }
      return Position(line: line, character: text.utf16Offset(line: position.line, byteColumn: position.column))
    }
  }

  mutating func sourcePosition(_ position: Position, path: String) -> SourcePosition {
    let line = max(0, position.line) &+ 1
    switch unit {
    case .utf8:
      return SourcePosition(line: line, column: max(0, position.character) &+ 1)
    case .utf16:
      guard let text = source(path) else { return SourcePosition(line: line, column: max(0, position.character) &+ 1) }
      return SourcePosition(line: line, column: text.byteColumn(line: line, utf16Offset: position.character))
    }
  }

  /// The range of a name that starts at `start` and is `length` bytes long (names never span lines).
  mutating func nameRange(_ start: SourcePosition, length: Int, path: String) -> TextRange {
    TextRange(
      start: lspPosition(start, path: path),
      end: lspPosition(SourcePosition(line: start.line, column: start.column &+ length), path: path))
  }

  mutating func range(_ range: SourceRange, path: String) -> TextRange {
    TextRange(start: lspPosition(range.start, path: path), end: lspPosition(range.end, path: path))
  }

  /// The file as it is on disk, read once per request whoever asks (column conversion or name placement).
  mutating func source(_ path: String) -> SourceText? {
    if let cached = files[path] { return cached }
    let text = if let sources { sources.text(root: root, path: path) } else { SourceText(root: root, path: path) }
    files[path] = text
    return text
  }
}
