import Foundation
import IndexerModel
import IndexerQuery
import IndexerService

/// Answers the tool calls from the query core. An actor: the read connection has one owner, and calls the
/// client makes concurrently are answered one at a time (each is milliseconds).
actor IndexTools {
  private let engine: QueryEngine
  private let service: EmbeddedService?

  init(root: String, databasePath: String, service: EmbeddedService?) {
    engine = QueryEngine(awaiting: databasePath, root: root)
    engine.keepNamesFresh()
    self.service = service
  }

  /// How long `fresh: true` waits for the watcher (to start, then to commit what is on disk).
  static let freshWaitSeconds = 10.0

  /// The JSON answer of a tool, or a failure the client sees as a tool error. Every answer is read from one
  /// snapshot and says its `generation`; with `fresh: true` the watcher first commits every change made on disk
  /// before the call (a cookie file, as Watchman does).
  func call(_ name: String, _ given: ToolArguments) throws(ToolFailure) -> Data {
    let fresh = try given.bool("fresh") ?? false
    let arguments = given.removing("fresh")
    if fresh { try waitUntilFresh() }
    do {
      guard try current() != nil else { return try dispatch(name, arguments) }
      // Asked before the snapshot: whatever the watcher no longer lists was committed before it was taken.
      let pending = WatcherOrDatabase(databasePath: engine.databasePath, sync: false).pending()
      let (generation, answer) = try engine.inOneSnapshot { generation in
        (generation, Result { () throws(ToolFailure) -> Data in try dispatch(name, arguments) })
      }
      return Self.stamp(try answer.get(), generation: generation, pending: pending)
    } catch {
      throw Self.failure(error)
    }
  }

  /// What the client reads of an error: a tool failure as it is, the store's own line, else its description.
  private static func failure(_ error: any Error) -> ToolFailure {
    switch error {
    case let failure as ToolFailure: failure
    case let error as StoreError: ToolFailure(error.description)
    default: ToolFailure("\(error)")
    }
  }

  /// `{"generation":G,"pending":…,…}`: the answer's fields after the generation it was read at and what the
  /// watcher had seen change but not committed (null when no watcher follows the tree: then nobody knows).
  private static func stamp(_ answer: Data, generation: Int64, pending: PendingReport?) -> Data {
    guard answer.first == UInt8(ascii: "{") else { return answer }
    let empty = answer.count >= 2 && answer[answer.index(after: answer.startIndex)] == UInt8(ascii: "}")
    return Data("{\"generation\":\(generation),\"pending\":\(PendingReport.json(pending))\(empty ? "" : ",")".utf8) + answer.dropFirst()
  }

  /// Waits until a watcher has committed every change made before now: the one serving this index (in this
  /// process or another), given up to `freshWaitSeconds` to start. Without one, the call fails in one line.
  private func waitUntilFresh() throws(ToolFailure) {
    let deadline = Date().addingTimeInterval(Self.freshWaitSeconds)
    while true {
      if let client = try? ServiceClient(databasePath: engine.databasePath) {
        do throws(ServiceClient.Failure) {
          try client.sync()
          return
        } catch .remote(let message) {
          throw ToolFailure("fresh: the watcher could not sync: \(message)")
        } catch {}
      }
      let starting: Bool
      switch service?.state {
      case .stopped?, nil: starting = false
      default: starting = true
      }
      guard starting, Date() < deadline else {
        throw ToolFailure("fresh: no watcher keeps this index fresh (the server runs with --no-watch, or its watcher stopped: index_status says why); ask without fresh")
      }
      Thread.sleep(forTimeInterval: 0.02)
    }
  }

  /// The tool itself, inside the call's snapshot.
  private func dispatch(_ name: String, _ arguments: ToolArguments) throws(ToolFailure) -> Data {
    do {
      switch name {
      case "find_symbol": return try findSymbol(arguments)
      case "find_references": return try findReferences(arguments)
      case "find_definition": return try findDefinition(arguments)
      case "find_callers": return try callTree(arguments, direction: .incoming)
      case "find_callees": return try callTree(arguments, direction: .outgoing)
      case "type_hierarchy": return try typeHierarchy(arguments)
      case "search_text": return try searchText(arguments)
      case "impact": return try impact(arguments)
      case "changed_symbols": return try changedSymbols(arguments)
      case "file_outline": return try fileOutline(arguments)
      case "symbol_source": return try symbolSource(arguments)
      case "list_files": return try listFiles(arguments)
      case "index_status": return try indexStatus(arguments)
      default:
        throw ToolFailure("no tool named `\(name)`; tools/list names them")
      }
    } catch {
      throw Self.failure(error)
    }
  }

  /// The query core over the database as it is now; nil while there is none yet.
  private func current() throws(StoreError) -> QueryEngine? {
    try engine.refresh() ? engine : nil
  }

  // MARK: Tools

  private func findSymbol(_ a: ToolArguments) throws -> Data {
    try a.refuseUnknown(except: ["name", "match", "kind", "language", "path", "limit", "offset", "max_chars"])
    guard let name = try a.string("name") else { throw ToolFailure("`name` is required (a string)") }
    let page = try Page(a)
    let mode: SymbolQuery.Mode
    switch try a.string("match") ?? "exact" {
    case "exact": mode = .exact
    case "prefix": mode = .prefix
    case "fuzzy": mode = .fuzzy
    case "contains": mode = .contains
    default: throw ToolFailure("`match` must be one of: exact, prefix, contains, fuzzy")
    }
    if name.isEmpty && mode != .prefix { throw ToolFailure("`name` may be empty only with match=prefix (every definition)") }
    let kind = try a.choice("kind", of: SymbolKind.self, allowed: SymbolKind.allCases)
    let language = try a.choice("language", of: Language.self, allowed: Language.allCases)
    guard let navigator = try current() else { return try page.encode([SymbolRecord](), more: false) }
    let query = SymbolQuery(
      name: name, mode: mode, kinds: kind.map { [$0] } ?? [], languages: language.map { [$0] } ?? [],
      pathGlob: try a.string("path"), limit: page.fetchLimit)
    let matches = try navigator.symbols(query)
    let more = matches.count > page.offset + page.limit
    return try page.encode(
      page.slice(matches).map(SymbolRecord.init), more: more, total: more ? try navigator.symbolTotal(query) : nil,
      files: name.isEmpty ? [] : try navigator.leftOutFiles(mentioning: name))
  }

  /// By `name`, every occurrence (a name search); by a place (`path`, `line`, `column`), the uses that
  /// resolution ties to what the name there means, as `query refs --at` answers.
  private func findReferences(_ a: ToolArguments) throws -> Data {
    try a.refuseUnknown(except: ["name", "language", "path", "line", "column", "limit", "offset", "max_chars"])
    let line = try a.integer("line", default: 0, range: 0...Int(Int32.max))
    let column = try a.integer("column", default: 0, range: 0...Int(Int32.max))
    if line != 0 || column != 0 { return try referencesFromPlace(a, line: line, column: column) }
    let name = try a.requiredString("name")
    let page = try Page(a)
    let language = try a.choice("language", of: Language.self, allowed: Language.allCases)
    guard let navigator = try current() else { return try page.encode([ReferenceRecord](), more: false) }
    let matches = try navigator.references(
      ReferenceFilter(name: name, languages: language.map { [$0] } ?? [], pathGlob: try a.string("path"), limit: page.fetchLimit))
    return try page.encode(
      page.slice(matches).map { ReferenceRecord($0, name: name) }, more: matches.count > page.offset + page.limit,
      files: try navigator.leftOutFiles(mentioning: name))
  }

  private func referencesFromPlace(_ a: ToolArguments, line: Int, column: Int) throws -> Data {
    guard line >= 1, column >= 1 else { throw ToolFailure("`line` and `column` go together (1-based; column in UTF-8 bytes)") }
    guard try a.string("name") == nil, try a.string("language") == nil else {
      throw ToolFailure("give either `name` or a place (`path`, `line`, `column`), not both")
    }
    let path = try a.requiredString("path")
    let page = try Page(a)
    guard let navigator = try current() else { return try page.encode([ReferenceRecord](), more: false) }
    guard try navigator.contains(path: path) else {
      throw ToolFailure("\(path) is not in the index; list_files shows the indexed paths")
    }
    let found = try navigator.resolvedReferences(
      path: path, at: SourcePosition(line: line, column: column), includeDeclaration: true, limit: page.fetchLimit)
    guard let found else { throw ToolFailure("no identifier at \(path):\(line):\(column)") }
    let records = page.slice(found.references).map { ReferenceRecord($0, name: found.name) }
    return try page.encode(
      records, more: found.references.count > page.offset + page.limit,
      unresolved: records.filter { $0.resolution == Resolution.name.rawValue }.count)
  }

  private func findDefinition(_ a: ToolArguments) throws -> Data {
    try a.refuseUnknown(except: ["path", "line", "column", "limit", "offset", "max_chars"])
    let path = try a.requiredString("path")
    let line = try a.integer("line", default: 0, range: 0...Int(Int32.max))
    let column = try a.integer("column", default: 0, range: 0...Int(Int32.max))
    guard line >= 1, column >= 1 else { throw ToolFailure("`line` and `column` are required (1-based; column in UTF-8 bytes)") }
    let page = try Page(a)
    guard let navigator = try current() else { return try page.encode([DefinitionRecord](), more: false) }
    guard try navigator.contains(path: path) else {
      throw ToolFailure("\(path) is not in the index; list_files shows the indexed paths")
    }
    let answers = try navigator.resolvedDefinitions(
      path: path, at: SourcePosition(line: line, column: column), limit: page.fetchLimit)
    let records = page.slice(answers).map(DefinitionRecord.init)
    return try page.encode(
      records, more: answers.count > page.offset + page.limit,
      unresolved: records.filter { $0.resolution == Resolution.name.rawValue }.count)
  }

  /// A function's callers or callees as a tree: by `name` (every callable definition of it) or by the place
  /// `path`/`line`/`column` names or uses one. The node budget shrinks until the answer fits `max_chars`.
  private func callTree(_ a: ToolArguments, direction: CallDirection) throws -> Data {
    try a.refuseUnknown(except: ["name", "path", "line", "column", "depth", "limit", "max_chars"])
    let tree = try TreeBudget(a)
    guard let navigator = try current() else { throw ToolFailure("the index is still being built; try again shortly") }
    let roots = try places(a, navigator, what: "function, method or initializer") { (name: String) throws(StoreError) in
      try navigator.callables(named: name, limit: 10)
    } at: { (path: String, position: SourcePosition) throws(StoreError) in
      try navigator.callable(path: path, at: position)
    }
    return try tree.fitting { budget in
      var answers: [CallTreeAnswer] = []
      var complete = true
      for root in roots {
        let (links, whole) = try navigator.callTree(from: root, direction: direction, depth: tree.depth, nodeBudget: budget)
        complete = complete && whole
        answers.append(CallTreeAnswer(
          symbol: SymbolRecord(root), direction: direction.rawValue, count: links.reduce(0) { $0 + $1.count },
          links: links.map(HierarchyTreeRecord.init)))
      }
      return try Self.encode(CallTreesAnswer(trees: answers, complete: complete, nodeBudget: budget))
    }
  }

  /// The symbol-level change feed since a generation, oldest first, paged by `limit` (ask again `since` the
  /// answer's `generation`, or `since` the last item's generation when `more` is set).
  private func changedSymbols(_ a: ToolArguments) throws -> Data {
    try a.refuseUnknown(except: ["since", "limit", "max_chars"])
    let since = try a.integer("since", default: -1, range: 0...Int(Int32.max))
    guard since >= 0 else { throw ToolFailure("`since` is required: a generation (every answer gives the one it was read at)") }
    let limit = try a.integer("limit", default: 200, range: 1...ToolCatalog.maxLimit)
    let maxChars = try a.integer("max_chars", default: ToolCatalog.defaultMaxChars, range: ToolCatalog.minMaxChars...ToolCatalog.maxMaxChars)
    guard let navigator = try current() else { throw ToolFailure("the index is still being built; try again shortly") }
    let feed = try navigator.changes(since: Int64(since), limit: limit)
    let (kept, cut) = try Page.fitting(feed.changes, maxChars: maxChars - 200)
    // A page cut inside a generation would skip the rest of it on `since` its number: whole generations only
    // (the first one is given whole even past the budget: there is no smaller page).
    var items = kept
    if cut, let last = kept.last?.generation {
      items = kept.contains(where: { $0.generation != last }) ? kept.filter { $0.generation != last } : feed.changes.filter { $0.generation == last }
    }
    let more = items.count < feed.changes.count || (!feed.complete && since >= (feed.startsAt ?? Int64.max))
    return try Self.encode(ChangesAnswer(
      changes: items, count: items.count, more: more, complete: feed.complete && !more, startsAt: feed.startsAt,
      nextSince: more ? items.last?.generation : nil))
  }

  /// The definitions a change touches (git's diff of the working tree against HEAD, or of `revisions`) and
  /// their callers to `depth`; cut to fit `max_chars` by shrinking the callers' budget, then the list.
  private func impact(_ a: ToolArguments) throws -> Data {
    try a.refuseUnknown(except: ["revisions", "depth", "limit", "max_chars"])
    let tree = try TreeBudget(a)
    let revisions = try a.string("revisions")
    guard let navigator = try current(), let root = navigator.root else { throw ToolFailure("the index is still being built; try again shortly") }
    let changes: ChangedLines
    do {
      changes = try ChangedLines.fromGit(root: root, revisions: revisions?.isEmpty == false ? revisions : nil)
    } catch let failure as GitFailure {
      throw ToolFailure("impact needs git history in \(root): \(failure.message)")
    }
    let changed = try navigator.changedDefinitions(changes)
    // The callers' budget shrinks first; when even one caller a definition is too much, the list does.
    var shown = min(changed.count, 50)
    while true {
      let data = try tree.fitting { budget in
        var complete = shown == changed.count
        var records: [ImpactAnswer.Changed] = []
        for definition in changed.prefix(shown) {
          var callers: [HierarchyTreeRecord] = []
          if definition.symbol.symbol.kind.isCallable {
            let (links, whole) = try navigator.callTree(from: definition.symbol, direction: .incoming, depth: tree.depth, nodeBudget: budget)
            complete = complete && whole
            callers = links.map(HierarchyTreeRecord.init)
          }
          records.append(ImpactAnswer.Changed(
            symbol: SymbolRecord(definition.symbol), lines: definition.lines.map { [$0.lowerBound, $0.upperBound] },
            callers: callers, callerCount: callers.reduce(0) { $0 + 1 + $1.descendants }))
        }
        return try Self.encode(ImpactAnswer(
          revisions: revisions ?? "working tree against HEAD", changedFiles: changes.files.count, changed: records,
          totalChanged: changed.count, complete: complete, nodeBudget: budget))
      }
      if data.count <= tree.maxChars || shown <= 1 { return data }
      shown /= 2
    }
  }

  /// Lines of the indexed files matching a literal or a regular expression, a page at a time.
  private func searchText(_ a: ToolArguments) throws -> Data {
    try a.refuseUnknown(except: ["pattern", "regex", "case_sensitive", "path", "context", "limit", "offset", "max_chars"])
    let pattern = try a.requiredString("pattern")
    let page = try Page(a)
    let context = try a.integer("context", default: 0, range: 0...TextQuery.maximumContext)
    guard let navigator = try current() else { return try page.encode([TextMatch](), more: false) }
    let query = TextQuery(
      pattern: pattern, regex: try a.bool("regex") ?? false, caseSensitive: try a.bool("case_sensitive") ?? true,
      pathGlob: try a.string("path"), context: context, limit: page.fetchLimit)
    let found: [TextMatch]
    do {
      found = try navigator.searchText(query).matches
    } catch let error as TextPatternError {
      throw ToolFailure(error.description)
    }
    return try page.encode(Array(page.slice(found)), more: found.count > page.offset + page.limit)
  }

  /// A type's supertypes and subtypes as trees: by `name` (every type of it) or by a place naming or using one.
  private func typeHierarchy(_ a: ToolArguments) throws -> Data {
    try a.refuseUnknown(except: ["name", "path", "line", "column", "direction", "depth", "limit", "max_chars"])
    let tree = try TreeBudget(a)
    let direction = try a.string("direction") ?? "both"
    guard ["both", "supertypes", "subtypes"].contains(direction) else { throw ToolFailure("`direction` must be one of: both, supertypes, subtypes") }
    guard let navigator = try current() else { throw ToolFailure("the index is still being built; try again shortly") }
    let roots = try places(a, navigator, what: "class, struct, interface, protocol, trait or enum") { (name: String) throws(StoreError) in
      try navigator.hierarchyTypes(named: name, limit: 10)
    } at: { (path: String, position: SourcePosition) throws(StoreError) in
      try navigator.hierarchyType(path: path, at: position)
    }
    return try tree.fitting { budget in
      var answers: [TypeHierarchyAnswer] = []
      var complete = true
      for root in roots {
        var answer = TypeHierarchyAnswer(symbol: SymbolRecord(root))
        if direction != "subtypes" {
          let (links, whole) = try navigator.typeTree(from: root, direction: .outgoing, depth: tree.depth, nodeBudget: budget)
          complete = complete && whole
          answer.supertypes = links.map(HierarchyTreeRecord.init)
        }
        if direction != "supertypes" {
          let (links, whole) = try navigator.typeTree(from: root, direction: .incoming, depth: tree.depth, nodeBudget: budget)
          complete = complete && whole
          answer.subtypes = links.map(HierarchyTreeRecord.init)
        }
        answers.append(answer)
      }
      return try Self.encode(TypeHierarchiesAnswer(types: answers, complete: complete, nodeBudget: budget))
    }
  }

  /// The definitions a hierarchy tool starts from: `name`, or `path`/`line`/`column`, not both.
  private func places(
    _ a: ToolArguments, _ navigator: QueryEngine, what: String, named: (String) throws(StoreError) -> [SymbolMatch],
    at: (String, SourcePosition) throws(StoreError) -> SymbolMatch?
  ) throws -> [SymbolMatch] {
    let name = try a.string("name")
    let path = try a.string("path")
    let line = try a.integer("line", default: 0, range: 0...Int(Int32.max))
    let column = try a.integer("column", default: 0, range: 0...Int(Int32.max))
    if let name, !name.isEmpty {
      guard path == nil, line == 0, column == 0 else { throw ToolFailure("give `name`, or `path`, `line` and `column`, not both") }
      let found = try named(name)
      if found.isEmpty { throw ToolFailure("no \(what) named `\(name)`; find_symbol lists what there is") }
      return found
    }
    guard let path, line >= 1, column >= 1 else {
      throw ToolFailure("give `name`, or `path`, `line` and `column` (1-based; column in UTF-8 bytes)")
    }
    guard try navigator.contains(path: path) else { throw ToolFailure("\(path) is not in the index; list_files shows the indexed paths") }
    guard let found = try at(path, SourcePosition(line: line, column: column)) else {
      throw ToolFailure("no \(what) is named or used at \(path):\(line):\(column)")
    }
    return [found]
  }

  /// A file's outline, a page at a time: the top-level definitions (or, with `container`, the children of the
  /// definition of that dotted name) from `offset`, each whole while it fits `max_chars`, else folded to its
  /// child count; `nextOffset` continues.
  private func fileOutline(_ a: ToolArguments) throws -> Data {
    try a.refuseUnknown(except: ["path", "container", "offset", "max_chars"])
    let path = try a.requiredString("path")
    let offset = try a.integer("offset", default: 0, range: 0...Int(Int32.max))
    let maxChars = try a.integer("max_chars", default: ToolCatalog.defaultMaxChars, range: ToolCatalog.minMaxChars...ToolCatalog.maxMaxChars)
    guard let navigator = try current(), var level = try navigator.outlineTree(path: path) else {
      throw ToolFailure("\(path) is not in the index; list_files shows the indexed paths")
    }
    let container = try a.string("container")
    if let container, !container.isEmpty {
      for part in container.split(separator: ".") {
        guard let node = level.first(where: { $0.symbol.name == part }) else {
          throw ToolFailure("\(path) has no definition `\(container)` (a dotted path from the top level, e.g. Outer.Inner)")
        }
        level = node.children
      }
    }
    var used = 200 + path.utf8.count + (container?.utf8.count ?? 0)
    var kept: [OutlineRecord] = []
    var folded = false
    for node in level.dropFirst(offset) {
      let whole = OutlineRecord(node)
      let size = try Self.encode(whole).count + 1
      if used + size <= maxChars {
        kept.append(whole)
        used += size
        continue
      }
      let small = whole.folded
      let smallSize = try Self.encode(small).count + 1
      guard used + smallSize <= maxChars else { break }
      kept.append(small)
      used += smallSize
      folded = folded || small.collapsed
    }
    let next = offset + kept.count < level.count ? offset + kept.count : nil
    return try Self.encode(OutlineAnswer(
      path: path, container: container, symbols: kept, count: kept.count, total: level.count, nextOffset: next,
      truncated: next != nil || folded))
  }

  private func symbolSource(_ a: ToolArguments) throws -> Data {
    try a.refuseUnknown(except: ["path", "line", "name", "kind", "max_chars"])
    let maxChars = try a.integer("max_chars", default: ToolCatalog.defaultMaxChars, range: ToolCatalog.minMaxChars...ToolCatalog.maxMaxChars)
    let path = try a.string("path")
    let name = try a.string("name")
    let line = try a.integer("line", default: 0, range: 0...Int(Int32.max))
    let kind = try a.choice("kind", of: SymbolKind.self, allowed: SymbolKind.allCases)
    guard let navigator = try current() else { throw ToolFailure("the index is still being built; try again shortly") }
    let match: SymbolMatch
    var others = 0
    var candidates: [SymbolRecord] = []
    if let name, !name.isEmpty {
      // Ranked: the definition someone asking by name means first, the others listed to pick from.
      let matches = try navigator.rankedDefinitions(named: name, kinds: kind.map { [$0] } ?? [], pathGlob: path)
      guard let first = matches.first else { throw ToolFailure("no definition named `\(name)`\(path.map { " in \($0)" } ?? "")") }
      match = first
      others = matches.count - 1
      candidates = matches.dropFirst().prefix(10).map(SymbolRecord.init)
    } else if let path, line >= 1 {
      guard let found = try navigator.definition(path: path, line: line) else {
        throw ToolFailure("no definition spans line \(line) of \(path) in the index")
      }
      match = found
    } else {
      throw ToolFailure("give `name`, or `path` and `line`")
    }
    guard var text = navigator.sourceText(of: match) else {
      throw ToolFailure("\(match.path) cannot be read, or no longer has lines \(match.symbol.range.start.line)-\(match.symbol.range.end.line)")
    }
    var truncated = false
    if text.count > maxChars {
      text = String(text.prefix(maxChars))
      truncated = true
    }
    return try Self.encode(SourceAnswer(
      symbol: SymbolRecord(match), text: text, truncated: truncated, otherDefinitions: others, candidates: candidates))
  }

  private func listFiles(_ a: ToolArguments) throws -> Data {
    try a.refuseUnknown(except: ["glob", "language", "limit", "offset", "max_chars"])
    let page = try Page(a)
    let language = try a.choice("language", of: Language.self, allowed: Language.allCases)
    guard let navigator = try current() else { return try page.encode([FileRecord](), more: false) }
    let files = try navigator.files(
      pathGlob: try a.string("glob"), languages: language.map { [$0] } ?? [], limit: page.limit + 1, offset: page.offset)
    let more = files.count > page.limit
    let total = more ? try navigator.fileTotal(pathGlob: try a.string("glob"), languages: language.map { [$0] } ?? []) : page.offset + files.count
    return try page.encode(files.prefix(page.limit).map(FileRecord.init), more: more, total: total)
  }

  private func indexStatus(_ a: ToolArguments) throws -> Data {
    try a.refuseUnknown(except: [])
    let watcher = service?.state.description ?? "not started (--no-watch): the index changes only when something else updates it"
    guard let navigator = try current() else {
      return try Self.encode(StatusAnswer(root: engine.root ?? "", database: engine.databasePath, watcher: watcher, index: nil))
    }
    let s = try navigator.statistics()
    let languages = s.languages.sorted { $0.key < $1.key }.map {
      StatusAnswer.Index.LanguageRow(language: $0.key.rawValue, files: $0.value.files, symbols: $0.value.symbols, references: $0.value.references)
    }
    let index = StatusAnswer.Index(
      files: s.files, symbols: s.symbols, references: s.references, languages: languages, skippedFiles: s.skipped.count,
      generation: s.generation, lastIndexTime: s.lastIndexTime, databaseBytes: s.databaseBytes, schemaVersion: s.schemaVersion)
    return try Self.encode(StatusAnswer(root: engine.root ?? "", database: engine.databasePath, watcher: watcher, index: index))
  }

  static func encode(_ value: some Encodable) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(value)
  }
}

