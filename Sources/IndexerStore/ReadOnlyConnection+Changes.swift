import GRDBSQLite
import IndexerModel

extension ReadOnlyConnection {
  /// The change feed after `since`, oldest first, at most `limit` entries; the generation from which the
  /// feed is complete (`journal_start`; nil in an index older than the feed) and the current generation.
  package func symbolChanges(since: Int64, limit: Int) throws(StoreError) -> (changes: [SymbolChange], start: Int64?, generation: Int64) {
    var start: Int64?
    try query("SELECT value FROM meta WHERE key = 'journal_start'", []) { s throws(StoreError) in start = sqlite3_column_int64(s, 0) }
    var changes: [SymbolChange] = []
    try query(
      "SELECT generation, path, name, kind, container, change, line, signature FROM symbol_change WHERE generation > ? ORDER BY rowid LIMIT ?",
      [.integer(since), .integer(Int64(max(0, limit)))]
    ) { s throws(StoreError) in
      guard let kind = SymbolKind(code: UInt8(truncatingIfNeeded: sqlite3_column_int(s, 3))) else { return }
      let change: SymbolChange.Change
      switch sqlite3_column_int(s, 5) {
      case 0: change = .added
      case 1: change = .removed
      default: change = .changed
      }
      changes.append(SymbolChange(
        generation: sqlite3_column_int64(s, 0), path: Self.text(s, 1), name: Self.text(s, 2), kind: kind.rawValue,
        container: Self.text(s, 4), change: change, line: Int(clamping: sqlite3_column_int64(s, 6)), signature: Self.text(s, 7)))
    }
    return (changes, start, try generation())
  }
}
