import ArgumentParser
import IndexerModel
import IndexerQuery
import IndexerSCIP

#if canImport(Glibc)
  import Glibc
#endif

extension IndexerCommand {
  /// `indexer export`: every definition as a tags file or JSON lines, streamed.
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Write every definition as a sorted Universal Ctags tags file, as JSON lines, or as a SCIP index.",
      discussion: """
        Streams from the index: memory does not grow with the number of definitions. --format scip writes
        sourcegraph/scip's protobuf Index (one Document per file, definitions and references to workspace
        definitions, UTF-8 columns; a reference is what query def answers, by the language's rules except in C and
        C++ unless --resolve-c-family); with -o the file appears whole or not at all.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case ctags
      case json
      case scip
      case dump
    }

    @Option(
      help: ArgumentHelp(
        "ctags (extended tags file, sorted by name), json (query symbol --json lines), scip (a SCIP index), or dump (every file, definition and reference as text, for diffing two indexes).",
        valueName: "format"))
    var format: Format = .ctags

    @Option(
      name: [.short, .long],
      help: ArgumentHelp("Write here instead of standard output ('-' is standard output).", valueName: "file"))
    var output: String?

    /// The file to write, or nil for standard output: `-o -` means standard output, as `ctags -f -` does,
    /// not a file named "-".
    private var destination: String? { output == "-" ? nil : output }

    @Flag(
      help: ArgumentHelp(
        "With --format scip, resolve C and C++ references by their rules too (else they are guessed by name): much slower on a large tree, about two hours instead of three minutes on Linux."))
    var resolveCFamily = false

    @Argument(help: ArgumentHelp("The workspace folder (as --root).", valueName: "path"))
    var path: String?

    @OptionGroup var database: DatabaseOptions

    func run() throws {
      let engine = try QueryEngine(databasePath: try database.location(path: path).resolvedDatabase())
      if format == .scip { return try exportSCIP(engine) }
      var fd: Int32 = 1
      if let destination {
        fd = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
          throw UsageError(userMessage: "cannot write \(destination): \(String(cString: strerror(errno)).lowercased()) — pick a writable path")
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
      case .dump:
        try engine.dump { out.line($0) }
      case .scip:
        break  // handled above
      }
      out.flush()
    }

    /// Binary output: never to a terminal, and with -o through a temporary file renamed into place.
    private func exportSCIP(_ engine: QueryEngine) throws {
      guard destination != nil || isatty(1) == 0 else {
        throw UsageError(userMessage: "a SCIP index is binary: write it to a file with -o index.scip or redirect standard output")
      }
      let temporary = destination.map { $0 + ".partial" }
      var fd: Int32 = 1
      if let temporary {
        fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
          throw UsageError(userMessage: "cannot write \(destination ?? ""): \(String(cString: strerror(errno)).lowercased()) — pick a writable path")
        }
      }
      let exporter = SCIPExporter(
        engine: engine, root: try database.location(path: path).resolvedRoot(), toolVersion: IndexerVersion.current,
        arguments: Array(CommandLine.arguments.dropFirst()),
        resolvedLanguages: resolveCFamily ? Set(Language.allCases) : SCIPExporter.defaultResolvedLanguages)
      let summary: SCIPExporter.Summary
      do {
        summary = try exporter.export(to: fd)
        if fd != 1 && fsync(fd) != 0 { throw UsageError(userMessage: "cannot write \(destination ?? ""): \(String(cString: strerror(errno)))") }
      } catch {
        if let temporary {
          close(fd)
          unlink(temporary)
        }
        throw error
      }
      if let destination, let temporary {
        close(fd)
        guard rename(temporary, destination) == 0 else {
          unlink(temporary)
          throw UsageError(userMessage: "cannot put the SCIP index at \(destination): \(String(cString: strerror(errno)).lowercased())")
        }
        FileHandleOutput.standardError(
          "indexer: wrote \(destination): \(summary.documents) documents, \(summary.definitions) definitions, "
            + "\(summary.references) references (\(summary.resolved) resolved by the language's rules; \(summary.unresolved) occurrences of names without a workspace definition), "
            + "\(summary.bytes) bytes\n")
      }
    }
  }
}
