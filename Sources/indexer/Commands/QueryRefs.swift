import ArgumentParser
import IndexerModel

extension IndexerCommand {
  /// `indexer query refs NAME`: every occurrence of an identifier, like `global -rx` with definitions marked.
  struct QueryRefs: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "refs",
      abstract: "Print every occurrence of the identifier NAME as path:line:column  def|ref  container.",
      discussion: """
        Occurrences inside strings and comments are not references. 'def' marks the occurrence that is a \
        definition's own name. Exit status: 0 when something was found, 1 when nothing was, 2 on error.
        """
    )

    @Argument(help: ArgumentHelp("The identifier, matched exactly (case-sensitive).", valueName: "name"))
    var name: String?

    @Argument(help: ArgumentHelp("The workspace, as --root gives it (default: the nearest folder at or above the current one that has .indexer/).", valueName: "path"))
    var workspace: String?

    @Option(
      help: ArgumentHelp(
        "Instead of NAME: the uses of what the name at this place refers to, resolved by its language's rules (each line says how: local, import, member, scope; name for a member whose receiver could not be typed).",
        valueName: "path:line:column"))
    var at: String?

    @Option(name: .customLong("lang"), help: ArgumentHelp("Only this language (repeatable): \(Language.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "language"))
    var languages: [String] = []

    @Option(help: ArgumentHelp("Only files whose root-relative path matches this glob (`*` also matches `/`).", valueName: "glob"))
    var path: String?

    @Option(help: ArgumentHelp("Print at most this many occurrences.", valueName: "n"))
    var limit: Int?

    @Flag(help: "Wait until the running watcher has indexed every change made before this query.")
    var sync = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    /// Usually parsed by `FastPath` instead; this type defines the help text and handles the rest.
    func run() throws {
      // With --at, a lone positional is the workspace.
      let (name, workspace) = at != nil && self.workspace == nil ? (nil, self.name) : (self.name, self.workspace)
      let options = QueryOptions(
        languages: languages, path: path, limit: limit, location: try database.location(path: workspace), json: output.json,
        sync: sync)
      switch (name, at) {
      case (let name?, nil): try RefsQueryRun(name: name, options: options).run()
      case (nil, let place?):
        guard languages.isEmpty, path == nil else {
          throw UsageError(userMessage: "--lang and --path narrow a name search; with --at the definition decides which files count")
        }
        try ResolvedRefsQueryRun(place: place, options: options).run()
      default: throw UsageError(userMessage: "give NAME or --at PATH:LINE:COLUMN, not both and not neither")
      }
    }
  }
}
