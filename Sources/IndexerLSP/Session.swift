import Foundation
import IndexerModel
import IndexerQuery
import IndexerService

/// One initialized workspace: turns LSP requests into `QueryEngine` questions and the answers
/// back into LSP values. No query logic here: only URIs, positions and shapes.
final class Session {
  let root: String
  let databasePath: String
  let unit: PositionEncoding.Unit
  let service: EmbeddedService?
  let progress: ProgressReporter
  private let uris: DocumentURI
  private let engine: QueryEngine
  /// Files read to convert positions, kept between requests while they stay the same on disk.
  private let sources = SourceTextCache()

  init(root: String, databasePath: String, unit: PositionEncoding.Unit, service: EmbeddedService?, progress: ProgressReporter) {
    self.root = root
    self.databasePath = databasePath
    self.unit = unit
    self.service = service
    self.progress = progress
    uris = DocumentURI(root: root)
    engine = QueryEngine(awaiting: databasePath, root: root)
    engine.keepNamesFresh()
  }

  func startWatching() {
    service?.start()
  }

  // MARK: Requests

  func workspaceSymbols(_ query: String, limit: Int) throws(StoreError) -> [SymbolInformation]? {
    guard let navigator = try currentNavigator() else { return nil }
    var encoding = PositionEncoding(unit: unit, root: root, sources: sources)
    let matches = try navigator.workspaceSymbols(query, limit: limit)
    return matches.map { match in
      let range = nameRange(match, encoding: &encoding)
      return SymbolInformation(
        name: match.symbol.name, kind: match.symbol.kind.lspKind,
        location: Location(uri: uris.uri(forRelativePath: match.path), range: range),
        containerName: match.symbol.container.isEmpty ? nil : match.symbol.container)
    }
  }

  func definition(_ params: TextDocumentPositionParams) throws(StoreError) -> [Location]? {
    guard let navigator = try currentNavigator(), let path = uris.relativePath(params.textDocument.uri) else { return nil }
    var encoding = PositionEncoding(unit: unit, root: root, sources: sources)
    let position = encoding.sourcePosition(params.position, path: path)
    // Only the resolved target when the rules reach one; the name search's candidates otherwise.
    let answers = try navigator.resolvedDefinitions(path: path, at: position)
    if answers.isEmpty { return nil }
    return answers.map { answer in
      let range =
        answer.resolution == .name
        ? answer.symbol.map { nameRange($0, encoding: &encoding) }
        : encoding.nameRange(answer.position, length: answer.name.utf8.count, path: answer.path)
      return Location(
        uri: uris.uri(forRelativePath: answer.path),
        range: range ?? encoding.nameRange(answer.position, length: answer.name.utf8.count, path: answer.path))
    }
  }

  func references(_ params: ReferenceParams) throws(StoreError) -> [Location]? {
    guard let navigator = try currentNavigator(), let path = uris.relativePath(params.textDocument.uri) else { return nil }
    var encoding = PositionEncoding(unit: unit, root: root, sources: sources)
    let position = encoding.sourcePosition(params.position, path: path)
    // The uses resolution ties to the definition there (Python); every occurrence of the name elsewhere.
    guard
      let (name, found) = try navigator.resolvedReferences(
        path: path, at: position, includeDeclaration: params.context?.includeDeclaration ?? true),
      !found.isEmpty
    else { return nil }
    let length = name.utf8.count
    return found.map(\.match).map { match in
      Location(uri: uris.uri(forRelativePath: match.path), range: encoding.nameRange(match.position, length: length, path: match.path))
    }
  }

  /// The file's outline as `DocumentSymbol`s, written straight from its flat symbols (`DocumentOutline`).
  func documentSymbols(_ uri: String) throws(StoreError) -> DocumentOutline? {
    guard let navigator = try currentNavigator(), let path = uris.relativePath(uri), let outline = try navigator.outline(path: path)
    else { return nil }
    var encoding = PositionEncoding(unit: unit, root: root, sources: sources)
    let source = encoding.source(path)
    let (roots, children) = outline.shape(maxDepth: DocumentOutline.maximumDepth)
    let ranges = outline.symbols.map { Self.ranges(of: $0, path: path, source: source, encoding: &encoding) }
    return DocumentOutline(symbols: outline.symbols, roots: roots, children: children, ranges: ranges)
  }

