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
  public var access: String?
  public var isStatic: Bool

  private enum CodingKeys: String, CodingKey {
    case name, kind, language, path, line, column, endLine, endColumn, container, signature, access
    case isStatic = "static"
  }

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
    access = s.access?.rawValue
    isStatic = s.isStatic
  }

  /// The definition back as a match; nil when a kind, language or access level is not one this build knows.
  public var match: SymbolMatch? {
    guard let kind = SymbolKind(rawValue: kind), let language = Language(rawValue: language) else { return nil }
    var level: AccessLevel?
    if let access {
      guard let known = AccessLevel(rawValue: access) else { return nil }
      level = known
    }
    let symbol = Symbol(
      name: name, kind: kind, container: container,
      range: SourceRange(
        start: SourcePosition(line: line, column: column), end: SourcePosition(line: endLine, column: endColumn)),
      signature: signature, access: level, isStatic: isStatic)
    return SymbolMatch(symbol: symbol, path: path, language: language)
  }
}

/// A file's whole outline as it is stored: definitions in pre-order and the index of each one's parent (-1 at file level).
public struct FileOutlineRecord: Codable, Sendable, Hashable {
  public var language: String
  public var parents: [Int]
  public var symbols: [SymbolRecord]

  public init(_ outline: FileIndex, path: String) {
    language = outline.language.rawValue
    parents = outline.parents
    symbols = outline.symbols.map { SymbolRecord(SymbolMatch(symbol: $0, path: path, language: outline.language)) }
  }

  /// The outline back; nil unless every parent points at an earlier definition (or is -1) and every symbol decodes.
  public var fileIndex: FileIndex? {
    guard let language = Language(rawValue: language), parents.count == symbols.count else { return nil }
    var index = FileIndex(language: language)
    for (position, (record, parent)) in zip(symbols, parents).enumerated() {
      guard parent >= -1, parent < position, let match = record.match else { return nil }
      index.append(match.symbol, parent: parent)
    }
    return index
  }
}

/// One occurrence of a name, in the one shape every front end answers with: `query refs --json` and
/// `query refs --at … --json` write it through `jsonLine`, MCP's `find_references` encodes it. The fields
/// are `query symbol --json`'s, with kind "reference" and no signature for a plain use, and how the
/// occurrence was tied to the name (`resolution`: `name` for a name search).
public struct ReferenceRecord: Codable, Sendable, Hashable {
  public var name: String
  public var kind: String
  public var language: String
  public var path: String
  public var line: Int
  public var column: Int
  public var endLine: Int
  public var endColumn: Int
  /// The innermost definition around the occurrence, qualified; "" at file level.
  public var container: String
  public var signature: String
  public var access: String?
  public var isStatic: Bool
  public var isDefinition: Bool
  public var resolution: String

  private enum CodingKeys: String, CodingKey {
    case name, kind, language, path, line, column, endLine, endColumn, container, signature, access
    case isStatic = "static"
    case isDefinition, resolution
  }

  /// `name` is the name searched for or resolved: a plain use's span is that many bytes from its start.
  public init(_ match: ReferenceMatch, name: String, resolution: Resolution = .name) {
    let definition = match.definition
    self.name = definition?.name ?? name
    kind = definition?.kind.rawValue ?? "reference"
    language = match.language.rawValue
    path = match.path
    line = match.position.line
    column = match.position.column
    endLine = line
    let (end, overflow) = column.addingReportingOverflow(self.name.utf8.count)
    endColumn = overflow ? Int.max : end
    container = definition?.container ?? match.container
    signature = definition?.signature ?? ""
    access = definition?.access?.rawValue
    isStatic = definition?.isStatic ?? false
    isDefinition = match.isDefinition
    self.resolution = resolution.rawValue
  }

