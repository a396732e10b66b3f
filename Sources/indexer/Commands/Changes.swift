import ArgumentParser
import Foundation
import IndexerModel
import IndexerQuery
import IndexerService

extension IndexerCommand {
  /// `indexer changes --since G`: the symbol-level change feed.
  struct Changes: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "changes",
      abstract: "Print the definitions added, removed or changed since generation G, oldest first.",
      discussion: """
        Each commit after a bulk build or the first fill of an empty index records them (a changed definition's signature or extent differs; a \
        rename and a rebuild are not listed). Each line is generation  added|removed|changed  path:line  kind  \
        name  signature; the last line, `# generation N complete|incomplete[ since S]`, gives the generation to ask \
        --since next time, and says whether the list is whole (incomplete: G is older than the feed, which starts at S, or \
        --limit cut it). Exit status: 0 when something changed, 1 when nothing did, 2 on error.
        """
    )

    @Argument(help: ArgumentHelp("The workspace folder (as --root).", valueName: "path"))
    var path: String?

    @Option(help: ArgumentHelp("The generation last seen (stats and every --json answer give it).", valueName: "generation"))
    var since: Int64

    @Option(help: ArgumentHelp("Print at most this many changes.", valueName: "n"))
    var limit = 10_000

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      guard since >= 0 else { throw UsageError(userMessage: "--since must be a generation (0 or more)") }
      guard limit >= 1 else { throw UsageError(userMessage: "--limit must be at least 1") }
      let location = try database.location(path: path)
      let pending = output.json ? WatcherOrDatabase(databasePath: location.resolvedDatabase(), sync: false).pending() : nil
      let feed = try QueryEngine(databasePath: location.resolvedDatabase(), root: location.resolvedRoot()).changes(since: since, limit: limit)
      var out = OutputBuffer()
      if output.json {
        var o = JSONObject()
        o.add("generation", feed.generation)
        o.add("complete", feed.complete)
        o.add("pending", raw: PendingReport.json(pending))
        if let start = feed.startsAt { o.add("startsAt", start) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let changes = (try? encoder.encode(feed.changes)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        o.add("changes", raw: changes)
        out.line(o.text)
      } else {
        for c in feed.changes {
          let name = c.container.isEmpty ? c.name : c.container + "." + c.name
          out.line("\(c.generation)  \(c.change.rawValue)  \(c.path):\(c.line)  \(c.kind)  \(name)  \(c.signature)")
        }
        let start = feed.startsAt.map { feed.complete ? "" : " since \($0)" } ?? ""
        out.line("# generation \(feed.generation) \(feed.complete ? "complete" : "incomplete")\(start)")
      }
      out.flush()
      if feed.changes.isEmpty { throw ExitCode(1) }
    }
  }
}
