import IndexerModel

/// A value bound to a `?` in a query.
package enum SQLValue: Sendable, Hashable {
  case text(String)
  case integer(Int64)
}

/// The SELECT behind every symbol query, built in one place for the reader and for the plan tests.
package enum SymbolSQL {
  /// Columns: name, kind, container, line, col, end_line, end_col, signature, flags, path, language.
  /// nil when the filter cannot match anything (an empty name list).
  package static func select(_ filter: SymbolFilter) -> (sql: String, arguments: [SQLValue])? {
    guard var (sql, arguments) = fromWhere(filter) else { return nil }
    sql = "SELECT s.name, s.kind, s.container, s.line, s.col, s.end_line, s.end_col, s.signature, s.flags, f.path, f.language "
      + sql + (filter.inPathOrder ? " ORDER BY f.path, s.line, s.col, s.ordinal" : "")
    if let limit = filter.limit {
      sql += " LIMIT ?"
      arguments.append(.integer(Int64(limit)))
    }
    return (sql, arguments)
  }

  /// `SELECT count(*)` over what `select` would return without its limit.
  package static func count(_ filter: SymbolFilter) -> (sql: String, arguments: [SQLValue])? {
    fromWhere(filter).map { ("SELECT count(*) " + $0.sql, $0.arguments) }
  }

  /// `FROM … WHERE …` of the filter; nil when it cannot match anything (an empty name list).
  private static func fromWhere(_ filter: SymbolFilter) -> (sql: String, arguments: [SQLValue])? {
    var clauses: [String] = []
    var arguments: [SQLValue] = []
    // Every case is a range or equality on symbol_by_name (NOCASE); case-sensitive ones add a filter.
    switch filter.match {
    case .exact(let name):
      clauses.append("s.name = ?1 COLLATE NOCASE AND s.name = ?1")
      arguments.append(.text(name))
    case .prefix(let prefix):
      clauses.append("s.name >= ?1 COLLATE NOCASE AND s.name < ?2 COLLATE NOCASE AND substr(s.name, 1, length(?1)) = ?1")
      arguments += [.text(prefix), .text(prefix + "\u{10FFFF}")]
    case .exactIgnoringCase(let name):
      clauses.append("s.name = ?1 COLLATE NOCASE")
      arguments.append(.text(name))
    case .prefixIgnoringCase(let prefix):
      clauses.append("s.name >= ?1 COLLATE NOCASE AND s.name < ?2 COLLATE NOCASE")
      arguments += [.text(prefix), .text(prefix + "\u{10FFFF}")]
    case .anyOf(let names):
      guard !names.isEmpty else { return nil }
      let marks = placeholders(names.count)
      clauses.append("s.name COLLATE NOCASE IN (\(marks)) AND s.name IN (\(marks))")
      arguments += names.map(SQLValue.text) + names.map(SQLValue.text)
    }
    if !filter.kinds.isEmpty {
      clauses.append("s.kind IN (\(placeholders(filter.kinds.count)))")
      arguments += filter.kinds.map { .integer(Int64($0.code)) }
    }
    if !filter.languages.isEmpty {
      clauses.append("f.language IN (\(placeholders(filter.languages.count)))")
      arguments += filter.languages.map { .text($0.rawValue) }
    }
    if let glob = filter.pathGlob {
      clauses.append("f.path GLOB ?")
      arguments.append(.text(glob))
    }
    return ("FROM symbol s JOIN file f ON f.id = s.file_id WHERE " + conjunction(clauses), arguments)
  }

  // Built by appending, not `joined(separator:)`: its first call costs a scan of every protocol
  // conformance in the binary (~0.13 ms, 5% of a fresh `query symbol`), for a few short strings.

  static func placeholders(_ count: Int) -> String {
    var text = ""
    for i in 0..<count { text += i == 0 ? "?" : ", ?" }
    return text
  }

  private static func conjunction(_ clauses: [String]) -> String {
    var text = ""
    for clause in clauses { text += text.isEmpty ? clause : " AND " + clause }
    return text
  }
}
