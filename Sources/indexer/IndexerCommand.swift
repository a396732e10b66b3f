import ArgumentParser
import IndexerCore
import IndexerModel
import IndexerService

#if canImport(Glibc)
  import Glibc
#endif

/// The `indexer` command: parses, runs, and maps every failure to one line on stderr and an exit status.
@main
struct IndexerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "indexer",
    abstract: "A code index that stays fresh: definitions of every symbol in a workspace, in milliseconds.",
    version: IndexerVersion.current,
    subcommands: [Index.self, Merge.self, Watch.self, Query.self, Export.self, Stats.self, Changes.self, Check.self, Lsp.self, Mcp.self]
  )

  /// Exit status 2 for every error, as grep does: 0 found, 1 nothing found, 2 trouble.
  static func main() {
    let arguments = CommandLine.arguments.dropFirst()
    // The commands that run for days beside an editor keep malloc to two arenas (`MemoryTrim`).
    if let command = arguments.first, ["watch", "lsp"].contains(command) { MemoryTrim.limitArenas() }
    if getenv("INDEXER_NO_FAST_PATH") == nil, let request = FastPath.parse(arguments) {
      reportingErrors {
        switch request {
        case .symbol(let run): try run.run()
        case .refs(let run): try run.run()
        case .file(let run): try run.run()
        case .index(let run): try run.run()
        }
      }
    }
    reportingErrors {
      var command = try parseAsRoot()
      try command.run()
    }
  }

  /// Runs `body` and exits: 0 when it returns, its own code for `ExitCode`, 2 with one line for errors.
  private static func reportingErrors(_ body: () throws -> Void) -> Never {
    do {
      try body()
      Glibc.exit(0)
    } catch let code as ExitCode {
      Glibc.exit(code.rawValue)
    } catch let error as any UserFacingError {
      FileHandleOutput.standardError("indexer: \(error.userMessage)\n")
      Glibc.exit(2)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        // --help and --version.
        print(fullMessage(for: error))
        Glibc.exit(0)
      }
      FileHandleOutput.standardError(fullMessage(for: error) + "\n")
      Glibc.exit(2)
    }
  }
}