// MARK: Answers

struct PagedAnswer<Item: Encodable>: Encodable {
  var items: [Item]
  var count: Int
  /// Every item the question matches, across pages; absent when it was not counted (ranked searches, and
  /// references or text matches past the page, which would mean reading every file that holds them).
  var total: Int?
  /// Pass as `offset` for the next page; absent when this page ends the list.
  var nextOffset: Int?
  /// Items were left off to stay within `max_chars` (the next page starts with them).
  var truncated: Bool
  /// Nothing the question matches was left out: no later page, no file the index could not read that holds
  /// the name, no answer that is a guess by name.
  var complete: Bool
  var leftOut: LeftOut?
}

/// What an incomplete answer lacks.
struct LeftOut: Encodable {
  /// Items after this page (-1: some, not counted).
  var items: Int?
  /// Files the index holds no definitions of (too large, past a limit, quarantined…) whose text holds the name.
  var files: [LeftOutFile]?
  /// Answers found by name alone (`resolution: name`): guesses, and the right one may not be among them.
  var unresolved: Int?
}

struct CallTreeAnswer: Encodable {
  var symbol: SymbolRecord
  var direction: String
  /// Functions in the tree below the root.
  var count: Int
  var links: [HierarchyTreeRecord]
}

struct CallTreesAnswer: Encodable {
  var trees: [CallTreeAnswer]
  /// False when the node budget (`limit`, shrunk to fit `max_chars`) or the per-function cap left links out.
  var complete: Bool
  var nodeBudget: Int
}

