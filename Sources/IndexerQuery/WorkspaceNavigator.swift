import IndexerModel
import IndexerStore

/// Questions that start from a place in a file — what is under the cursor, where is it defined, who
/// mentions it — for the editor and agent front ends. One per thread: it owns a read connection.
///
/// The front ends translate protocols; every decision about what an answer contains is made here, so
/// `indexer lsp`, `indexer mcp` and the CLI agree.
public struct WorkspaceNavigator {
  public let root: String
  public let engine: QueryEngine

  /// How many definitions of one name a lookup considers before ranking.
  public static let definitionLimit = 500

  public init(root: String, databasePath: String) throws(StoreError) {
    self.root = root
    engine = try QueryEngine(databasePath: databasePath)
  }

  /// The file as it is on disk now (nil when unreadable).
  public func source(path: String) -> SourceText? {
    SourceText(root: root, path: path)
  }

  /// The language the index recorded for `path`, from its name when the index lacks it.
  public func language(of path: String) -> String {
    ((try? engine.outline(path: path))??.language ?? Language(fileName: path))?.rawValue ?? ""
  }

  /// The identifier at a 1-based line and byte column of `path`, read from the file on disk.
  public func identifier(path: String, at position: SourcePosition) -> (name: String, start: SourcePosition)? {
    source(path: path)?.identifier(at: position)
  }

  /// The definitions of the identifier at `position`, nearest first (`DefinitionNearness`); the store's
  /// path/line order among equals. Empty when no identifier is there.
  public func definitions(path: String, at position: SourcePosition, limit: Int = definitionLimit) throws(StoreError) -> [SymbolMatch] {
    guard let (name, _) = identifier(path: path, at: position) else { return [] }
    let matches = try engine.symbols(SymbolQuery(name: name, limit: Self.definitionLimit))
    let outline = try engine.outline(path: path)
    let here = outline.map { Self.enclosingContainers($0, at: position) } ?? []
    let language = outline?.language
    let ranked = matches.enumerated().map { (offset: $0.offset, element: $0.element, nearness: DefinitionNearness(
      candidate: $0.element.path, container: $0.element.symbol.container, language: $0.element.language, from: path, enclosing: here,
      asking: language)) }
      .sorted { a, b in a.nearness != b.nearness ? a.nearness < b.nearness : a.offset < b.offset }
    return ranked.prefix(max(0, limit)).map(\.element)
  }

  /// How many name matches a use gets when its language's rules ran and could not decide: the nearest few
  /// are a guess worth showing; the rest of a common name's hundred are noise (`query symbol` lists them).
  public static let guessLimit = 3

  /// The definitions of the use at `position`, resolved by the language's rules where the reader recorded
  /// scopes (one answer, saying how it was found), else the name search above with resolution `name`
  /// (at most `guessLimit` of it where the rules ran).
  public func resolvedDefinitions(
    path: String, at position: SourcePosition, limit: Int = definitionLimit
  ) throws(StoreError) -> [ResolvedDefinition] {
    guard let (name, start) = identifier(path: path, at: position) else { return [] }
    let resolver = NameResolver(source: engine)
    if NameResolver.resolves(path), let resolved = try resolver.resolve(name: name, path: path, at: start) { return [resolved] }
    var matches = try definitions(path: path, at: position, limit: limit)
    // A member whose receiver could not be typed is still a member: a top-level function or variable of the
    // same name is not it.
    if NameResolver.resolves(path), try resolver.isUntypedMember(path: path, at: start) {
      let members = matches.filter { !$0.symbol.container.isEmpty }
      if !members.isEmpty { matches = members }
    }
    var answers = matches.map { match in
      ResolvedDefinition(path: match.path, name: match.symbol.name, position: match.symbol.range.start, symbol: match, resolution: .name)
    }
    // An attribute set through `self` is no outline symbol, so the name search cannot offer it; when the
    // use's own file sets one and defines nothing of that name, it is the likeliest guess.
    if NameResolver.resolves(path), !answers.contains(where: { $0.path == path }),
      let attribute = try resolver.attribute(named: name, in: path)
    {
      answers.insert(attribute, at: 0)
      if answers.count > max(1, limit) { answers.removeLast() }
    }
    return NameResolver.resolves(path) ? Array(answers.prefix(Self.guessLimit)) : answers
  }

