import ArgumentParser
import IndexerModel
import IndexerQuery
import IndexerStore

/// A `query refs` request as plain values, whichever parser produced it (see `FastPath`).
struct RefsQueryRun {
  var name = ""
  var options = QueryOptions()

  func run() throws {
    if let limit = options.limit, limit < 1 { throw UsageError(userMessage: "--limit must be at least 1") }
    let filter = ReferenceFilter(
      name: name, languages: try options.languages.map(SymbolQueryRun.language), pathGlob: options.path, limit: options.limit)
    let matches = try WatcherOrDatabase(databasePath: options.location.resolvedDatabase(), sync: options.sync).references(filter)
    var out = OutputBuffer()
    for match in matches {
      out.line(options.json ? Self.json(match, name: name) : Self.text(match))
    }
    out.flush()
    if matches.isEmpty { throw ExitCode(1) }
  }

  static func text(_ match: ReferenceMatch) -> String {
    let p = match.position
    let container = match.container.isEmpty ? "-" : match.container
    return "\(match.path):\(p.line):\(p.column)  \(match.isDefinition ? "def" : "ref")  \(container)"
  }

  /// The fields of `query symbol --json`; a plain reference has kind "reference" and no signature.
  static func json(_ match: ReferenceMatch, name: String) -> String {
    let end = SourcePosition(line: match.position.line, column: match.position.column + name.utf8.count)
    let symbol =
      match.definition.map { definition in
        var s = definition
        s.range = SourceRange(start: match.position, end: end)
        return s
      }
      ?? Symbol(name: name, kind: .variable, container: match.container, range: SourceRange(start: match.position, end: end), signature: "")
    return SymbolFormatter.json(symbol, path: match.path, language: match.language) { o in
      if !match.isDefinition { o.set("kind", "reference") }
      o.add("isDefinition", match.isDefinition)
    }
  }
}
