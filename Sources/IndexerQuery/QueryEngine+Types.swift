import IndexerModel

/// Type hierarchies from the bases readers record in each type's scope (class heads, `extends`,
/// `implements`, protocol conformances in the type and its extensions, Rust `impl Trait for T`, C++ base
/// lists), each base resolved like any use; Go's interfaces by method sets (`QueryEngine+GoMethodSets`).
extension QueryEngine {
  /// The class, struct, interface, protocol, trait or enum whose name is written at `position`, or that the
  /// use there resolves to. Nil when the name there is no type.
  public func hierarchyType(path: String, at position: SourcePosition) throws(StoreError) -> SymbolMatch? {
    guard let (name, start) = identifier(path: path, at: position) else { return nil }
    if let outline = try outline(path: path) {
      let source = source(path: path)
      for symbol in outline.symbols where symbol.name == name && Self.isHierarchyRoot(symbol.kind, outline.language) {
        if source?.nameStart(name, in: symbol.range) == start { return SymbolMatch(symbol: symbol, path: path, language: outline.language) }
      }
    }
    return try resolvedDefinitions(path: path, at: start, limit: 1).lazy.compactMap(\.symbol).first {
      Self.isHierarchyRoot($0.symbol.kind, $0.language)
    }
  }

  /// The types named `name` (for `query supertypes NAME`), the store's order, at most `limit`.
  public func hierarchyTypes(named name: String, limit: Int) throws(StoreError) -> [SymbolMatch] {
    Array(try symbols(SymbolQuery(name: name, limit: Self.definitionLimit)).filter {
      Self.isHierarchyRoot($0.symbol.kind, $0.language)
    }.prefix(max(0, limit)))
  }

  /// What a type hierarchy can start from: a type (not an extension), and in Go any named type, which has
  /// the interfaces its methods satisfy.
  static func isHierarchyRoot(_ kind: SymbolKind, _ language: Language) -> Bool {
    (kind.isHierarchyType && kind != .extension) || (language == .go && kind.isGoNamedType)
  }

  /// What `type` extends or implements: the bases written in its head and in its extensions' and impls'
  /// heads (`extension T: P`, `impl P for T`), each resolved from where it is written; a base the rules
  /// cannot resolve is the type of that name nearest by path (resolution `name`), or left out when none is.
  public func supertypes(of type: SymbolMatch) throws(StoreError) -> [HierarchyLink] {
    var heads = [type]
    if type.language == .swift || type.language == .rust {
      heads += try symbols(SymbolQuery(name: type.symbol.name, kinds: [.extension], languages: [type.language], limit: Self.definitionLimit))
    }
    var links: [HierarchyLink] = []
    var seen = Set<String>()
    for head in heads {
      guard let file = try resolvable(path: head.path), let scope = Self.typeScopes(in: file).first(where: { $0.symbol == head.symbol })?.scope
      else { continue }
      let source = source(path: head.path)
      let headRange = SourceRange(start: head.symbol.range.start, end: max(head.symbol.range.start, scope.range.start))
      for base in scope.bases {
        let name = Self.lastComponent(base)
        guard !name.isEmpty, name != head.symbol.name || head.symbol.kind == .extension else { continue }
        var found: HierarchyLink?
        if let at = source?.nameStart(name, in: headRange, lineWindow: 8),
          at <= headRange.end || at.line == head.symbol.range.start.line,
          let resolved = try resolvedDefinitions(path: head.path, at: at, limit: 1).first, let symbol = resolved.symbol,
          symbol.symbol.kind.isHierarchyType
        {
          found = HierarchyLink(symbol: symbol, sites: [at], resolution: resolved.resolution)
        } else if let guess = try symbols(SymbolQuery(name: name, limit: Self.definitionLimit)).first(where: {
          $0.symbol.kind.isHierarchyType && $0.symbol.kind != .extension && $0.language == type.language
        }) {
          found = HierarchyLink(symbol: guess, sites: [], resolution: .name)
        }
        guard let found, seen.insert(Self.key(of: found.symbol)).inserted else { continue }
        links.append(found)
      }
    }
    if type.language == .go && type.symbol.kind != .interface {
      for link in try goInterfacesSatisfied(by: type) where seen.insert(Self.key(of: link.symbol)).inserted { links.append(link) }
    }
    return links
  }

