import ArgumentParser
import IndexerCore
import IndexerQuery

extension IndexerCommand {
  /// `indexer merge --db OUT SHARD...`: the parts `index --shard K/N` wrote, joined into one index.
  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "merge",
      abstract: "Join the shards `indexer index --shard K/N --db F` wrote into one index, equal to a full run.",
      discussion: """
        Every shard 1..N must be given once, built by the same indexer with the same options from the same
        tree (commit); otherwise the merge is refused, naming the odd one out. The merged index is built
        beside --db and renamed into place; it warm-starts on another machine like any index.
        """
    )

    @Option(name: .customLong("db"), help: ArgumentHelp("Write the merged index here.", valueName: "file"))
    var database: String

    @Argument(help: ArgumentHelp("The shard files.", valueName: "shard"))
    var shards: [String] = []

    @Flag(name: .shortAndLong, help: "No summary line.")
    var quiet = false

    @OptionGroup var output: OutputOptions

    func run() throws {
      let report: ShardMerge.Report
      do {
        report = try ShardMerge.run(shards: shards, into: database)
      } catch let refusal as ShardMerge.Refusal {
        throw UsageError(userMessage: refusal.description)
      }
      if output.json {
        var o = JSONObject()
        o.add("shards", report.shards)
        o.add("files", report.files)
        o.add("symbols", report.symbols)
        o.add("generation", report.generation)
        o.add("seconds", report.seconds)
        print(o.text)
      } else if !quiet {
        print(
          "merged \(report.shards) shard\(report.shards == 1 ? "" : "s"): \(report.files) files, \(report.symbols) symbols "
            + "in \(IndexerCommand.Index.seconds(report.seconds)) s → \(database)")
      }
    }
  }
}
