import ArgumentParser
import IndexerModel
import IndexerQuery
import IndexerService

/// A `query def` request: resolves the use at a place through the query core's resolver.
struct DefQueryRun {
  var place: String
  var limit: Int?
  var location = DatabaseLocation()
  var json = false
  var sync = false

  func run() throws {
    if let limit, limit < 1 { throw UsageError(userMessage: "--limit must be at least 1") }
    let pending = json ? WatcherOrDatabase(databasePath: location.resolvedDatabase(), sync: false).pending() : nil
    let (navigator, relative, position) = try Self.open(place, location: location, sync: sync)
    let asked = limit ?? QueryEngine.definitionLimit
    let (generation, found) = try navigator.inOneSnapshot { generation in
      (generation, Result { () throws -> [ResolvedDefinition] in try navigator.resolvedDefinitions(path: relative, at: position, limit: asked) })
    }
    let answers = Array(try found.get().prefix(asked))
    var out = OutputBuffer()
    for answer in answers {
      out.line(json ? Self.json(answer) : Self.text(answer))
    }
    if json {
      out.line(
        AnswerSummary(
          generation: generation, pending: pending, count: answers.count, total: AnswerSummary.total(count: answers.count, limit: asked) { nil },
          unresolved: answers.count { $0.resolution == .name }
        ).line)
    }
    out.flush()
    if answers.isEmpty { throw ExitCode(1) }
  }

  /// The query core and the place a `PATH:LINE:COL` request names (the path made root-relative), after
  /// waiting for the watcher with `sync`; a file the index lacks is one line and exit 2.
  static func open(
    _ place: String, location: DatabaseLocation, sync: Bool
  ) throws -> (QueryEngine, path: String, position: SourcePosition) {
    let (path, position) = try parse(place)
    let root = location.resolvedRoot()
    let relative = FileQueryRun.relativePath(path, root: root)
    let databasePath = location.resolvedDatabase()
    if sync { try WatcherOrDatabase(databasePath: databasePath, sync: true).waitForWatcher() }
    let navigator = try QueryEngine(databasePath: databasePath, root: root)
    guard try navigator.contains(path: relative) else {
      FileHandleOutput.standardError("indexer: \(relative) is not in the index — check the path (relative to \(root)) or run indexer index\n")
      throw ExitCode(2)
    }
    return (navigator, relative, position)
  }

  /// `path:line:column`, split from the right so a path may hold colons.
  static func parse(_ place: String) throws -> (String, SourcePosition) {
    let parts = place.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count >= 3, let line = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1]), line >= 1, column >= 1,
      !parts[0].isEmpty
    else {
      throw UsageError(userMessage: "'\(place)' is not PATH:LINE:COLUMN — give a file, a 1-based line and a 1-based column, e.g. src/app.py:12:5")
    }
    return (parts.dropLast(2).joined(separator: ":"), SourcePosition(line: line, column: column))
  }

  static func kind(_ answer: ResolvedDefinition) -> String {
    answer.symbol?.symbol.kind.rawValue ?? answer.bindingKind
  }

  static func text(_ answer: ResolvedDefinition) -> String {
    let p = answer.position
    let name = answer.symbol.map { $0.symbol.qualifiedName(separator: $0.language.scopeSeparator) } ?? answer.name
    return "\(answer.path):\(p.line):\(p.column)  \(answer.resolution.rawValue)  \(kind(answer))  \(name)"
  }

  static func json(_ answer: ResolvedDefinition) -> String {
    guard let match = answer.symbol else {
      var o = JSONObject()
      o.add("name", answer.name)
      o.add("kind", answer.bindingKind)
      o.add("path", answer.path)
      o.add("line", answer.position.line)
      o.add("column", answer.position.column)
      o.add("resolution", answer.resolution.rawValue)
      return o.text
    }
    return SymbolFormatter.json(match.symbol, path: match.path, language: match.language) { o in
      o.add("nameLine", answer.position.line)
      o.add("nameColumn", answer.position.column)
      o.add("resolution", answer.resolution.rawValue)
    }
  }
}
