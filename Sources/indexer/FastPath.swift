/// Parses `query symbol`, `query refs`, `query file` and a plain `index [PATH] [--db F] [-q] [--json]`
/// without swift-argument-parser, for latency (a no-change `index` is judged against `git status`).
///
/// ArgumentParser resolves its property wrappers through runtime type lookups that cost ~2 ms per
/// process in this binary (measured with perf: protocol-conformance scans over swift-syntax's ~11,000
/// conformances), more than the query itself. This parser accepts exactly the documented spellings
/// and returns nil for anything else (`--help`, typos, `--opt=value`), so ArgumentParser still owns
/// help, errors and every unusual case. `INDEXER_NO_FAST_PATH=1` turns it off; a test checks both
/// parsers agree.
enum FastPath {
  enum Request {
    case symbol(SymbolQueryRun)
    case refs(RefsQueryRun)
    case file(FileQueryRun)
    case index(IndexRun)
  }

  static func parse(_ arguments: ArraySlice<String>) -> Request? {
    if arguments.first == "index" { return parseIndex(arguments.dropFirst()) }
    var args = arguments
    guard args.popFirst() == "query", let sub = args.popFirst() else { return nil }
    var positionals: [String] = []
    var symbol = SymbolQueryRun()
    var options = QueryOptions()
    while let arg = args.popFirst() {
      switch arg {
      case "--json": options.json = true
      case "--sync": options.sync = true
      case "--db": guard let v = args.popFirst() else { return nil }; options.location.database = v
      case "--root": guard let v = args.popFirst() else { return nil }; options.location.root = v
      case "--prefix" where sub == "symbol": symbol.prefix = true
      case "-i", "--ignore-case": guard sub == "symbol" else { return nil }; symbol.ignoreCase = true
      case "--fuzzy" where sub == "symbol": symbol.fuzzy = true
      case "--contains" where sub == "symbol": symbol.contains = true
      case "--kind" where sub == "symbol": guard let v = args.popFirst() else { return nil }; symbol.kinds.append(v)
      case "--lang" where sub != "file": guard let v = args.popFirst() else { return nil }; options.languages.append(v)
      case "--path" where sub != "file": guard let v = args.popFirst() else { return nil }; options.path = v
      case "--limit" where sub != "file":
        guard let v = args.popFirst(), let n = Int(v) else { return nil }
        options.limit = n
      default:
        if arg.hasPrefix("-") { return nil }
        positionals.append(arg)
      }
    }
    guard positionals.count == 1 || positionals.count == 2 else { return nil }
    if positionals.count == 2 {
      // `query symbol NAME PATH`: the workspace, as --root gives it; both at once are ArgumentParser's to refuse.
      guard options.location.root == nil || options.location.root == positionals[1] else { return nil }
      options.location.root = positionals[1]
    }
    switch sub {
    case "symbol":
      symbol.name = positionals[0]
      symbol.options = options
      return .symbol(symbol)
    case "refs":
      return .refs(RefsQueryRun(name: positionals[0], options: options))
    case "file":
      return .file(FileQueryRun(path: positionals[0], location: options.location, json: options.json, sync: options.sync))
    default:
      return nil
    }
  }

  /// `index` with at most a path, `--db`, `-q`/`--quiet` and `--json`; every limit and flag at its default.
  private static func parseIndex(_ arguments: ArraySlice<String>) -> Request? {
    var args = arguments
    var run = IndexRun()
    var path: String?
    while let arg = args.popFirst() {
      switch arg {
      case "--json": run.json = true
      case "-q", "--quiet": run.quiet = true
      case "--db": guard let v = args.popFirst() else { return nil }; run.workspace.database = v
      default:
        guard !arg.hasPrefix("-"), path == nil else { return nil }
        path = arg
      }
    }
    if let path { run.workspace.path = path }
    return .index(run)
  }
}
