import ArgumentParser

extension IndexerCommand {
  /// `indexer query def PATH:LINE:COLUMN`: go-to-definition from a place in a file, as an editor asks it.
  struct QueryDef: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "def",
      abstract: "Print the definition of the name used at PATH:LINE:COLUMN, saying how it was found.",
      discussion: """
        LINE and COLUMN are 1-based; COLUMN counts UTF-8 bytes and may point anywhere inside the name. Each \
        line is path:line:column  resolution  kind  name, where resolution is local, import, member or scope \
        when the language's rules reached the definition (one answer), or name when they did not and the \
        answers are definitions with that name, nearest first. Languages whose reader records scopes: \
        Python, Swift, JavaScript, TypeScript, Go, C, C++, Java and Rust. Exit status: 0 when something was found, 1 when nothing was, \
        2 on error.
        """
    )

    @Argument(help: ArgumentHelp("The use: a file (relative to the root or to the current folder), a line and a column.", valueName: "path:line:column"))
    var place: String

    @Argument(help: ArgumentHelp("The workspace, as --root gives it (default: the nearest folder at or above the current one that has .indexer/).", valueName: "path"))
    var workspace: String?

    @Option(help: ArgumentHelp("Print at most this many definitions.", valueName: "n"))
    var limit: Int?

    @Flag(help: "Wait until the running watcher has indexed every change made before this query.")
    var sync = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      try DefQueryRun(place: place, limit: limit, location: try database.location(path: workspace), json: output.json, sync: sync).run()
    }
  }
}
