import ArgumentParser
import IndexerModel
import IndexerQuery
import IndexerService

/// A `query callers` / `callees` / `subtypes` / `supertypes` request: the call or type tree of each
/// definition it names.
struct CallsQueryRun {
  var direction: CallDirection
  var options: CallQueryOptions
  var guesses: Bool
  /// A type hierarchy (subtypes incoming, supertypes outgoing) instead of calls.
  var types = false

  func run() throws {
    guard options.depth >= 1 else { throw UsageError(userMessage: "--depth must be at least 1") }
    guard options.limit >= 1 else { throw UsageError(userMessage: "--limit must be at least 1") }
    // With --at, a lone positional is the workspace.
    let (name, workspace) = options.at != nil && options.workspace == nil ? (nil, options.name) : (options.name, options.workspace)
    let location = try options.database.location(path: workspace)
    let engine: QueryEngine
    let roots: [SymbolMatch]
    switch (name, options.at) {
    case (let name?, nil):
      let databasePath = location.resolvedDatabase()
      if options.sync { try WatcherOrDatabase(databasePath: databasePath, sync: true).waitForWatcher() }
      engine = try QueryEngine(databasePath: databasePath, root: location.resolvedRoot())
      roots = types
        ? try engine.hierarchyTypes(named: name, limit: QueryEngine.definitionLimit)
        : try engine.callables(named: name, limit: QueryEngine.definitionLimit)
    case (nil, let place?):
      let (opened, path, position) = try DefQueryRun.open(place, location: location, sync: options.sync)
      engine = opened
      let found = types ? try engine.hierarchyType(path: path, at: position) : try engine.callable(path: path, at: position)
      roots = found.map { [$0] } ?? []
    default:
      throw UsageError(userMessage: "give NAME or --at PATH:LINE:COLUMN, not both and not neither")
    }
    // Asked before the trees are read: what the watcher does not list is in them.
    let pending = options.output.json ? WatcherOrDatabase(databasePath: location.resolvedDatabase(), sync: false).pending() : nil
    let (generation, trees) = try engine.inOneSnapshot { generation in
      (generation, Result { () throws -> [(SymbolMatch, [HierarchyTree], Bool)] in
        try roots.map { root in
          let (links, complete) = types
            ? try engine.typeTree(from: root, direction: direction, depth: options.depth, nodeBudget: options.limit)
            : try engine.callTree(from: root, direction: direction, depth: options.depth, nodeBudget: options.limit, guesses: guesses)
          return (root, links, complete)
        }
      })
    }
    var out = OutputBuffer()
    var found = false
    for (root, links, complete) in try trees.get() {
      found = found || !links.isEmpty
      if options.output.json {
        var o = json(root, links, complete: complete, engine: engine)
        o.add("generation", generation)
        o.add("pending", raw: PendingReport.json(pending))
        out.line(o.text)
      } else {
        out.line(Self.heading(root, engine: engine))
        write(links, level: 1, into: &out, engine: engine)
        if !complete { out.line("  (more not shown: --limit \(options.limit) or \(QueryEngine.callLinkLimit) per function)") }
      }
    }
    out.flush()
    if !found { throw ExitCode(1) }
  }

  private static func heading(_ symbol: SymbolMatch, engine: QueryEngine) -> String {
    let at = engine.namePosition(of: symbol)
    return "\(symbol.path):\(at.line):\(at.column)  \(symbol.symbol.kind.rawValue)  \(symbol.symbol.qualifiedName(separator: symbol.language.scopeSeparator))"
  }

  /// Depth-first, iteratively: a stack of (tree, level) pairs.
  private func write(_ trees: [HierarchyTree], level: Int, into out: inout OutputBuffer, engine: QueryEngine) {
    var stack = trees.reversed().map { ($0, level) }
    while let (tree, level) = stack.popLast() {
      let sites = tree.link.sites.map { "\($0.line):\($0.column)" }.joined(separator: ",")
      let indent = String(repeating: "  ", count: level)
      let place = sites.isEmpty ? "" : (types ? "  at " : "  calls at ") + sites
      out.line("\(indent)\(Self.heading(tree.link.symbol, engine: engine))\(place)  \(tree.link.resolution.rawValue)\(tree.truncated ? "  …" : "")")
      stack += tree.children.reversed().map { ($0, level + 1) }
    }
  }

  private func json(_ root: SymbolMatch, _ links: [HierarchyTree], complete: Bool, engine: QueryEngine) -> JSONObject {
    var o = Self.symbolJSON(root, engine: engine)
    o.add("direction", types ? (direction == .incoming ? "subtypes" : "supertypes") : direction.rawValue)
    o.add("complete", complete)
    o.add("count", links.reduce(0) { $0 + $1.count })
    o.add("links", raw: Self.array(links, engine: engine))
    return o
  }

  private static func symbolJSON(_ symbol: SymbolMatch, engine: QueryEngine) -> JSONObject {
    var o = JSONObject()
    let at = engine.namePosition(of: symbol)
    o.add("name", symbol.symbol.name)
    o.add("kind", symbol.symbol.kind.rawValue)
    o.add("container", symbol.symbol.container)
    o.add("path", symbol.path)
    o.add("line", at.line)
    o.add("column", at.column)
    o.add("language", symbol.language.rawValue)
    return o
  }

  /// The nested JSON of a tree: built bottom-up with an explicit stack (no recursion over input-sized trees).
  private static func array(_ trees: [HierarchyTree], engine: QueryEngine) -> String {
    func object(_ tree: HierarchyTree, children: String) -> String {
      var o = symbolJSON(tree.link.symbol, engine: engine)
      o.add("resolution", tree.link.resolution.rawValue)
      o.add("sites", raw: "[" + tree.link.sites.map { "{\"line\":\($0.line),\"column\":\($0.column)}" }.joined(separator: ",") + "]")
      o.add("truncated", tree.truncated)
      o.add("links", raw: children)
      return o.text
    }
    // Post-order: (tree, childrenDone); finished arrays collect per level.
    var stack: [(HierarchyTree, Bool)] = trees.reversed().map { ($0, false) }
    var built: [[String]] = [[]]
    while let (tree, done) = stack.popLast() {
      if !done {
        stack.append((tree, true))
        built.append([])
        stack += tree.children.reversed().map { ($0, false) }
        continue
      }
      let children = "[" + built.removeLast().joined(separator: ",") + "]"
      built[built.count - 1].append(object(tree, children: children))
    }
    return "[" + (built.first ?? []).joined(separator: ",") + "]"
  }
}