  func hover(_ params: TextDocumentPositionParams) throws(StoreError) -> Hover? {
    guard let navigator = try currentNavigator(), let path = uris.relativePath(params.textDocument.uri) else { return nil }
    var encoding = PositionEncoding(unit: unit, root: root, sources: sources)
    let position = encoding.sourcePosition(params.position, path: path)
    guard let (name, start) = navigator.identifier(path: path, at: position) else { return nil }
    let answers = try navigator.resolvedDefinitions(path: path, at: position, limit: 5)
    guard !answers.isEmpty else { return nil }
    // The resolution says whether the rules reached this definition or it is a guess by name.
    let sections = answers.map { answer in
      guard let match = answer.symbol else {
        return "```\(navigator.language(of: path))\n\(answer.name)\n```\n\(answer.bindingKind) — \(answer.path):\(answer.position.line) (resolution: \(answer.resolution.rawValue))"
      }
      let symbol = match.symbol
      let place = symbol.container.isEmpty ? "" : " in `\(symbol.container)`"
      let code = symbol.signature.isEmpty ? symbol.name : symbol.signature
      return "```\(match.language.rawValue)\n\(code)\n```\n\(symbol.kind.rawValue)\(place) — \(match.path):\(symbol.range.start.line) (resolution: \(answer.resolution.rawValue))"
    }
    return Hover(
      contents: MarkupContent(value: sections.joined(separator: "\n\n---\n\n")),
      range: encoding.nameRange(start, length: name.utf8.count, path: path))
  }

  // MARK: Helpers

  /// The name's range of a definition, found in the file's current text (the definition's start when not).
  /// The uses in this file of what the name under the cursor names: resolved, so a local's own uses only.
  func documentHighlights(_ params: TextDocumentPositionParams) throws(StoreError) -> [DocumentHighlight]? {
    guard let navigator = try currentNavigator(), let path = uris.relativePath(params.textDocument.uri) else { return nil }
    var encoding = PositionEncoding(unit: unit, root: root, sources: sources)
    let position = encoding.sourcePosition(params.position, path: path)
    guard let found = try navigator.highlights(path: path, at: position), let name = navigator.identifier(path: path, at: position)?.name
    else { return nil }
    let length = name.utf8.count
    return found.map { DocumentHighlight(range: encoding.nameRange($0.match.position, length: length, path: path)) }
  }

  // MARK: Call hierarchy

  /// The function at the place (its own name, or a use resolving to one), as the item the client expands.
  func prepareCallHierarchy(_ params: TextDocumentPositionParams) throws(StoreError) -> [CallHierarchyItem]? {
    guard let navigator = try currentNavigator(), let path = uris.relativePath(params.textDocument.uri) else { return nil }
    var encoding = PositionEncoding(unit: unit, root: root, sources: sources)
    let position = encoding.sourcePosition(params.position, path: path)
    guard let callable = try navigator.callable(path: path, at: position) else { return nil }
    return [item(callable, encoding: &encoding)]
  }

  /// The callers, each with the ranges of its calls in its own file; only uses the rules tie to the item.
  func incomingCalls(_ item: CallHierarchyItem) throws(StoreError) -> [CallHierarchyIncomingCall]? {
    guard let navigator = try currentNavigator(), let callee = try definition(of: item, navigator) else { return nil }
    var encoding = PositionEncoding(unit: unit, root: root, sources: sources)
    let length = callee.symbol.name.utf8.count
    return try navigator.incomingCalls(to: callee).map { link in
      CallHierarchyIncomingCall(
        from: self.item(link.symbol, encoding: &encoding),
        fromRanges: link.sites.map { encoding.nameRange($0, length: length, path: link.symbol.path) })
    }
  }

  /// The callees, each with the ranges of the item's calls to it, in the item's file.
  func outgoingCalls(_ item: CallHierarchyItem) throws(StoreError) -> [CallHierarchyOutgoingCall]? {
    guard let navigator = try currentNavigator(), let caller = try definition(of: item, navigator) else { return nil }
    var encoding = PositionEncoding(unit: unit, root: root, sources: sources)
    return try navigator.outgoingCalls(from: caller).map { link in
      CallHierarchyOutgoingCall(
        to: self.item(link.symbol, encoding: &encoding),
        fromRanges: link.sites.map { encoding.nameRange($0, length: link.symbol.symbol.name.utf8.count, path: caller.path) })
    }
  }

  // MARK: Type hierarchy

