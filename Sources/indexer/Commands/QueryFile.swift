import ArgumentParser
import IndexerModel


extension IndexerCommand {
  /// `indexer query file PATH`: the declaration tree of one file, decoded from its stored outline.
  struct QueryFile: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "file",
      abstract: "Print a file's outline: its declarations as a tree, with ranges and signatures.",
      discussion: "Exit status: 0 when the file is in the index, 1 when it is not, 2 on error."
    )

    @Argument(help: ArgumentHelp("The file, relative to the root or to the current folder.", valueName: "path"))
    var path: String

    @Argument(help: ArgumentHelp("The workspace, as --root gives it (default: the nearest folder at or above the current one that has .indexer/).", valueName: "path"))
    var workspace: String?

    @Flag(help: "Wait until the running watcher has indexed every change made before this query.")
    var sync = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      try FileQueryRun(path: path, location: try database.location(path: workspace), json: output.json, sync: sync).run()
    }
  }
}
