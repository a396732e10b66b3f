import ArgumentParser

#if canImport(Glibc)
  import Glibc
#endif

extension IndexerCommand {
  /// `indexer mcp`: the index as Model Context Protocol tools for AI agents, on stdio.
  struct Mcp: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "mcp",
      abstract: "Serve the index to AI agents: a Model Context Protocol server on stdin/stdout.",
      discussion: """
        Read-only tools: find_symbol, find_references, file_outline, symbol_source, list_files, index_status. The
        index stays fresh as with `indexer lsp`: a running `indexer watch` for the root, or the same watcher
        inside the server's process. Client configuration: {"command": "indexer", "args": ["mcp", "--root", "/path/to/repo"]}.
        The server is the `indexer-mcp` program installed beside `indexer` (make build builds both).
        """
    )

    @Option(help: ArgumentHelp("The workspace folder.", valueName: "path"))
    var root: String = "."

    @Option(name: .customLong("db"), help: ArgumentHelp("Keep the index here instead of ROOT/.indexer/index.sqlite.", valueName: "file"))
    var database: String?

    @Option(name: .customLong("exclude"), help: ArgumentHelp("Leave out paths matching this gitignore-style glob (repeatable).", valueName: "glob"))
    var excludes: [String] = []

    @Option(help: ArgumentHelp("Stop extracting a file after this many seconds and quarantine it.", valueName: "seconds"))
    var extractTimeout = 5.0

    @Flag(help: "Only read the index; do not start a watcher when none is running.")
    var noWatch = false

    func run() throws {
      var settings = WorkspaceSettings()
      settings.path = root
      settings.database = database
      settings.excludes = excludes
      settings.extractTimeout = extractTimeout
      let server = try Self.serverPath()
      let index = try settings.indexOptions()
      var arguments = ["indexer-mcp", "--root", index.root, "--db", IndexerCommand.Index.absolute(index.databasePath),
        "--extract-timeout", String(extractTimeout)]
      for glob in excludes { arguments += ["--exclude", glob] }
      if noWatch { arguments.append("--no-watch") }
      // Replace this process: the client's pipes and signals go straight to the server.
      var cArguments = arguments.map { strdup($0) } + [nil]
      execv(server, &cArguments)
      throw UsageError(userMessage: "cannot start \(server): \(String(cString: strerror(errno)).lowercased())")
    }

    /// `indexer-mcp` beside this binary.
    static func serverPath() throws -> String {
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
      guard length > 0 else { throw UsageError(userMessage: "cannot find this binary at /proc/self/exe — is /proc mounted?") }
      let me = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      let folder = me[..<(me.lastIndex(of: "/") ?? me.startIndex)]
      let server = String(folder) + "/indexer-mcp"
      guard access(server, X_OK) == 0 else {
        throw UsageError(
          userMessage: "the MCP server \(server) is missing — `make build` builds it beside indexer (or copy indexer-mcp there)")
      }
      return server
    }
  }
}
