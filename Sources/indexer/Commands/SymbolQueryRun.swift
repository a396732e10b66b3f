import ArgumentParser
import IndexerModel
import IndexerQuery
import IndexerService

/// What `query symbol` and `query refs` both take: filters, where the index is, how to print.
struct QueryOptions {
  var languages: [String] = []
  var path: String?
  var limit: Int?
  var location = DatabaseLocation()
  var json = false
  /// Wait until the running watcher has indexed every change made before the query.
  var sync = false
}

/// A `query symbol` request as plain values, whichever parser produced it (see `FastPath`).
struct SymbolQueryRun {
  var name = ""
  var prefix = false
  var ignoreCase = false
  var fuzzy = false
  var contains = false
  var kinds: [String] = []
  var options = QueryOptions()

  func validate() throws {
    if [prefix, fuzzy, contains].filter({ $0 }).count > 1 {
      throw UsageError(userMessage: "--prefix, --fuzzy and --contains cannot be combined; pick one")
    }
    if let limit = options.limit, limit < 1 { throw UsageError(userMessage: "--limit must be at least 1") }
  }

  func run() throws {
    try validate()
    let query = SymbolQuery(
      name: name, mode: fuzzy ? .fuzzy : (contains ? .contains : (prefix ? .prefix : .exact)), ignoreCase: ignoreCase,
      kinds: try kinds.map(Self.kind), languages: try options.languages.map(Self.language), pathGlob: options.path, limit: options.limit)
    let source = WatcherOrDatabase(databasePath: options.location.resolvedDatabase(), sync: options.sync)
    var out = OutputBuffer()
    guard options.json else {
      let matches = try source.symbols(query)
      for match in matches { out.line(SymbolFormatter.text(match)) }
      out.flush()
      if matches.isEmpty { throw ExitCode(1) }
      return
    }
    let root = options.location.resolvedRoot()
    let (matches, generation, pending) = try source.stampedSymbols(query, root: root)
    for match in matches { out.line(SymbolFormatter.json(match.symbol, path: match.path, language: match.language)) }
    // The count past a limit and the files left out are read from the database after the answer.
    let engine = try QueryEngine(databasePath: source.databasePath, root: root)
    let total = try AnswerSummary.total(count: matches.count, limit: query.limit) { try engine.symbolTotal(query) }
    let leftOut = name.isEmpty ? [] : try engine.leftOutFiles(mentioning: name)
    out.line(AnswerSummary(generation: generation, pending: pending, count: matches.count, total: total, leftOutFiles: leftOut).line)
    out.flush()
    if matches.isEmpty { throw ExitCode(1) }
  }

  static func kind(_ text: String) throws -> SymbolKind {
    guard let kind = SymbolKind(rawValue: text) else {
      throw UsageError(
        userMessage: "unknown --kind '\(text)' — use one of: \(SymbolKind.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return kind
  }

  static func language(_ text: String) throws -> Language {
    guard let language = Language(rawValue: text.lowercased()) else {
      throw UsageError(
        userMessage: "unknown --lang '\(text)' — use one of: \(Language.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return language
  }
}
