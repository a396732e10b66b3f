import ArgumentParser
import IndexerQuery

/// The options `query callers` and `query callees` share.
struct CallQueryOptions: ParsableArguments {
  @Argument(help: ArgumentHelp("A function, method or initializer, by its exact name (every definition of that name).", valueName: "name"))
  var name: String?

  @Argument(help: ArgumentHelp("The workspace, as --root gives it (default: the nearest folder at or above the current one that has .indexer/).", valueName: "path"))
  var workspace: String?

  @Option(help: ArgumentHelp("Instead of NAME: the function whose name is written, or used, at this place.", valueName: "path:line:column"))
  var at: String?

  @Option(help: ArgumentHelp("Levels to follow (1: the direct ones; at most \(QueryEngine.maximumCallDepth)).", valueName: "n"))
  var depth = 1

  @Option(help: ArgumentHelp("Print at most this many functions per tree.", valueName: "n"))
  var limit = 200

  @Flag(help: "Wait until the running watcher has indexed every change made before this query.")
  var sync = false

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var output: OutputOptions
}

extension IndexerCommand {
  /// `indexer query callers NAME|--at PATH:LINE:COL`: who calls a function, through resolved names.
  struct QueryCallers: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "callers",
      abstract: "Print the functions that call NAME (or the function at --at), as a tree with --depth.",
      discussion: """
        A caller is the function around a use that resolves to the definition (its class, or the file, for a \
        use outside any function). Each line is path:line:column  kind  name  calls at LINE:COL,…  resolution, \
        indented by level; a line ending in … was cut short (--limit, or recursion). With \
        --guesses, uses whose receiver could not be typed are added (resolution name). Exit status: 0 when a \
        caller was found, 1 when none was (or NAME is no function), 2 on error.
        """
    )

    @OptionGroup var options: CallQueryOptions

    @Flag(help: "Also list the uses the rules could not tie to it (a member whose receiver is not typed), marked name.")
    var guesses = false

    func run() throws { try CallsQueryRun(direction: .incoming, options: options, guesses: guesses).run() }
  }

  /// `indexer query callees NAME|--at PATH:LINE:COL`: what a function calls.
  struct QueryCallees: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "callees",
      abstract: "Print the functions NAME (or the function at --at) calls, as a tree with --depth.",
      discussion: """
        A callee is what a name in the function's body (not in functions nested in it) resolves to: a \
        function, method or initializer, or a type that is called. Names the rules cannot resolve are left \
        out. Each line is path:line:column  kind  name  calls at LINE:COL,…  resolution, indented by level, \
        the call sites in the caller's file. Exit status: 0 when a callee was found, 1 when none was, 2 on error.
        """
    )

    @OptionGroup var options: CallQueryOptions

    func run() throws { try CallsQueryRun(direction: .outgoing, options: options, guesses: false).run() }
  }
}

extension IndexerCommand {
  /// `indexer query subtypes NAME|--at PATH:LINE:COL`: what extends or implements a type.
  struct QuerySubtypes: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "subtypes",
      abstract: "Print the types that extend or implement NAME (or the type at --at), as a tree with --depth.",
      discussion: """
        A subtype is a class, struct, interface, protocol, enum, extension or impl whose head names the type \
        (`class B(A)`, `extends`, `implements`, `: Base`, `extension T: P`, `impl P for T`) where that name \
        resolves to it. Go interfaces satisfied by method sets are not found. Each line is \
        path:line:column  kind  name  at LINE:COL  resolution, indented by level. Exit status: 0 when a \
        subtype was found, 1 when none was (or NAME is no type), 2 on error.
        """
    )

    @OptionGroup var options: CallQueryOptions

    func run() throws { try CallsQueryRun(direction: .incoming, options: options, guesses: false, types: true).run() }
  }

  /// `indexer query supertypes NAME|--at PATH:LINE:COL`: what a type extends or implements.
  struct QuerySupertypes: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "supertypes",
      abstract: "Print the types NAME (or the type at --at) extends or implements, as a tree with --depth.",
      discussion: """
        The bases written in the type's head and in its extensions' and impls' heads, each resolved from where \
        it is written (at LINE:COL); a base the rules cannot resolve is the type of that name in the same \
        language (resolution name, no place), or left out when there is none. Exit status: 0 when a supertype \
        was found, 1 when none was, 2 on error.
        """
    )

    @OptionGroup var options: CallQueryOptions

    func run() throws { try CallsQueryRun(direction: .outgoing, options: options, guesses: false, types: true).run() }
  }
}
