import IndexerModel

/// Call hierarchies from resolved names: a function's callers are the uses that resolve to it, grouped by
/// the function around each (clangd's way: references carry their enclosing symbol); its callees are the
/// names in its body that resolve to functions, methods, initializers, or types called to construct one.
extension QueryEngine {
  /// Callers or callees listed per function at most; the rest of a very common function's are counted by
  /// the caller of `callTree` through `complete`.
  public static let callLinkLimit = 500

  /// The function, method or initializer at `position` of `path`: the one whose name is written there, or
  /// the one the use there resolves to. Nil when the name there is no callable.
  public func callable(path: String, at position: SourcePosition) throws(StoreError) -> SymbolMatch? {
    guard let (name, start) = identifier(path: path, at: position) else { return nil }
    if let outline = try outline(path: path) {
      let source = source(path: path)
      for symbol in outline.symbols where symbol.name == name && symbol.kind.isCallable {
        if source?.nameStart(name, in: symbol.range) == start { return SymbolMatch(symbol: symbol, path: path, language: outline.language) }
      }
    }
    return try resolvedDefinitions(path: path, at: start, limit: 1).lazy.compactMap(\.symbol).first { $0.symbol.kind.isCallable }
  }

  /// The definition of `path` starting at `start` and named `name` (what a call hierarchy item carries);
  /// nil when the file no longer has it.
  public func definition(path: String, startingAt start: SourcePosition, named name: String) throws(StoreError) -> SymbolMatch? {
    guard let outline = try outline(path: path), let symbol = outline.symbols.first(where: { $0.name == name && $0.range.start == start }) else {
      return nil
    }
    return SymbolMatch(symbol: symbol, path: path, language: outline.language)
  }

  /// The callable definitions named `name` (for `query callers NAME`), the store's order, at most `limit`.
  public func callables(named name: String, limit: Int) throws(StoreError) -> [SymbolMatch] {
    Array(try symbols(SymbolQuery(name: name, limit: Self.definitionLimit)).filter { $0.symbol.kind.isCallable }.prefix(max(0, limit)))
  }

  /// Where a definition's name is written (the store keeps where the definition starts, `def` or `public`).
  public func namePosition(of match: SymbolMatch) -> SourcePosition {
    source(path: match.path)?.nameStart(match.symbol.name, in: match.symbol.range) ?? match.symbol.range.start
  }

  /// Who calls `callee`: each use resolving to it, grouped by the function it stands in, callers in path and
  /// line order. With `guesses`, also the uses whose receiver could not be typed (resolution `name`).
  public func incomingCalls(to callee: SymbolMatch, guesses: Bool = false) throws(StoreError) -> [HierarchyLink] {
    guard let (_, found) = try resolvedReferences(path: callee.path, at: namePosition(of: callee), includeDeclaration: false) else {
      return []
    }
    var outlines: [String: FileIndex] = [:]
    var order: [CallerKey] = []
    var links: [CallerKey: HierarchyLink] = [:]
    for reference in found where !reference.match.isDefinition && (guesses || reference.resolution != .name) {
      let match = reference.match
      // The file as resolution read it (kept decoded for this generation), not decoded again.
      if outlines[match.path] == nil { outlines[match.path] = try resolvable(path: match.path) ?? FileIndex(language: match.language) }
      let caller = Self.enclosingCaller(in: outlines[match.path] ?? FileIndex(language: match.language), path: match.path, at: match.position)
      let key = CallerKey(path: caller.path, position: caller.symbol.range.start, name: caller.symbol.name)
      if var link = links[key] {
        link.sites.append(match.position)
        if Self.weaker(reference.resolution, than: link.resolution) { link.resolution = reference.resolution }
        links[key] = link
      } else {
        guard links.count < Self.callLinkLimit else { continue }
        order.append(key)
        links[key] = HierarchyLink(symbol: caller, sites: [match.position], resolution: reference.resolution)
      }
    }
    return order.compactMap { links[$0] }.map { link in
      var sorted = link
      sorted.sites.sort()
      return sorted
    }
  }

  /// What `caller` calls: the names in its body (not in functions nested in it) that resolve to a callable, or
  /// to a type and are called (`Tool()`), grouped by callee in order of first call.
  public func outgoingCalls(from caller: SymbolMatch) throws(StoreError) -> [HierarchyLink] {
    try connection().inReadTransaction { () throws(StoreError) in try outgoingInSnapshot(from: caller) }
  }

