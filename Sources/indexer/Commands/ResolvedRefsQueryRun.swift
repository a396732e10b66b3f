import ArgumentParser
import IndexerModel
import IndexerQuery
import IndexerService

/// A `query refs --at PATH:LINE:COL` request: the uses resolution ties to the definition named there.
struct ResolvedRefsQueryRun {
  var place: String
  var options = QueryOptions()

  func run() throws {
    if let limit = options.limit, limit < 1 { throw UsageError(userMessage: "--limit must be at least 1") }
    let pending = options.json ? WatcherOrDatabase(databasePath: options.location.resolvedDatabase(), sync: false).pending() : nil
    let (navigator, relative, position) = try DefQueryRun.open(place, location: options.location, sync: options.sync)
    let (generation, answer) = try navigator.inOneSnapshot { generation in
      (generation, Result { () throws in try navigator.resolvedReferences(path: relative, at: position, includeDeclaration: true, limit: options.limit) })
    }
    let found = try answer.get()
    let references = found?.references ?? []
    var out = OutputBuffer()
    for reference in references {
      let match = reference.match
      if options.json {
        out.line(ReferenceRecord(reference, name: found?.name ?? "").jsonLine)
      } else {
        out.line(RefsQueryRun.text(match) + "  " + reference.resolution.rawValue)
      }
    }
    if options.json {
      // Uses past a limit are not counted; those marked `name` are guesses.
      out.line(
        AnswerSummary(
          generation: generation, pending: pending, count: references.count,
          total: AnswerSummary.total(count: references.count, limit: options.limit) { nil },
          unresolved: references.count { $0.resolution == .name }
        ).line)
    }
    out.flush()
    if references.isEmpty { throw ExitCode(1) }
  }
}
