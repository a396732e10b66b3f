import ArgumentParser
import IndexerModel
import IndexerQuery

/// A `query refs --at PATH:LINE:COL` request: the uses resolution ties to the definition named there.
struct ResolvedRefsQueryRun {
  var place: String
  var options = QueryOptions()

  func run() throws {
    if let limit = options.limit, limit < 1 { throw UsageError(userMessage: "--limit must be at least 1") }
    let (path, position) = try DefQueryRun.parse(place)
    let root = options.location.resolvedRoot()
    let relative = FileQueryRun.relativePath(path, root: root)
    let databasePath = options.location.resolvedDatabase()
    if options.sync { try WatcherOrDatabase(databasePath: databasePath, sync: true).waitForWatcher() }
    let navigator = try WorkspaceNavigator(root: root, databasePath: databasePath)
    guard try navigator.engine.contains(path: relative) else {
      FileHandleOutput.standardError("indexer: \(relative) is not in the index — check the path (relative to \(root)) or run indexer index\n")
      throw ExitCode(2)
    }
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
