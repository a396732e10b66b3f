import ArgumentParser
import IndexerModel
import IndexerQuery

/// A `query refs --at PATH:LINE:COL` request: the uses resolution ties to the definition named there.
struct ResolvedRefsQueryRun {
  var place: String
  var options = QueryOptions()

  func run() throws {
    if let limit = options.limit, limit < 1 { throw UsageError(userMessage: "--limit must be at least 1") }
    let (navigator, relative, position) = try DefQueryRun.open(place, location: options.location, sync: options.sync)
    let found = try navigator.resolvedReferences(path: relative, at: position, includeDeclaration: true, limit: options.limit)
    let references = found?.references ?? []
    var out = OutputBuffer()
    for reference in references {
      let match = reference.match
      if options.json {
        out.line(RefsQueryRun.json(match, name: found?.name ?? "") { $0.add("resolution", reference.resolution.rawValue) })
      } else {
        out.line(RefsQueryRun.text(match) + "  " + reference.resolution.rawValue)
      }
    }
    out.flush()
    if references.isEmpty { throw ExitCode(1) }
  }
}
