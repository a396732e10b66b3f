import ArgumentParser
import IndexerQuery

#if canImport(Glibc)
  import Glibc
#endif

extension IndexerCommand {
  /// `indexer export`: every definition as a tags file or JSON lines, streamed.
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Write every definition as a sorted Universal Ctags tags file or as JSON lines.",
      discussion: "Streams from the index: memory does not grow with the number of definitions."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case ctags
      case json
    }

    @Option(help: ArgumentHelp("ctags (extended tags file, sorted by name) or json (query symbol --json lines).", valueName: "format"))
    var format: Format = .ctags

    @Option(name: [.short, .long], help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
    var output: String?

    @OptionGroup var database: DatabaseOptions

    func run() throws {
      let engine = try QueryEngine(databasePath: database.location.resolvedDatabase())
      var fd: Int32 = 1
      if let output {
        fd = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
          throw UsageError(userMessage: "cannot write \(output): \(String(cString: strerror(errno)).lowercased()) — pick a writable path")
        }
      }
      defer { if fd != 1 { close(fd) } }
      var out = OutputBuffer(descriptor: fd)
      switch format {
      case .ctags:
        for line in TagsFormatter.header { out.line(line) }
        try engine.forEachSymbol(sortedByName: true) { match, scopeKind in
          out.line(TagsFormatter.line(match, scopeKind: scopeKind))
        }
      case .json:
        try engine.forEachSymbol(sortedByName: false) { match, _ in
          out.line(SymbolFormatter.json(match.symbol, path: match.path, language: match.language))
        }
      }
      out.flush()
    }
  }
}
