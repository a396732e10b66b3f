import IndexerModel
import IndexerQuery

/// The two ways a definition is printed: the grep-like text line and the `--json` object.
enum SymbolFormatter {
  /// `path:line:column  kind  container.name  signature`
  static func text(_ match: SymbolMatch) -> String {
    let s = match.symbol
    return "\(match.path):\(s.range.start.line):\(s.range.start.column)  \(s.kind.rawValue)  \(s.qualifiedName(separator: match.language.scopeSeparator))  \(s.signature)"
  }

  static func json(_ symbol: Symbol, path: String, language: Language, extra: (inout JSONObject) -> Void = { _ in }) -> String {
    var o = JSONObject()
    o.add("name", symbol.name)
    o.add("kind", symbol.kind.rawValue)
    o.add("language", language.rawValue)
    o.add("path", path)
    o.add("line", symbol.range.start.line)
    o.add("column", symbol.range.start.column)
    o.add("endLine", symbol.range.end.line)
    o.add("endColumn", symbol.range.end.column)
    o.add("container", symbol.container)
    o.add("signature", symbol.signature)
    o.add("access", symbol.access?.rawValue)
    o.add("static", symbol.isStatic)
    extra(&o)
    return o.text
  }
}