  private func outgoingInSnapshot(from caller: SymbolMatch) throws(StoreError) -> [HierarchyLink] {
    guard NameResolver.resolves(caller.path), let references = try connection().references(path: caller.path),
      let outline = try outline(path: caller.path)
    else { return [] }
    let body = caller.symbol.range
    let ownName = namePosition(of: caller)
    // Functions nested in the caller own their calls.
    let nested = outline.symbols.filter { $0.kind.isCallable && $0.range != body && body.start <= $0.range.start && $0.range.end <= body.end }
      .map(\.range)
    var sites: [(name: String, position: SourcePosition)] = []
    for (name, positions) in zip(references.names, references.positions) {
      for position in positions where body.start <= position && position <= body.end && position != ownName {
        if nested.contains(where: { $0.start <= position && position <= $0.end }) { continue }
        sites.append((name, position))
      }
    }
    sites.sort { $0.position < $1.position }
    let resolver = NameResolver(source: self)
    let source = source(path: caller.path)
    var order: [CallerKey] = []
    var links: [CallerKey: HierarchyLink] = [:]
    for site in sites {
      guard let target = try resolver.resolve(name: site.name, path: caller.path, at: site.position), let symbol = target.symbol else { continue }
      guard symbol.symbol.kind.isCallable || (symbol.symbol.kind.isConstructedByCall && Self.isCalled(source, after: site)) else { continue }
      let key = CallerKey(path: symbol.path, position: symbol.symbol.range.start, name: symbol.symbol.name)
      if links[key] != nil {
        links[key]?.sites.append(site.position)
        if let current = links[key]?.resolution, Self.weaker(target.resolution, than: current) { links[key]?.resolution = target.resolution }
      } else {
        guard links.count < Self.callLinkLimit else { continue }
        order.append(key)
        links[key] = HierarchyLink(symbol: symbol, sites: [site.position], resolution: target.resolution)
      }
    }
    return order.compactMap { links[$0] }
  }

  /// Levels a call or type tree goes at most, whatever is asked: the tree is walked by recursion this deep.
  public static let maximumCallDepth = 8

  /// The call hierarchy `depth` levels deep (1 is `root`'s own links; at most `maximumCallDepth`), at most
  /// `nodeBudget` nodes in all. A node whose links were cut by the budget, or that is already expanded on
  /// the path to it (recursion), is marked `truncated` (the last level is simply not followed); `complete`
  /// is false when the budget or `callLinkLimit` left links out.
  public func callTree(
    from root: SymbolMatch, direction: CallDirection, depth requested: Int, nodeBudget: Int = 200, guesses: Bool = false
  ) throws(StoreError) -> (links: [HierarchyTree], complete: Bool) {
    try hierarchyTree(from: root, depth: requested, nodeBudget: nodeBudget) { (symbol: SymbolMatch) throws(StoreError) -> [HierarchyLink]? in
      // A file calls from its top level: nobody calls a file.
      if direction == .incoming && symbol.symbol.kind == .module && symbol.symbol.signature.isEmpty && symbol.symbol.container.isEmpty {
        return nil
      }
      return direction == .incoming ? try incomingCalls(to: symbol, guesses: guesses) : try outgoingCalls(from: symbol)
    }
  }