  /// The uses of what the identifier at `position` names, as resolution ties them to it: a local's in its
  /// file; anything else's in every file that mentions the name, each occurrence resolved in turn. Those
  /// that resolve to it come first (with how), then the members whose receiver the rules could not type
  /// (resolution `name`: they may be uses of it). Where the use itself does not resolve (no rules for its
  /// language, a builtin), every occurrence of the name, marked `name`. Nil when no identifier is there.
  public func resolvedReferences(
    path: String, at position: SourcePosition, includeDeclaration: Bool, limit: Int? = nil
  ) throws(StoreError) -> (name: String, references: [ResolvedReference])? {
    guard let (name, start) = identifier(path: path, at: position) else { return nil }
    let resolver = NameResolver(source: engine)
    guard NameResolver.resolves(path), let target = try resolver.resolve(name: name, path: path, at: start),
      target.resolution != .name
    else {
      guard let plain = try references(path: path, at: position, includeDeclaration: includeDeclaration, limit: limit) else { return nil }
      return (name, plain.matches.map { ResolvedReference(match: $0, resolution: .name) })
    }
    // A JavaScript/TypeScript name for a whole module (`const m = require('./m')`) is that file's own alias:
    // its references are its uses there, as TypeScript's service counts them.
    let moduleAlias = target.bindingKind == "module" && [.javascript, .typescript].contains(Language(fileName: path))
    let local = (target.resolution == .local && target.path == path) || moduleAlias
    let occurrences = try engine.references(ReferenceFilter(name: name, pathGlob: local ? Self.globLiteral(path) : nil))
    var tied: [ResolvedReference] = []
    var unknown: [ResolvedReference] = []
    for occurrence in occurrences {
      if occurrence.path == target.path && occurrence.position == target.position {
        if includeDeclaration { tied.append(ResolvedReference(match: occurrence, resolution: target.resolution)) }
        continue
      }
      // A use in a language without rules cannot be shown to be one of this definition.
      guard NameResolver.resolves(occurrence.path) else { continue }
      if let found = try resolver.resolve(name: name, path: occurrence.path, at: occurrence.position) {
        if found.sameTarget(as: target) {
          tied.append(ResolvedReference(match: occurrence, resolution: found.resolution))
        }
      } else if !occurrence.isDefinition, try resolver.isUntypedMember(path: occurrence.path, at: occurrence.position) {
        unknown.append(ResolvedReference(match: occurrence, resolution: .name))
      }
    }
    let all = tied + unknown
    return (name, limit.map { Array(all.prefix(max(0, $0))) } ?? all)
  }

  /// `path` as a SQLite GLOB that matches only itself.
  static func globLiteral(_ path: String) -> String {
    var out = ""
    for c in path {
      switch c {
      case "*", "?", "[": out += "[\(c)]"
      default: out.append(c)
      }
    }
    return out
  }

  /// Every occurrence of the identifier at `position` (see `QueryEngine.references`); with
  /// `includeDeclaration` false, the occurrences that are the names of definitions are left out.
  public func references(
    path: String, at position: SourcePosition, includeDeclaration: Bool, limit: Int? = nil
  ) throws(StoreError) -> (name: String, matches: [ReferenceMatch])? {
    guard let (name, _) = identifier(path: path, at: position) else { return nil }
    var matches = try engine.references(ReferenceFilter(name: name, limit: includeDeclaration ? limit : nil))
    if !includeDeclaration {
      matches.removeAll { $0.isDefinition }
      if let limit { matches = Array(matches.prefix(max(0, limit))) }
    }
    return (name, matches)
  }

  /// The file's definitions as a tree; nil when the file is not in the index.
  public func outlineTree(path: String) throws(StoreError) -> [OutlineNode]? {
    try engine.outline(path: path)?.tree()
  }

  /// Symbols whose names fuzzily match `query`, best first, at most `limit` (an empty query matches nothing:
  /// a whole workspace is not a useful answer).
  public func workspaceSymbols(_ query: String, limit: Int) throws(StoreError) -> [SymbolMatch] {
    guard !query.isEmpty, limit > 0 else { return [] }
    return try engine.symbols(SymbolQuery(name: query, mode: .fuzzy, limit: limit))
  }

  /// The definition at a line of `path`: the innermost one starting on that line, else the innermost one
  /// spanning it; nil when the line is outside every definition or the file is not in the index.
  public func definition(path: String, line: Int) throws(StoreError) -> SymbolMatch? {
    guard let outline = try engine.outline(path: path) else { return nil }
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
