import IndexerModel
import IndexerStore

/// Questions that start from a place in a file — what is under the cursor, where is it defined, who
/// mentions it — for the editor and agent front ends. Every decision about what such an answer contains is
/// made here, so `indexer lsp`, `indexer mcp` and the CLI agree.
extension QueryEngine {
  /// The file as it is on disk now (nil when unreadable).
  public func source(path: String) -> SourceText? {
    root.flatMap { SourceText(root: $0, path: path) }
  }

  /// The language the index recorded for `path`, from its name when the index lacks it.
  public func language(of path: String) -> String {
    ((try? outline(path: path))??.language ?? Language(fileName: path))?.rawValue ?? ""
  }

  /// The identifier at a 1-based line and byte column of `path`, read from the file on disk.
  public func identifier(path: String, at position: SourcePosition) -> (name: String, start: SourcePosition)? {
    source(path: path)?.identifier(at: position)
  }

  /// The definitions of the identifier at `position`, nearest first (`DefinitionNearness`); the store's
  /// path/line order among equals. Empty when no identifier is there.
  public func definitions(path: String, at position: SourcePosition, limit: Int = definitionLimit) throws(StoreError) -> [SymbolMatch] {
    guard let (name, _) = identifier(path: path, at: position) else { return [] }
    let matches = try symbols(SymbolQuery(name: name, limit: Self.definitionLimit))
    let outline = try outline(path: path)
    let here = outline.map { Self.enclosingContainers($0, at: position) } ?? []
    let language = outline?.language
    let ranked = matches.enumerated().map { (offset: $0.offset, element: $0.element, nearness: DefinitionNearness(
      candidate: $0.element.path, container: $0.element.symbol.container, language: $0.element.language, from: path, enclosing: here,
      asking: language)) }
      .sorted { a, b in a.nearness != b.nearness ? a.nearness < b.nearness : a.offset < b.offset }
    return ranked.prefix(max(0, limit)).map(\.element)
  }

  /// Every occurrence of the identifier at `position` (see `references(_:)`); with
  /// `includeDeclaration` false, the occurrences that are the names of definitions are left out.
  public func references(
    path: String, at position: SourcePosition, includeDeclaration: Bool, limit: Int? = nil
  ) throws(StoreError) -> (name: String, matches: [ReferenceMatch])? {
    guard let (name, _) = identifier(path: path, at: position) else { return nil }
    var matches = try references(ReferenceFilter(name: name, limit: includeDeclaration ? limit : nil))
    if !includeDeclaration {
      matches.removeAll { $0.isDefinition }
      if let limit { matches = Array(matches.prefix(max(0, limit))) }
    }
    return (name, matches)
  }

  /// The file's definitions as a tree; nil when the file is not in the index.
  public func outlineTree(path: String) throws(StoreError) -> [OutlineNode]? {
    try outline(path: path)?.tree()
  }

  /// Symbols whose names fuzzily match `query`, best first, at most `limit` (an empty query matches nothing:
  /// a whole workspace is not a useful answer).
  public func workspaceSymbols(_ query: String, limit: Int) throws(StoreError) -> [SymbolMatch] {
    guard !query.isEmpty, limit > 0 else { return [] }
    return try symbols(SymbolQuery(name: query, mode: .fuzzy, limit: limit))
  }

  /// The definitions named exactly `name` (narrowed like `query symbol`), ranked as someone asking for one
  /// means it (`SearchOrder.ranked`): types and functions first, code before tests, public before private.
  public func rankedDefinitions(named name: String, kinds: [SymbolKind] = [], pathGlob: String? = nil, limit: Int = definitionLimit) throws(StoreError) -> [SymbolMatch] {
    Array(SearchOrder.ranked(try symbols(SymbolQuery(name: name, kinds: kinds, pathGlob: pathGlob, limit: Self.definitionLimit))).prefix(max(0, limit)))
  }

  /// The definition at a line of `path`: the innermost one starting on that line, else the innermost one
  /// spanning it; nil when the line is outside every definition or the file is not in the index.
  public func definition(path: String, line: Int) throws(StoreError) -> SymbolMatch? {
    guard let outline = try outline(path: path) else { return nil }
    let spanning = outline.symbols.filter { $0.range.start.line <= line && line <= $0.range.end.line }
    guard let best = spanning.last(where: { $0.range.start.line == line }) ?? spanning.last else { return nil }
    return SymbolMatch(symbol: best, path: path, language: outline.language)
  }

  /// The definition's text as the file holds it now, whole lines from its first to its last; nil when
  /// the file cannot be read or no longer has those lines.
  public func sourceText(of match: SymbolMatch) -> String? {
    source(path: match.path)?.text(lines: match.symbol.range)
  }

  /// The qualified names of the definitions enclosing `position` in `path`, innermost first.
  private static func enclosingContainers(_ outline: FileIndex, at position: SourcePosition) -> [String] {
    var names: [String] = []
    for symbol in outline.symbols where symbol.range.start <= position && position.line <= symbol.range.end.line {
      names.append(symbol.qualifiedName)
    }
    return names.reversed()
  }
}