  /// What extends or implements `type`: the types (and extensions, impls) whose head names it, where the name
  /// there resolves to it. Only the occurrences in heads are resolved, so a common type costs its name
  /// search and a few resolutions.
  public func subtypes(of type: SymbolMatch) throws(StoreError) -> [HierarchyLink] {
    try connection().inReadTransaction { () throws(StoreError) in try subtypesInSnapshot(of: type) }
  }

  private func subtypesInSnapshot(of type: SymbolMatch) throws(StoreError) -> [HierarchyLink] {
    let name = type.symbol.name
    let resolver = NameResolver(source: self)
    let ownName = namePosition(of: type)
    let target = try resolver.resolve(name: name, path: type.path, at: ownName)
      ?? ResolvedDefinition(path: type.path, name: name, position: ownName, symbol: type, resolution: .scope)
    // Only occurrences near the start of a type-like definition can be in its head; the rest are not read again.
    let occurrences = try references(ReferenceFilter(name: name)).filter { occurrence in
      guard !occurrence.isDefinition, occurrence.containerKind?.isHierarchyType == true, let start = occurrence.containerStart else { return false }
      return occurrence.position.line >= start.line && occurrence.position.line - start.line <= Self.headLines
    }
    var byFile: [String: [SourcePosition]] = [:]
    var order: [String] = []
    for occurrence in occurrences {
      if byFile[occurrence.path] == nil { order.append(occurrence.path) }
      byFile[occurrence.path, default: []].append(occurrence.position)
    }
    var links: [HierarchyLink] = []
    var index: [String: Int] = [:]
    for path in order {
      guard let file = try resolver.file(path) else { continue }
      for position in byFile[path] ?? [] {
        guard let sub = Self.typeHead(in: file, naming: name, at: position) else { continue }
        let resolution: Resolution
        if NameResolver.resolves(path) {
          guard let found = try resolver.resolve(name: name, path: path, at: position), found.sameTarget(as: target) else { continue }
          resolution = found.resolution
        } else {
          resolution = .name
        }
        let match = SymbolMatch(symbol: sub, path: path, language: file.language)
        let key = Self.key(of: match)
        if let at = index[key] {
          links[at].sites.append(position)
        } else {
          guard links.count < Self.callLinkLimit else { continue }
          index[key] = links.count
          links.append(HierarchyLink(symbol: match, sites: [position], resolution: resolution))
        }
      }
    }
    if type.language == .go && type.symbol.kind == .interface {
      for link in try goImplementers(of: type) where index[Self.key(of: link.symbol)] == nil && links.count < Self.callLinkLimit {
        index[Self.key(of: link.symbol)] = links.count
        links.append(link)
      }
    }
    return links
  }

  /// Lines a type's head may span before its body: a base further from where the type starts is not looked for.
  static let headLines = 24

  /// The type hierarchy `depth` levels deep: subtypes (`.incoming`) or supertypes (`.outgoing`), as `callTree`.
  public func typeTree(
    from root: SymbolMatch, direction: CallDirection, depth: Int, nodeBudget: Int = 200
  ) throws(StoreError) -> (links: [HierarchyTree], complete: Bool) {
    try hierarchyTree(from: root, depth: depth, nodeBudget: nodeBudget) { (symbol: SymbolMatch) throws(StoreError) -> [HierarchyLink]? in
      direction == .incoming ? try subtypes(of: symbol) : try supertypes(of: symbol)
    }
  }

