import ArgumentParser
import IndexerLSP
import IndexerService

#if canImport(Glibc)
  import Glibc
#endif

extension IndexerCommand {
  /// `indexer lsp`: a language server on stdio for any editor with a generic LSP client.
  struct Lsp: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "lsp",
      abstract: "Serve the index to an editor: a language server on stdin/stdout.",
      discussion: """
        workspace/symbol, definition, references, documentSymbol and hover, answered from the index. The index
        follows the files on disk by itself: the server uses a running `indexer watch` for the workspace, or
        runs the same watcher inside this process (under the same lock), so editors need not send changes.
        The workspace is --root, else the client's workspace folder, else the current folder.
        """
    )

    @Option(help: ArgumentHelp("The workspace folder (default: the one the client names).", valueName: "path"))
    var root: String?

    @Option(name: .customLong("db"), help: ArgumentHelp("Keep the index here instead of ROOT/.indexer/index.sqlite.", valueName: "file"))
    var database: String?

    @Option(name: .customLong("exclude"), help: ArgumentHelp("Leave out paths matching this gitignore-style glob (repeatable).", valueName: "glob"))
    var excludes: [String] = []

    @Flag(help: "Only read the index; do not start a watcher when none is running.")
    var noWatch = false

    func run() throws {
      let (database, excludes) = (database, excludes)
      let server = LanguageServer(configuration: .init(root: root, watch: !noWatch) { root in
        var settings = WorkspaceSettings()
        settings.path = root
        settings.database = database
        settings.excludes = excludes
        var options = ServiceOptions(index: try settings.indexOptions())
        options.logsToStandardError = false  // the editor shows stderr as errors: .indexer/indexer.log only
        return options
      })
      let status = server.run()
      throw ExitCode(status)
    }
  }
}
