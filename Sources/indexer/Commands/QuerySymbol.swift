import ArgumentParser
import IndexerModel

extension IndexerCommand {
  /// `indexer query symbol NAME`: definitions, like `global -x` or `readtags`.
  ///
  /// Usually parsed by `FastPath` instead; this type defines the help text and handles anything the
  /// fast path leaves to it (`--help`, mistakes, unusual spellings).
  struct QuerySymbol: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "symbol",
      abstract: "Print the definitions of NAME as path:line:column  kind  container.name  signature.",
      discussion: "Exit status: 0 when something was found, 1 when nothing was, 2 on error."
    )

    @Argument(help: ArgumentHelp("The name to look up.", valueName: "name"))
    var name: String

    @Argument(help: ArgumentHelp("The workspace, as --root gives it (default: the nearest folder at or above the current one that has .indexer/).", valueName: "path"))
    var workspace: String?

    @Flag(help: "Match names that start with NAME.")
    var prefix = false

    @Flag(name: [.customShort("i"), .long], help: "Ignore ASCII case.")
    var ignoreCase = false

    @Flag(help: "Rank names as people search: NAME itself, names it starts, hump initials ('gfb' finds getFooBar), names holding it, then its letters in order ('idxw' finds IndexWriter).")
    var fuzzy = false

    @Flag(help: "Match names holding NAME, ignoring case ('TestCa' finds DocTestCase), ranked as --fuzzy ranks them.")
    var contains = false

    @Option(name: .customLong("kind"), help: ArgumentHelp("Only this kind (repeatable): \(SymbolKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
    var kinds: [String] = []

    @Option(name: .customLong("lang"), help: ArgumentHelp("Only this language (repeatable): \(Language.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "language"))
    var languages: [String] = []

    @Option(help: ArgumentHelp("Only files whose root-relative path matches this glob (`*` also matches `/`).", valueName: "glob"))
    var path: String?

    @Option(help: ArgumentHelp("Print at most this many definitions.", valueName: "n"))
    var limit: Int?

    @Flag(help: "Wait until the running watcher has indexed every change made before this query.")
    var sync = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let options = QueryOptions(
        languages: languages, path: path, limit: limit, location: try database.location(path: workspace), json: output.json, sync: sync)
      try SymbolQueryRun(name: name, prefix: prefix, ignoreCase: ignoreCase, fuzzy: fuzzy, contains: contains, kinds: kinds, options: options).run()
    }
  }
}
