import ArgumentParser
import IndexerModel
import IndexerCore
import IndexerQuery

extension IndexerCommand {
  /// `indexer check [PATH] [--repair]`: `git fsck` for the index.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Verify the index: SQLite's quick_check, every stored blob decoded, every count cross-checked.",
      discussion: """
        Exits 0 when the index is sound and 1 with one line per problem otherwise. With --repair it mends
        what it found: damaged index pages are rebuilt (REINDEX), files whose rows or blobs are damaged are
        read again from the workspace, and when table pages themselves are lost the damaged file is kept as
        <db>.damaged and the index is built again.
        """
    )

    @OptionGroup var workspace: WorkspaceOptions

    @Flag(help: "Mend what the check finds (takes the writer lock, like `indexer index`).")
    var repair = false

    @OptionGroup var output: OutputOptions

    func run() throws {
      let options = try workspace.indexOptions()
      if repair {
        let pipeline = IndexPipeline(options: options)
        defer { pipeline.shutdown() }
        let report = try IndexRepair.repair(pipeline: pipeline)
        print(Self.describe(report.found, heading: report.found.problems.isEmpty ? "sound" : "found"))
        if report.reindexed { print("repaired: rebuilt every SQL index (REINDEX)") }
        if report.deletedOrphans { print("repaired: deleted rows that belonged to no file") }
        for path in report.reread { print("repaired: read again \(path)") }
        if let aside = report.rebuiltFrom { print("repaired: table pages were lost; rebuilt the index (the damaged file is \(aside))") }
        if !report.found.problems.isEmpty { print(Self.describe(report.after, heading: report.after.problems.isEmpty ? "now sound" : "still damaged")) }
        if !report.after.problems.isEmpty { throw ExitCode(1) }
        return
      }
      let report = try IndexRepair.check(databasePath: options.databasePath)
      if output.json {
        var object = JSONObject()
        object.add("sound", report.problems.isEmpty)
        object.add("files", report.filesChecked)
        object.add("symbols", report.symbolsChecked)
        object.add("references", report.referencesChecked)
        let problems = report.problems.map { problem -> String in
          var o = JSONObject()
          o.add("kind", problem.kind.rawValue)
          o.add("path", problem.path)
          o.add("detail", problem.detail)
          return o.text
        }
        object.add("problems", raw: JSONObject.array(problems))
        print(object.text)
      } else {
        print(Self.describe(report, heading: report.problems.isEmpty ? "sound" : "damaged"))
      }
      if !report.problems.isEmpty { throw ExitCode(1) }
    }

    static func describe(_ report: IntegrityReport, heading: String) -> String {
      var lines = [
        "\(heading): \(report.filesChecked) files, \(report.symbolsChecked) symbols, \(report.referencesChecked) references checked"
          + (report.problems.isEmpty ? "" : "; \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s")")
      ]
      for problem in report.problems {
        lines.append("  \(problem.kind.rawValue)  \(problem.path ?? "(database)")  \(problem.detail)")
      }
      if heading == "damaged" { lines.append("run `indexer check --repair` to mend it") }
      return lines.joined(separator: "\n")
    }
  }
}
