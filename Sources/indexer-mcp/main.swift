import IndexerCore
import IndexerMCP
import IndexerService
import IndexerWorkspace

#if canImport(Glibc)
  import Glibc
#endif

// `indexer mcp` runs this program (it sits beside `indexer`): the MCP SDK brings Foundation's networking,
// whose libcurl cannot be linked into the fully static `indexer` that queries are timed on, so the agent
// server is its own executable (Swift runtime linked in, glibc and libcurl shared). `indexer mcp` has
// already checked the options and resolved the paths; this parses the plain form it passes:
//
//   indexer-mcp --root ABS --db ABS [--exclude GLOB]... [--extract-timeout SECONDS] [--no-watch]
//
// The watcher it runs in-process extracts in `indexer-extract` workers from beside this program, as
// `indexer` does: neither links the readers.

// A server that runs for days beside an agent: malloc keeps to two arenas (`MemoryTrim`), set before any thread.
MemoryTrim.limitArenas()

func fail(_ message: String) -> Never {
  let line = "indexer mcp: \(message)\n"
  _ = line.withCString { write(2, $0, strlen($0)) }
  exit(2)
}

let arguments = Array(CommandLine.arguments.dropFirst())

/// The plain arguments `indexer mcp` passes.
struct ServerArguments {
  var root: String?
  var database: String?
  var excludes: [String] = []
  var extractTimeout = 5.0
  var watch = true

  init(_ arguments: [String]) {
    var rest = arguments[...]
    func value(_ flag: String) -> String {
      guard let next = rest.popFirst() else { fail("\(flag) needs a value") }
      return next
    }
    while let argument = rest.popFirst() {
      switch argument {
      case "--root": root = value(argument)
      case "--db": database = value(argument)
      case "--exclude": excludes.append(value(argument))
      case "--extract-timeout":
        guard let seconds = Double(value(argument)), seconds > 0 else { fail("--extract-timeout must be a positive number") }
        extractTimeout = seconds
      case "--no-watch": watch = false
      default: fail("unknown argument '\(argument)' — start the server with `indexer mcp` (see indexer mcp --help)")
      }
    }
  }
}

let parsed = ServerArguments(arguments)
guard let root = parsed.root, let database = parsed.database else {
  fail("--root and --db are required — start the server with `indexer mcp`")
}
let (excludes, extractTimeout, watch) = (parsed.excludes, parsed.extractTimeout, parsed.watch)

let isolation: ExtractionIsolation
do {
  isolation = try WorkerExecutable.besideThisProgram(timeoutSeconds: extractTimeout)
} catch {
  fail(error.description)
}
let options = IndexOptions(root: root, databasePath: database, walk: WalkOptions(excludes: excludes), isolation: isolation)
// The agent's client shows the server's stderr as errors: the watcher logs to .indexer/indexer.log alone.
var service = ServiceOptions(index: options)
service.logsToStandardError = false
do {
  try await AgentServer.run(AgentServer.Configuration(root: root, databasePath: database, service: watch ? service : nil))
} catch {
  fail("\(error)")
}
exit(0)
