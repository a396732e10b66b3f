import ArgumentParser
import IndexerModel
import IndexerStore

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
    var name: String

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

    func validate() throws {
      if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
      let filter = ReferenceFilter(
        name: name, languages: try languages.map(SymbolQueryRun.language), pathGlob: path, limit: limit)
      let matches = try WatcherOrDatabase(databasePath: database.location.resolvedDatabase(), sync: sync).references(filter)
      var out = OutputBuffer()
      for match in matches {
        out.line(output.json ? Self.json(match, name: name) : Self.text(match))
      }
      out.flush()
      if matches.isEmpty { throw ExitCode(1) }
    }

    static func text(_ match: ReferenceMatch) -> String {
      let p = match.position
      let container = match.container.isEmpty ? "-" : match.container
      return "\(match.path):\(p.line):\(p.column)  \(match.isDefinition ? "def" : "ref")  \(container)"
    }

    /// The fields of `query symbol --json`; a plain reference has kind "reference" and no signature.
    static func json(_ match: ReferenceMatch, name: String) -> String {
      let end = SourcePosition(line: match.position.line, column: match.position.column + name.utf8.count)
      let symbol =
        match.definition.map { definition in
          var s = definition
          s.range = SourceRange(start: match.position, end: end)
          return s
        }
        ?? Symbol(name: name, kind: .variable, container: match.container, range: SourceRange(start: match.position, end: end), signature: "")
      return SymbolFormatter.json(symbol, path: match.path, language: match.language) { o in
        if !match.isDefinition { o.set("kind", "reference") }
        o.add("isDefinition", match.isDefinition)
      }
    }
  }
}
