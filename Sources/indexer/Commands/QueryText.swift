import ArgumentParser
import IndexerModel
import IndexerQuery
import IndexerService

extension IndexerCommand {
  /// `indexer query text PATTERN`: grep over the files the index holds.
  struct QueryText: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "text",
      abstract: "Print the lines of the indexed files that hold PATTERN (or match it, with --regex), grep-like.",
      discussion: """
        Searches the files the index holds (the walk's ignore rules and limits apply), read from disk as they \
        are now. Each line is path:line:column:text; context lines (-C) are path-line-text, as grep prints \
        them. Exit status: 0 when something was found, 1 when nothing was, 2 on error.
        """
    )

    @Argument(help: ArgumentHelp("The text to find.", valueName: "pattern"))
    var pattern: String

    @Argument(help: ArgumentHelp("The workspace, as --root gives it (default: the nearest folder at or above the current one that has .indexer/).", valueName: "path"))
    var workspace: String?

    @Flag(help: "Read PATTERN as a POSIX extended regular expression.")
    var regex = false

    @Flag(name: [.customShort("i"), .customLong("ignore-case")], help: "Ignore case (ASCII letters for a literal).")
    var ignoreCase = false

    @Option(help: ArgumentHelp("Only files whose root-relative path matches this glob (`*` also matches `/`).", valueName: "glob"))
    var path: String?

    @Option(name: [.customShort("C"), .customLong("context")], help: ArgumentHelp("Lines of context around each match (at most 10).", valueName: "n"))
    var context = 0

    @Option(help: ArgumentHelp("Print at most this many matching lines.", valueName: "n"))
    var limit = 1000

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      guard !pattern.isEmpty else { throw UsageError(userMessage: "PATTERN must not be empty") }
      guard limit >= 1 else { throw UsageError(userMessage: "--limit must be at least 1") }
      guard (0...TextQuery.maximumContext).contains(context) else { throw UsageError(userMessage: "-C must be from 0 to 10") }
      let location = try database.location(path: workspace)
      let query = TextQuery(pattern: pattern, regex: regex, caseSensitive: !ignoreCase, pathGlob: path, context: context, limit: limit)
      let matches: [TextMatch]
      let source = WatcherOrDatabase(databasePath: location.resolvedDatabase(), sync: false)
      let read: (matches: [TextMatch], generation: Int64, pending: PendingReport?)
      do {
        let answer = try source.inOneSnapshot(root: location.resolvedRoot()) { engine in try engine.searchText(query).matches }
        read = (answer.answer, answer.generation, output.json ? answer.pending : nil)
      } catch let error as TextPatternError {
        throw UsageError(userMessage: error.description)
      }
      matches = read.matches
      var out = OutputBuffer()
      for match in matches {
        if output.json {
          var o = JSONObject()
          o.add("path", match.path)
          o.add("line", match.line)
          o.add("column", match.column)
          o.add("text", match.text)
          if context > 0 {
            o.add("before", raw: "[" + match.before.map(Self.quoted).joined(separator: ",") + "]")
            o.add("after", raw: "[" + match.after.map(Self.quoted).joined(separator: ",") + "]")
          }
          out.line(o.text)
          continue
        }
        for (k, text) in match.before.enumerated() { out.line("\(match.path)-\(match.line - match.before.count + k)-\(text)") }
        out.line("\(match.path):\(match.line):\(match.column):\(match.text)")
        for (k, text) in match.after.enumerated() { out.line("\(match.path)-\(match.line + 1 + k)-\(text)") }
      }
      if output.json {
        // Lines past the limit are not counted.
        let total = AnswerSummary.total(count: matches.count, limit: limit) { nil }
        out.line(AnswerSummary(generation: read.generation, pending: read.pending, count: matches.count, total: total).line)
      }
      out.flush()
      if matches.isEmpty { throw ExitCode(1) }
    }

    private static func quoted(_ text: String) -> String {
      var bytes: [UInt8] = []
      JSONObject.appendQuoted(text, to: &bytes)
      return String(decoding: bytes, as: UTF8.self)
    }
  }
}
