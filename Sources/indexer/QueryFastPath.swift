/// Parses `query symbol`, `query refs` and `query file` without swift-argument-parser, for latency.
///
/// ArgumentParser resolves its property wrappers through runtime type lookups that cost ~2 ms per
/// process in this binary (measured with perf: protocol-conformance scans over swift-syntax's ~11,000
/// conformances), more than the query itself. This parser accepts exactly the documented spellings
/// and returns nil for anything else (`--help`, typos, `--opt=value`), so ArgumentParser still owns
/// help, errors and every unusual case. `INDEXER_NO_FAST_PATH=1` turns it off; a test checks both
/// parsers agree.
enum QueryFastPath {
  enum Request {
    case symbol(SymbolQueryRun)
    case refs(RefsQueryRun)
    case file(FileQueryRun)
  }

  static func parse(_ arguments: ArraySlice<String>) -> Request? {
    var args = arguments
    guard args.popFirst() == "query", let sub = args.popFirst() else { return nil }
    var positionals: [String] = []
    var symbol = SymbolQueryRun()
    var refs = RefsQueryRun()
    var json = false
    var sync = false
    var location = DatabaseLocation()
    while let arg = args.popFirst() {
      switch arg {
      case "--json": json = true
      case "--sync": sync = true
      case "--db": guard let v = args.popFirst() else { return nil }; location.database = v
      case "--root": guard let v = args.popFirst() else { return nil }; location.root = v
      case "--prefix" where sub == "symbol": symbol.prefix = true
      case "-i", "--ignore-case": guard sub == "symbol" else { return nil }; symbol.ignoreCase = true
      case "--fuzzy" where sub == "symbol": symbol.fuzzy = true
      case "--kind" where sub == "symbol": guard let v = args.popFirst() else { return nil }; symbol.kinds.append(v)
      case "--lang" where sub != "file":
        guard let v = args.popFirst() else { return nil }
        symbol.languages.append(v)
        refs.languages.append(v)
      case "--path" where sub != "file":
        guard let v = args.popFirst() else { return nil }
        symbol.path = v
        refs.path = v
      case "--limit" where sub != "file":
        guard let v = args.popFirst(), let n = Int(v) else { return nil }
        symbol.limit = n
        refs.limit = n
      default:
        if arg.hasPrefix("-") { return nil }
        positionals.append(arg)
      }
    }
    guard positionals.count == 1 else { return nil }
    switch sub {
    case "symbol":
      symbol.name = positionals[0]
      symbol.location = location
      symbol.json = json
      symbol.sync = sync
      return .symbol(symbol)
    case "refs":
      refs.name = positionals[0]
      refs.location = location
      refs.json = json
      refs.sync = sync
      return .refs(refs)
    case "file":
      return .file(FileQueryRun(path: positionals[0], location: location, json: json, sync: sync))
    default:
      return nil
    }
  }
}
