import Foundation
import IndexerModel
import IndexerQuery
import IndexerStore

/// The socket protocol: one JSON object per line each way.
///
/// Requests: `{"op":"symbol", "name", "mode":"exact|prefix|fuzzy", "ignoreCase", "kinds", "languages",
/// "path", "limit"}`, `{"op":"file","path"}`, `{"op":"stats"}`, `{"op":"sync"}`, `{"op":"ping"}`.
/// Replies: `{"ok":true, ...}` with `symbols`, `outline` or `service`, or `{"ok":false,"error":"one line"}`.
/// Symbols travel with the same fields as `query symbol --json`, so the CLI prints identical output
/// whether the answer came from the watcher or from the database.
package enum WireCoding {
  package static let requestLimit = 64 * 1024

  package static func encode(_ object: [String: Any]) -> String {
    guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
      return #"{"ok":false,"error":"unencodable reply"}"#
    }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  package static func decode(_ line: String) -> [String: Any]? {
    guard let data = line.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) else { return nil }
    return object as? [String: Any]
  }

  // MARK: Queries

  package static func request(_ query: SymbolQuery) -> [String: Any] {
    var object: [String: Any] = [
      "op": "symbol", "name": query.name, "ignoreCase": query.ignoreCase,
      "mode": query.mode == .exact ? "exact" : (query.mode == .prefix ? "prefix" : "fuzzy"),
      "kinds": query.kinds.map(\.rawValue), "languages": query.languages.map(\.rawValue),
    ]
    if let path = query.pathGlob { object["path"] = path }
    if let limit = query.limit { object["limit"] = limit }
    return object
  }

  package static func query(from object: [String: Any]) -> SymbolQuery? {
    guard let name = object["name"] as? String else { return nil }
    let mode: SymbolQuery.Mode
    switch object["mode"] as? String ?? "exact" {
    case "exact": mode = .exact
    case "prefix": mode = .prefix
    case "fuzzy": mode = .fuzzy
    default: return nil
    }
    let kinds = (object["kinds"] as? [String] ?? []).compactMap(SymbolKind.init(rawValue:))
    let languages = (object["languages"] as? [String] ?? []).compactMap(Language.init(rawValue:))
    return SymbolQuery(
      name: name, mode: mode, ignoreCase: object["ignoreCase"] as? Bool ?? false, kinds: kinds, languages: languages,
      pathGlob: object["path"] as? String, limit: (object["limit"] as? NSNumber)?.intValue)
  }

  // MARK: Symbols

  package static func object(_ symbol: Symbol, path: String, language: Language) -> [String: Any] {
    var o: [String: Any] = [
      "name": symbol.name, "kind": symbol.kind.rawValue, "language": language.rawValue, "path": path,
      "line": symbol.range.start.line, "column": symbol.range.start.column, "endLine": symbol.range.end.line,
      "endColumn": symbol.range.end.column, "container": symbol.container, "signature": symbol.signature,
      "static": symbol.isStatic,
    ]
    if let access = symbol.access { o["access"] = access.rawValue }
    return o
  }

  package static func match(_ o: [String: Any]) -> SymbolMatch? {
    guard let name = o["name"] as? String, let kind = (o["kind"] as? String).flatMap(SymbolKind.init(rawValue:)),
      let language = (o["language"] as? String).flatMap(Language.init(rawValue:)), let path = o["path"] as? String
    else { return nil }
    func int(_ key: String) -> Int { (o[key] as? NSNumber)?.intValue ?? 0 }
    let symbol = Symbol(
      name: name, kind: kind, container: o["container"] as? String ?? "",
      range: SourceRange(
        start: SourcePosition(line: int("line"), column: int("column")),
        end: SourcePosition(line: int("endLine"), column: int("endColumn"))),
      signature: o["signature"] as? String ?? "", access: (o["access"] as? String).flatMap(AccessLevel.init(rawValue:)),
      isStatic: o["static"] as? Bool ?? false)
    return SymbolMatch(symbol: symbol, path: path, language: language)
  }

  package static func object(_ outline: FileIndex, path: String) -> [String: Any] {
    [
      "language": outline.language.rawValue, "parents": outline.parents,
      "symbols": outline.symbols.map { object($0, path: path, language: outline.language) },
    ]
  }

  package static func outline(_ o: [String: Any]) -> FileIndex? {
    guard let language = (o["language"] as? String).flatMap(Language.init(rawValue:)),
      let parents = o["parents"] as? [Int], let symbols = o["symbols"] as? [[String: Any]], parents.count == symbols.count
    else { return nil }
    var index = FileIndex(language: language)
    for (object, parent) in zip(symbols, parents) {
      guard let match = match(object) else { return nil }
      index.append(match.symbol, parent: parent)
    }
    return index
  }
}