  /// What implements the name at `position` (LSP `textDocument/implementation`): for a type, every type
  /// below it in the hierarchy; for a method of a type, the members of the same name those types define
  /// (overrides and implementations), nearest level first. Empty when the name there is neither.
  public func implementations(path: String, at position: SourcePosition, limit: Int = 200) throws(StoreError) -> [SymbolMatch] {
    if let type = try hierarchyType(path: path, at: position) {
      return Self.flatten(try typeTree(from: type, direction: .incoming, depth: Self.maximumCallDepth, nodeBudget: limit).links)
    }
    guard let method = try callable(path: path, at: position), !method.symbol.container.isEmpty,
      let outline = try outline(path: method.path),
      let owner = outline.symbols.last(where: {
        $0.kind.isHierarchyType && $0.range.start <= method.symbol.range.start && method.symbol.range.end <= $0.range.end
      })
    else { return [] }
    let ownerMatch = SymbolMatch(symbol: owner, path: method.path, language: outline.language)
    var found: [SymbolMatch] = []
    for sub in Self.flatten(try typeTree(from: ownerMatch, direction: .incoming, depth: Self.maximumCallDepth, nodeBudget: limit).links) {
      guard let file = try self.outline(path: sub.path) else { continue }
      for member in file.symbols where member.name == method.symbol.name && member.kind.isCallable
        && sub.symbol.range.start <= member.range.start && member.range.end <= sub.symbol.range.end && member != sub.symbol
      {
        found.append(SymbolMatch(symbol: member, path: sub.path, language: file.language))
      }
    }
    return found
  }

  /// A tree's symbols, level by level, each once.
  private static func flatten(_ trees: [HierarchyTree]) -> [SymbolMatch] {
    var out: [SymbolMatch] = []
    var seen = Set<String>()
    var level = trees
    while !level.isEmpty {
      var next: [HierarchyTree] = []
      for tree in level {
        if seen.insert(key(of: tree.link.symbol)).inserted { out.append(tree.link.symbol) }
        next += tree.children
      }
      level = next
    }
    return out
  }

  /// The type (or extension, impl) whose head holds `position` and lists a base named `name`: the position lies
  /// before the type's body, or on the line the type starts.
  static func typeHead(in file: FileIndex, naming name: String, at position: SourcePosition) -> Symbol? {
    for (scope, symbol) in typeScopes(in: file) {
      // Go embeds interfaces (and structs) in the body, where they are the type's bases.
      let inHead = position < scope.range.start || position.line == symbol.range.start.line || file.language == .go
      guard symbol.range.start <= position, inHead, position <= symbol.range.end, scope.bases.contains(where: { lastComponent($0) == name })
      else { continue }
      return symbol
    }
    return nil
  }

  /// Each type body with the outline symbol it belongs to: the one the scope names, else (readers that link
  /// types to bodies through bindings, and Rust's impls) the innermost type-like definition around the body's
  /// start.
  static func typeScopes(in file: FileIndex) -> [(scope: FileScopes.Scope, symbol: Symbol)] {
    var found: [(FileScopes.Scope, Symbol)] = []
    for scope in file.scopes.scopes where scope.kind == .type && !scope.bases.isEmpty {
      if scope.symbol >= 0 && scope.symbol < file.symbols.count {
        if file.symbols[scope.symbol].kind.isHierarchyType { found.append((scope, file.symbols[scope.symbol])) }
        continue
      }
      var best: Symbol?
      for symbol in file.symbols where symbol.kind.isHierarchyType && symbol.range.start <= scope.range.start && scope.range.start <= symbol.range.end {
        if best == nil || best!.range.start <= symbol.range.start { best = symbol }
      }
      if let best { found.append((scope, best)) }
    }
    return found
  }

  /// `pkg.Base`, `ns::Base<T>`, `Base[int]` → `Base`.
  static func lastComponent(_ written: String) -> String {
    var text = Substring(written)
    if let generic = text.firstIndex(where: { $0 == "<" || $0 == "[" || $0 == "(" }) { text = text[..<generic] }
    let parts = text.split(whereSeparator: { $0 == "." || $0 == ":" })
    return parts.last.map { String($0.filter { !$0.isWhitespace }) } ?? ""
  }
}

extension SymbolKind {
  /// Kinds a type hierarchy links: what can extend, implement or be implemented.
  var isHierarchyType: Bool {
    switch self {
    case .class, .struct, .enum, .actor, .protocol, .interface, .record, .union, .extension: true
    default: false
    }
  }
}
