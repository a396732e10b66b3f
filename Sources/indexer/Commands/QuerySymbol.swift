import ArgumentParser
import IndexerModel
import IndexerQuery

extension IndexerCommand {
  /// `indexer query symbol NAME`: definitions, like `global -x` or `readtags`.
  struct QuerySymbol: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "symbol",
      abstract: "Print the definitions of NAME as path:line:column  kind  container.name  signature.",
      discussion: "Exit status: 0 when something was found, 1 when nothing was, 2 on error."
    )

    @Argument(help: ArgumentHelp("The name to look up.", valueName: "name"))
    var name: String

    @Flag(help: "Match names that start with NAME.")
    var prefix = false

    @Flag(name: [.customShort("i"), .long], help: "Ignore ASCII case.")
    var ignoreCase = false

    @Flag(help: "Match names containing NAME's letters in order (e.g. 'idxw' finds IndexWriter), best first.")
    var fuzzy = false

    @Option(name: .customLong("kind"), help: ArgumentHelp("Only this kind (repeatable): \(SymbolKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
    var kinds: [String] = []

    @Option(name: .customLong("lang"), help: ArgumentHelp("Only this language (repeatable): \(Language.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "language"))
    var languages: [String] = []

    @Option(help: ArgumentHelp("Only files whose root-relative path matches this glob (`*` also matches `/`).", valueName: "glob"))
    var path: String?

    @Option(help: ArgumentHelp("Print at most this many definitions.", valueName: "n"))
    var limit: Int?

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if prefix && fuzzy { throw ValidationError("--prefix and --fuzzy cannot be combined; pick one") }
      if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
      let query = SymbolQuery(
        name: name, mode: fuzzy ? .fuzzy : (prefix ? .prefix : .exact), ignoreCase: ignoreCase,
        kinds: try kinds.map(Self.kind), languages: try languages.map(Self.language), pathGlob: path, limit: limit)
      let engine = try QueryEngine(databasePath: database.resolvedDatabase())
      let matches = try engine.symbols(query)
      var out = OutputBuffer()
      for match in matches {
        out.line(output.json ? SymbolFormatter.json(match.symbol, path: match.path, language: match.language) : SymbolFormatter.text(match))
      }
      out.flush()
      if matches.isEmpty { throw ExitCode(1) }
    }

    static func kind(_ text: String) throws -> SymbolKind {
      guard let kind = SymbolKind(rawValue: text) else {
        throw UsageError(
          userMessage: "unknown --kind '\(text)' — use one of: \(SymbolKind.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      return kind
    }

    static func language(_ text: String) throws -> Language {
      guard let language = Language(rawValue: text.lowercased()) else {
        throw UsageError(
          userMessage: "unknown --lang '\(text)' — use one of: \(Language.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      return language
    }
  }
}
