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
      sql += " AND f.language IN (\(Array(repeating: "?", count: filter.languages.count).joined(separator: ", ")))"
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
      var outline = FileIndex(language: language)
      let outlineBlob = Self.blob(s, 3)
      if !outlineBlob.isEmpty {
        guard let rawOutline = zstd.decompress(outlineBlob), let decoded = try? OutlineCodec.decode(rawOutline, language: language)
        else { throw .corruptBlob(path: path) }
        outline = decoded
      }
      let resolver = ReferenceResolver(outline: outline, name: filter.name, positions: positions)
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
  let outline: FileIndex
  private var definitionAt: [SourcePosition: Int] = [:]

  init(outline: FileIndex, name: String, positions: [SourcePosition]) {
    self.outline = outline
    for (i, symbol) in outline.symbols.enumerated() where symbol.name == name {
      if let first = positions.first(where: { $0 >= symbol.range.start && $0 <= symbol.range.end }), definitionAt[first] == nil {
        definitionAt[first] = i
      }
    }
  }

  func resolve(_ position: SourcePosition) -> (definition: Symbol?, container: String) {
    let separator = outline.language.scopeSeparator
    if let i = definitionAt[position] {
      return (outline.symbols[i], outline.symbols[i].container)
    }
    // The innermost enclosing symbol is the last one in pre-order whose range holds the position.
    var innermost: Int?
    for (i, symbol) in outline.symbols.enumerated() where symbol.range.start <= position && position <= symbol.range.end {
      innermost = i
    }
    return (nil, innermost.map { outline.symbols[$0].qualifiedName(separator: separator) } ?? "")
  }
}