struct ChangesAnswer: Encodable {
  var changes: [SymbolChange]
  var count: Int
  /// More changes follow: ask again with `since` = `nextSince`.
  var more: Bool
  /// False when `since` is older than the feed (a rebuild, or old rows dropped): the index changed in ways not listed.
  var complete: Bool
  var startsAt: Int64?
  var nextSince: Int64?
}

struct ImpactAnswer: Encodable {
  struct Changed: Encodable {
    var symbol: SymbolRecord
    /// The changed line ranges inside it, `[first, last]`.
    var lines: [[Int]]
    var callers: [HierarchyTreeRecord]
    var callerCount: Int
  }
  var revisions: String
  var changedFiles: Int
  var changed: [Changed]
  /// Changed definitions in all (`changed` may list fewer, to fit).
  var totalChanged: Int
  var complete: Bool
  var nodeBudget: Int
}

struct TypeHierarchyAnswer: Encodable {
  var symbol: SymbolRecord
  /// Absent when not asked for (`direction`).
  var supertypes: [HierarchyTreeRecord]?
  var subtypes: [HierarchyTreeRecord]?
}

struct TypeHierarchiesAnswer: Encodable {
  var types: [TypeHierarchyAnswer]
  var complete: Bool
  var nodeBudget: Int
}

struct OutlineAnswer: Encodable {
  var path: String
  var container: String?
  var symbols: [OutlineRecord]
  /// Definitions on this page, and at this level in all.
  var count: Int
  var total: Int
  /// Pass as `offset` for the next page; absent on the last.
  var nextOffset: Int?
  /// Something was left for a later page, or folded to its child count.
  var truncated: Bool
}

struct SourceAnswer: Encodable {
  var symbol: SymbolRecord
  var text: String
  var truncated: Bool
  /// How many more definitions matched the name (narrow with path or kind to pick another).
  var otherDefinitions: Int
  /// The next ten of them, in rank order.
  var candidates: [SymbolRecord]
}

struct StatusAnswer: Encodable {
  struct Index: Encodable {
    struct LanguageRow: Encodable {
      var language: String
      var files: Int
      var symbols: Int
      var references: Int
    }
    var files: Int
    var symbols: Int
    var references: Int
    var languages: [LanguageRow]
    var skippedFiles: Int
    var generation: Int64
    var lastIndexTime: String?
    var databaseBytes: Int64
    var schemaVersion: Int
  }
  var root: String
  var database: String
  var watcher: String
  /// nil while no index exists yet (a first build is running).
  var index: Index?
}