  /// The type at the place (its own name, or a use resolving to one).
  func prepareTypeHierarchy(_ params: TextDocumentPositionParams) throws(StoreError) -> [CallHierarchyItem]? {
    guard let navigator = try currentNavigator(), let path = uris.relativePath(params.textDocument.uri) else { return nil }
    var encoding = PositionEncoding(unit: unit, root: root, sources: sources)
    let position = encoding.sourcePosition(params.position, path: path)
    guard let type = try navigator.hierarchyType(path: path, at: position) else { return nil }
    return [item(type, encoding: &encoding)]
  }

  /// The item's direct supertypes or subtypes.
  func typeHierarchy(_ item: CallHierarchyItem, supertypes: Bool) throws(StoreError) -> [CallHierarchyItem]? {
    guard let navigator = try currentNavigator(), let type = try definition(of: item, navigator) else { return nil }
    var encoding = PositionEncoding(unit: unit, root: root, sources: sources)
    let links = supertypes ? try navigator.supertypes(of: type) : try navigator.subtypes(of: type)
    return links.map { self.item($0.symbol, encoding: &encoding) }
  }

  /// For a type, the types below it; for a method, the same-named members of those types.
  func implementation(_ params: TextDocumentPositionParams) throws(StoreError) -> [Location]? {
    guard let navigator = try currentNavigator(), let path = uris.relativePath(params.textDocument.uri) else { return nil }
    var encoding = PositionEncoding(unit: unit, root: root, sources: sources)
    let found = try navigator.implementations(path: path, at: encoding.sourcePosition(params.position, path: path))
    if found.isEmpty { return nil }
    return found.map { Location(uri: uris.uri(forRelativePath: $0.path), range: nameRange($0, encoding: &encoding)) }
  }

  /// A definition's whole lines (`range`) and its name (`selectionRange`), as documentSymbol and the
  /// hierarchy items give them.
  private static func ranges(
    of symbol: Symbol, path: String, source: SourceText?, encoding: inout PositionEncoding
  ) -> (range: TextRange, selection: TextRange) {
    let nameStart = source?.nameStart(symbol.name, in: symbol.range) ?? symbol.range.start
    let end = source?.endOfLine(symbol.range.end.line) ?? symbol.range.end
    let selection = encoding.nameRange(nameStart, length: symbol.name.utf8.count, path: path)
    var range = encoding.range(SourceRange(start: symbol.range.start, end: max(end, nameStart)), path: path)
    if (range.end.line, range.end.character) < (selection.end.line, selection.end.character) { range.end = selection.end }
    return (range, selection)
  }

  private func item(_ match: SymbolMatch, encoding: inout PositionEncoding) -> CallHierarchyItem {
    let (range, selection) = Self.ranges(of: match.symbol, path: match.path, source: encoding.source(match.path), encoding: &encoding)
    let kind = match.symbol.kind == .module && match.symbol.signature.isEmpty ? 1 : match.symbol.kind.lspKind  // a file's top level
    return CallHierarchyItem(
      name: match.symbol.name, kind: kind, detail: match.symbol.signature.isEmpty ? nil : match.symbol.signature,
      uri: uris.uri(forRelativePath: match.path), range: range, selectionRange: selection,
      data: .init(path: match.path, line: match.symbol.range.start.line, column: match.symbol.range.start.column, name: match.symbol.name))
  }

  /// The definition an item stands for: from its `data`, else from the place its selection starts.
  private func definition(of item: CallHierarchyItem, _ navigator: QueryEngine) throws(StoreError) -> SymbolMatch? {
    if let data = item.data {
      return try navigator.definition(path: data.path, startingAt: SourcePosition(line: data.line, column: data.column), named: data.name)
    }
    guard let path = uris.relativePath(item.uri) else { return nil }
    var encoding = PositionEncoding(unit: unit, root: root, sources: sources)
    let position = encoding.sourcePosition(item.selectionRange.start, path: path)
    if let callable = try navigator.callable(path: path, at: position) { return callable }
    return try navigator.hierarchyType(path: path, at: position)
  }

  private func nameRange(_ match: SymbolMatch, encoding: inout PositionEncoding) -> TextRange {
    let source = encoding.source(match.path)
    let start = source?.nameStart(match.symbol.name, in: match.symbol.range) ?? match.symbol.range.start
    return encoding.nameRange(start, length: match.symbol.name.utf8.count, path: match.path)
  }

  /// The query core over the database as it is now; nil while there is none yet.
  private func currentNavigator() throws(StoreError) -> QueryEngine? {
    try engine.refresh() ? engine : nil
  }
}
