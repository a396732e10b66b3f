import GRDBSQLite
import IndexerModel

extension ReadOnlyConnection {
  /// Every occurrence of `filter.name`, by path then position. Only the files the name-to-files table
  /// lists are read, and of each only its reference blob and outline.
  package func references(_ filter: ReferenceFilter) throws(StoreError) -> [ReferenceMatch] {
    let hash = ReferenceNameHash.of(filter.name)
    // While a bulk load runs (or after one was killed, until the next open), some rows are still staged.
    let staged = try hasDroppedIndexes() ? " UNION SELECT file_id FROM ref_file_staging WHERE name_hash = ?" : ""
    var sql = """
      SELECT f.path, f.language, f.refs, f.outline FROM file f
      WHERE f.id IN (SELECT file_id FROM ref_file WHERE name_hash = ?\(staged))
      """
    var arguments: [SQLValue] = staged.isEmpty ? [.integer(hash)] : [.integer(hash), .integer(hash)]
    if !filter.languages.isEmpty {
      sql += " AND f.language IN (\(SymbolSQL.placeholders(filter.languages.count)))"
      arguments += filter.languages.map { .text($0.rawValue) }
    }
    if let glob = filter.pathGlob {
      sql += " AND f.path GLOB ?"
      arguments.append(.text(glob))
    }
    sql += " ORDER BY f.path"
    // Each file's blobs are decoded as its row arrives and dropped after: memory holds one file, and
    // `--limit` stops the scan instead of reading every listed file first.
    guard let zstd = Zstd.Decompressor() else { throw .sqlite(path: path, detail: "cannot allocate a zstd context") }
    let name = Array(filter.name.utf8)
    var matches: [ReferenceMatch] = []
    try query(sql, arguments) { s throws(StoreError) in
      if let limit = filter.limit, matches.count >= limit { return }
      guard let language = Language(rawValue: Self.text(s, 1)) else { return }
      let path = Self.text(s, 0)
      guard let raw = zstd.decompress(Self.blob(s, 2)) else { throw .corruptBlob(path: path) }
      let found: [SourcePosition]?
      do { found = try ReferenceCodec.positions(of: name, in: raw) } catch { throw .corruptBlob(path: path) }
      guard let positions = found, !positions.isEmpty else { return }  // only the hash matched
      let outlineBlob = Self.blob(s, 3)
      let rawOutline = outlineBlob.isEmpty ? [OutlineCodec.version, 0] : zstd.decompress(outlineBlob)
      guard let rawOutline, let outline = try? OutlineSkeleton(rawOutline, language: language) else { throw .corruptBlob(path: path) }
      var resolver = ReferenceResolver(outline: outline, name: name, positions: positions)
      for position in positions {
        let (definition, container) = resolver.resolve(position)
        matches.append(ReferenceMatch(path: path, language: language, position: position, definition: definition, container: container))
        if let limit = filter.limit, matches.count >= limit { return }
      }
    }
    return matches
  }

  static func blob(_ s: OpaquePointer, _ column: Int32) -> [UInt8] {
    guard sqlite3_column_type(s, column) != SQLITE_NULL, let bytes = sqlite3_column_blob(s, column) else { return [] }
    return Array(UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(s, column))))
  }
}

/// Places occurrences of one name in a file's outline: the enclosing definition, and whether the
/// occurrence is a definition's own name — the first occurrence of the name inside that definition's range.
struct ReferenceResolver {
  let outline: OutlineSkeleton
  private var definitionAt: [SourcePosition: Int] = [:]
  private var qualified: [Int: String] = [:]

  init(outline: OutlineSkeleton, name: [UInt8], positions: [SourcePosition]) {
    self.outline = outline
    for i in outline.entries.indices where outline.nameEquals(i, name) {
      let range = outline.entries[i].range
      if let first = positions.first(where: { $0 >= range.start && $0 <= range.end }), definitionAt[first] == nil {
        definitionAt[first] = i
      }
    }
  }

  mutating func resolve(_ position: SourcePosition) -> (definition: Symbol?, container: String) {
    if let i = definitionAt[position] {
      let symbol = outline.symbol(i, &qualified)
      return (symbol, symbol.container)
    }
    // The innermost enclosing symbol is the last one in pre-order whose range holds the position.
    var innermost: Int?
    for (i, entry) in outline.entries.enumerated() where entry.range.start <= position && position <= entry.range.end {
      innermost = i
    }
    return (nil, innermost.map { outline.qualifiedName($0, &qualified) } ?? "")
  }
}
