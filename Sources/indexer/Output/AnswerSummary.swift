import IndexerQuery
import IndexerService

/// The last line of a JSON Lines answer (`query symbol|refs|def|text --json`): how far to trust the records
/// above it, in the words MCP answers use. It is one object under the single key `summary`, so a reader that
/// takes every line as a record tells it apart by that key (as ripgrep's `--json` marks its `summary`).
struct AnswerSummary {
  /// The index generation the records were read at (one snapshot).
  var generation: Int64
  /// What the watcher had seen change but not committed when the query began; nil: no watcher answers.
  var pending: PendingReport?
  var count: Int
  /// Every record the query matches; nil when a limit cut the answer and the rest was not counted.
  var total: Int?
  /// Files the index holds no definitions of whose bytes on disk mention the name.
  var leftOutFiles: [LeftOutFile] = []
  /// Records that are only guesses by name (`resolution: name`).
  var unresolved = 0

  var complete: Bool { total == count && leftOutFiles.isEmpty && unresolved == 0 }

  /// `total` for an answer of `count` records asked with `limit`: exact unless the limit may have cut it,
  /// then what `counted` says (nil: not counted).
  static func total(count: Int, limit: Int?, counted: () throws -> Int?) rethrows -> Int? {
    guard let limit, count >= limit else { return count }
    return try counted()
  }

  var line: String {
    var o = JSONObject()
    o.add("generation", generation)
    o.add("pending", raw: PendingReport.json(pending))
    o.add("complete", complete)
    o.add("count", count)
    o.add("total", total ?? -1)
    if !complete {
      var left = JSONObject()
      if total != count { left.add("items", total.map { max(0, $0 - count) } ?? -1) }
      if !leftOutFiles.isEmpty {
        let files = leftOutFiles.map { file -> String in
          var f = JSONObject()
          f.add("path", file.path)
          f.add("status", file.status.rawValue)
          return f.text
        }
        left.add("files", raw: "[" + files.joined(separator: ",") + "]")
      }
      if unresolved > 0 { left.add("unresolved", unresolved) }
      o.add("leftOut", raw: left.text)
    }
    var summary = JSONObject()
    summary.add("summary", raw: o.text)
    return summary.text
  }
}

extension WatcherOrDatabase {
  /// `body`'s answer and the generation it was read at, from one snapshot of the database (after `--sync`
  /// has waited for the watcher), with what the watcher had pending before the read began.
  func inOneSnapshot<T>(
    root: String?, _ body: (QueryEngine) throws -> T
  ) throws -> (answer: T, generation: Int64, pending: PendingReport?) {
    if sync { try waitForWatcher() }
    let pending = pending()
    let engine = try QueryEngine(databasePath: databasePath, root: root)
    let (generation, answer) = try engine.inOneSnapshot { generation in (generation, Result { try body(engine) }) }
    return (try answer.get(), generation, pending)
  }
}
