import ArgumentParser
import Foundation
import IndexerMCP
import IndexerService
import Synchronization

extension IndexerCommand {
  /// `indexer mcp`: the index as Model Context Protocol tools for AI agents, on stdio.
  struct Mcp: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "mcp",
      abstract: "Serve the index to AI agents: a Model Context Protocol server on stdin/stdout.",
      discussion: """
        Read-only tools: find_symbol, find_references, file_outline, symbol_source, list_files, index_status. The
        index stays fresh as with `indexer lsp`: a running `indexer watch` for the root, or the same watcher
        inside this process. Client configuration: {"command": "indexer", "args": ["mcp", "--root", "/path/to/repo"]}.
        """
    )

    @Option(help: ArgumentHelp("The workspace folder.", valueName: "path"))
    var root: String = "."

    @Option(name: .customLong("db"), help: ArgumentHelp("Keep the index here instead of ROOT/.indexer/index.sqlite.", valueName: "file"))
    var database: String?

    @Option(name: .customLong("exclude"), help: ArgumentHelp("Leave out paths matching this gitignore-style glob (repeatable).", valueName: "glob"))
    var excludes: [String] = []

    @Flag(help: "Only read the index; do not start a watcher when none is running.")
    var noWatch = false

    func run() throws {
      var settings = WorkspaceSettings()
      settings.path = root
      settings.database = database
      settings.excludes = excludes
      let index = try settings.indexOptions()
      let configuration = AgentServer.Configuration(
        root: index.root, databasePath: index.databasePath, service: noWatch ? nil : ServiceOptions(index: index))
      let outcome = Outcome()
      let done = DispatchSemaphore(value: 0)
      Task {
        do {
          try await AgentServer.run(configuration)
        } catch {
          outcome.failure.withLock { $0 = "\(error)" }
        }
        done.signal()
      }
      done.wait()
      if let failure = outcome.failure.withLock({ $0 }) { throw UsageError(userMessage: "mcp: \(failure)") }
    }
  }
}

/// What the async server left for the synchronous command to report.
private final class Outcome: Sendable {
  let failure = Mutex<String?>(nil)
}
