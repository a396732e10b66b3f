import ArgumentParser
import IndexerModel
import IndexerQuery
import IndexerService

/// A `query refs` request as plain values, whichever parser produced it (see `FastPath`).
struct RefsQueryRun {
  var name = ""
  var options = QueryOptions()

  func run() throws {
    if let limit = options.limit, limit < 1 { throw UsageError(userMessage: "--limit must be at least 1") }
    let filter = ReferenceFilter(
      name: name, languages: try options.languages.map(SymbolQueryRun.language), pathGlob: options.path, limit: options.limit)
    let source = WatcherOrDatabase(databasePath: options.location.resolvedDatabase(), sync: options.sync)
    var out = OutputBuffer()
    guard options.json else {
      let matches = try source.references(filter)
      for match in matches { Self.write(match, to: &out) }
      out.flush()
      if matches.isEmpty { throw ExitCode(1) }
      return
    }
    let (answer, generation, pending) = try source.inOneSnapshot(root: options.location.resolvedRoot()) { engine in
      (try engine.references(filter), try engine.leftOutFiles(mentioning: name))
    }
    let matches = answer.0
    for match in matches { out.line(ReferenceRecord(match, name: name).jsonLine) }
    // References past a limit are not counted.
    let total = AnswerSummary.total(count: matches.count, limit: filter.limit) { nil }
    out.line(AnswerSummary(generation: generation, pending: pending, count: matches.count, total: total, leftOutFiles: answer.1).line)
    out.flush()
    if matches.isEmpty { throw ExitCode(1) }
  }

  /// `text(match)` written straight into the buffer: no `String` per line.
  static func write(_ match: ReferenceMatch, to out: inout OutputBuffer) {
    out.write(match.path)
    out.write(":" as StaticString)
    out.write(match.position.line)
    out.write(":" as StaticString)
    out.write(match.position.column)
    out.write(match.isDefinition ? "  def  " as StaticString : "  ref  ")
    if match.container.isEmpty { out.write("-" as StaticString) } else { out.write(match.container) }
    out.endLine()
  }

  static func text(_ match: ReferenceMatch) -> String {
    let p = match.position
    let container = match.container.isEmpty ? "-" : match.container
    return "\(match.path):\(p.line):\(p.column)  \(match.isDefinition ? "def" : "ref")  \(container)"
  }
}