  /// A hierarchy from `links` (nil: the node has none to follow), breadth-first: every level is filled before
  /// the next is read, so the budget keeps the nearest.
  func hierarchyTree(
    from root: SymbolMatch, depth requested: Int, nodeBudget: Int, links linksOf: (SymbolMatch) throws(StoreError) -> [HierarchyLink]?
  ) throws(StoreError) -> (links: [HierarchyTree], complete: Bool) {
    let depth = min(max(1, requested), Self.maximumCallDepth)
    var budget = max(0, nodeBudget)
    var complete = true
    var expanded: [String: [HierarchyLink]?] = [:]
    func links(of symbol: SymbolMatch) throws(StoreError) -> [HierarchyLink]? {
      let key = Self.key(of: symbol)
      if let known = expanded[key] { return known }
      let found = try linksOf(symbol)
      if (found?.count ?? 0) >= Self.callLinkLimit { complete = false }
      expanded[key] = found
      return found
    }
    struct Pending {
      var indexPath: [Int]
      var symbol: SymbolMatch
      var ancestors: Set<String>
    }
    var roots: [HierarchyTree] = []
    var frontier: [Pending] = []
    for link in try links(of: root) ?? [] {
      guard budget > 0 else {
        complete = false
        break
      }
      budget -= 1
      roots.append(HierarchyTree(link: link))
      frontier.append(Pending(indexPath: [roots.count - 1], symbol: link.symbol, ancestors: [Self.key(of: root)]))
    }
    var level = 1
    while !frontier.isEmpty && level < depth {
      var next: [Pending] = []
      for pending in frontier {
        let key = Self.key(of: pending.symbol)
        guard !pending.ancestors.contains(key) else {
          Self.mark(&roots, pending.indexPath)
          continue
        }
        for link in try links(of: pending.symbol) ?? [] {
          guard budget > 0 else {
            complete = false
            Self.mark(&roots, pending.indexPath)
            break
          }
          budget -= 1
          let childIndex = Self.append(HierarchyTree(link: link), to: &roots, at: pending.indexPath)
          next.append(Pending(indexPath: pending.indexPath + [childIndex], symbol: link.symbol, ancestors: pending.ancestors.union([key])))
        }
      }
      frontier = next
      level += 1
    }
    return (roots, complete)
  }

  private static func mark(_ trees: inout [HierarchyTree], _ path: [Int]) {
    guard let first = path.first, first < trees.count else { return }
    if path.count == 1 {
      trees[first].truncated = true
    } else {
      mark(&trees[first].children, Array(path.dropFirst()))
    }
  }

  private static func append(_ child: HierarchyTree, to trees: inout [HierarchyTree], at path: [Int]) -> Int {
    guard let first = path.first, first < trees.count else { return 0 }
    if path.count == 1 {
      trees[first].children.append(child)
      return trees[first].children.count - 1
    }
    return append(child, to: &trees[first].children, at: Array(path.dropFirst()))
  }

  static func key(of symbol: SymbolMatch) -> String {
    "\(symbol.path)\u{0}\(symbol.symbol.range.start.line):\(symbol.symbol.range.start.column)\u{0}\(symbol.symbol.name)"
  }

  private struct CallerKey: Hashable {
    var path: String
    var position: SourcePosition
    var name: String
  }

  /// The function around `position` that makes the call: the innermost callable definition spanning it, else
  /// the innermost definition of any kind (a class body's default value), else the file.
  static func enclosingCaller(in outline: FileIndex, path: String, at position: SourcePosition) -> SymbolMatch {
    var callable: Symbol?
    var any: Symbol?
    for symbol in outline.symbols where symbol.range.start <= position && position <= symbol.range.end {
      if any == nil || any!.range.start <= symbol.range.start { any = symbol }
      if symbol.kind.isCallable, callable == nil || callable!.range.start <= symbol.range.start { callable = symbol }
    }
    if let found = callable ?? any { return SymbolMatch(symbol: found, path: path, language: outline.language) }
    let file = path.split(separator: "/").last.map(String.init) ?? path
    let end = SourcePosition(line: max(1, outline.symbols.map(\.range.end.line).max() ?? 1), column: 1)
    return SymbolMatch(
      symbol: Symbol(name: file, kind: .module, container: "", range: SourceRange(start: SourcePosition(line: 1, column: 1), end: end), signature: ""),
      path: path, language: outline.language)
  }

  /// Whether the name at `site` is followed by `(` (after blanks): `Tool()` constructs, `Tool` alone names the type.
  private static func isCalled(_ source: SourceText?, after site: (name: String, position: SourcePosition)) -> Bool {
    guard let line = source?.line(site.position.line) else { return false }
    // Clamped: a position from a damaged index must not overflow or reach past the line.
    let column = min(max(0, site.position.column - 1), line.count)
    var i = line.startIndex + min(column + site.name.utf8.count, line.count)
    while i < line.endIndex, line[i] == UInt8(ascii: " ") || line[i] == UInt8(ascii: "\t") { i += 1 }
    return i < line.endIndex && line[i] == UInt8(ascii: "(")
  }

  /// The resolutions from most to least certain: a link is as certain as its least certain site.
  private static func weaker(_ a: Resolution, than b: Resolution) -> Bool {
    let order: [Resolution] = [.local, .scope, .import, .member, .name]
    return (order.firstIndex(of: a) ?? 0) > (order.firstIndex(of: b) ?? 0)
  }
}
