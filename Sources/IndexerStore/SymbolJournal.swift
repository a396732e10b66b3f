import GRDB
import IndexerModel

/// Records, inside a batch's transaction, which definitions it added, removed or changed, for the
/// symbol-level change feed. Not used by a bulk build or the first fill of an empty index (every symbol
/// would be "added"): the feed starts after them.
struct SymbolJournal {
  static let startKey = "journal_start"
  /// Rows kept at most: past them the oldest generations are dropped and `journal_start` moves forward.
  static let maximumRows: Int64 = 200_000

  enum Change: Int64 {
    case added = 0, removed = 1, changed = 2
  }

  /// What identifies a definition across two versions of its file, and what a change is read from.
  struct Entry: Hashable {
    var name: String
    var kind: Int64
    var container: String
    var line: Int64
    var span: Int64
    var signature: String
  }

  let generation: Int64
  var maximumRows = Self.maximumRows

  /// The definitions the file at `fileID` holds now (before the batch replaces them).
  static func stored(fileID: Int64, _ db: Database) throws -> [Entry] {
    try Row.fetchAll(
      db.cachedStatement(sql: "SELECT name, kind, container, line, end_line, signature FROM symbol WHERE file_id = ? ORDER BY ordinal"),
      arguments: [fileID]
    ).map { row in
      let line: Int64 = row[3]
      let end: Int64 = row[4]
      let name: String = row[0]
      // Rows keep the signature with the name taken out (`StoredSignature`): put it back to compare.
      var stored: String = row[5]
      let signature = stored.withUTF8 { StoredSignature.decode($0, name: name) }
      return Entry(name: name, kind: row[1], container: row[2], line: line, span: end - line, signature: signature)
    }
  }

  static func entries(_ index: FileIndex) -> [Entry] {
    index.symbols.map {
      Entry(
        name: $0.name, kind: Int64($0.kind.code), container: $0.container, line: Int64($0.range.start.line),
        span: Int64($0.range.end.line - $0.range.start.line), signature: $0.signature)
    }
  }

  /// Writes the difference between a file's old and new definitions: matched by name, kind and container (in
  /// order among equals); a match whose signature or extent differs is changed.
  func record(path: String, old: [Entry], new: [Entry], _ db: Database) throws {
    struct Key: Hashable {
      var name: String
      var kind: Int64
      var container: String
    }
    // Old definitions by key, as indexes into `old` not yet matched (in source order).
    var unmatched: [Key: [Int]] = [:]
    for (i, entry) in old.enumerated() { unmatched[Key(name: entry.name, kind: entry.kind, container: entry.container), default: []].append(i) }
    var matched = Set<Int>()
    for entry in new {
      let key = Key(name: entry.name, kind: entry.kind, container: entry.container)
      if var candidates = unmatched[key], !candidates.isEmpty {
        let index = candidates.removeFirst()
        matched.insert(index)
        unmatched[key] = candidates
        let before = old[index]
        if before.signature != entry.signature || before.span != entry.span { try insert(path, entry, .changed, db) }
      } else {
        try insert(path, entry, .added, db)
      }
    }
    for (i, entry) in old.enumerated() where !matched.contains(i) { try insert(path, entry, .removed, db) }
  }

  private func insert(_ path: String, _ entry: Entry, _ change: Change, _ db: Database) throws {
    try db.cachedStatement(
      sql: "INSERT INTO symbol_change (generation, path, name, kind, container, change, line, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    ).execute(arguments: [generation, path, entry.name, entry.kind, entry.container, change.rawValue, entry.line, entry.signature])
  }

  /// Drops the oldest generations past `maximumRows`, moving `journal_start` past them.
  func trim(_ db: Database) throws {
    guard let newest = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM symbol_change"), newest > maximumRows else { return }
    guard let cut = try Int64.fetchOne(
      db, sql: "SELECT generation FROM symbol_change WHERE rowid <= ? ORDER BY rowid DESC LIMIT 1", arguments: [newest - maximumRows])
    else { return }
    try db.execute(sql: "DELETE FROM symbol_change WHERE generation <= ?", arguments: [cut])
    try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [Self.startKey, cut])
  }
}