  /// `access` is written as null when absent, as `jsonLine` writes it, so both shapes have the same keys.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try forEachField({ try c.encode($1, forKey: $0) }, { try c.encode($1, forKey: $0) }, { try c.encode($1, forKey: $0) })
  }

  public init(_ reference: ResolvedReference, name: String) {
    self.init(reference.match, name: name, resolution: reference.resolution)
  }

  /// The record as one line of `--json` output, fields in the order Codable writes them: written by hand
  /// because `query refs` prints thousands of these and an encoder per line costs as much as the query.
  public var jsonLine: String {
    var o = JSONObject()
    forEachField({ o.add($0.stringValue, $1) }, { o.add($0.stringValue, $1) }, { o.add($0.stringValue, $1) })
    return o.text
  }

  /// Every field in order, by the shape of its value: the one list `encode(to:)` and `jsonLine` both write.
  private func forEachField(
    _ text: (CodingKeys, String?) throws -> Void, _ number: (CodingKeys, Int) throws -> Void, _ flag: (CodingKeys, Bool) throws -> Void
  ) rethrows {
    try text(.name, name)
    try text(.kind, kind)
    try text(.language, language)
    try text(.path, path)
    try number(.line, line)
    try number(.column, column)
    try number(.endLine, endLine)
    try number(.endColumn, endColumn)
    try text(.container, container)
    try text(.signature, signature)
    try text(.access, access)
    try flag(.isStatic, isStatic)
    try flag(.isDefinition, isDefinition)
    try text(.resolution, resolution)
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
  /// The definitions directly inside it, all of them whether listed or not.
  public var childCount: Int
  /// Its children were left out to fit the answer (`file_outline` with `container` lists them).
  public var collapsed: Bool
  public var children: [OutlineRecord]

  public init(_ node: OutlineNode) {
    name = node.symbol.name
    kind = node.symbol.kind.rawValue
    line = node.symbol.range.start.line
    column = node.symbol.range.start.column
    endLine = node.symbol.range.end.line
    signature = node.symbol.signature
    childCount = node.children.count
    collapsed = false
    // Recursion depth is bounded by the cap `FileIndex.tree` puts on nesting.
    children = node.children.map(OutlineRecord.init)
  }

  /// The same definition with its children left out (counted in `childCount`).
  public var folded: OutlineRecord {
    var record = self
    record.children = []
    record.collapsed = childCount > 0
    return record
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

/// A use's definition as front ends send it: where the defining name is, what it is, and how it was found.
public struct DefinitionRecord: Codable, Sendable, Hashable {
  public var name: String
  /// The outline kind (`method`, `class`, …), or what binds the name when the outline has no symbol for it
  /// (`parameter`, `local`, `import`, `module`, …).
  public var kind: String
  public var path: String
  /// The defining name's first byte (1-based, UTF-8 columns).
  public var line: Int
  public var column: Int
  public var container: String
  public var signature: String
  /// `local`, `import`, `member`, `scope` or `name`.
  public var resolution: String

  public init(_ answer: ResolvedDefinition) {
    name = answer.name
    kind = answer.symbol?.symbol.kind.rawValue ?? answer.bindingKind
    path = answer.path
    line = answer.position.line
    column = answer.position.column
    container = answer.symbol?.symbol.container ?? ""
    signature = answer.symbol?.symbol.signature ?? ""
    resolution = answer.resolution.rawValue
  }
}

/// One node of a call tree (MCP `find_callers`/`find_callees`): the function, how it is tied, where the calls
/// stand (in the calling function's file), and its own callers or callees one level further.
public struct HierarchyTreeRecord: Codable, Sendable, Hashable {
  public struct Site: Codable, Sendable, Hashable {
    public var line: Int
    public var column: Int
  }

  public var symbol: SymbolRecord
  public var resolution: String
  public var calls: [Site]
  /// Nodes below this one in the answer.
  public var descendants: Int
  /// Its links were cut by the node budget, or it is already expanded above (recursion).
  public var truncated: Bool
  public var links: [HierarchyTreeRecord]

  /// Recursion is as deep as the tree: at most `QueryEngine.maximumCallDepth`.
  public init(_ tree: HierarchyTree) {
    symbol = SymbolRecord(tree.link.symbol)
    resolution = tree.link.resolution.rawValue
    calls = tree.link.sites.map { Site(line: $0.line, column: $0.column) }
    descendants = tree.count - 1
    truncated = tree.truncated
    links = tree.children.map(HierarchyTreeRecord.init)
  }
}

