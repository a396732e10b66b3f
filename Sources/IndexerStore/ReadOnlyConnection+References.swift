import Foundation
import GRDBSQLite
import IndexerModel

extension ReadOnlyConnection {
  /// Every occurrence of `filter.name`, by path then position. Only the files the name-to-files data
  /// lists are read, and of each only its reference blob and outline, in path order until `limit`.
  package func references(_ filter: ReferenceFilter) throws(StoreError) -> [ReferenceMatch] {
    try inReadTransaction { () throws(StoreError) in try referencesInTransaction(filter) }
  }

  private func referencesInTransaction(_ filter: ReferenceFilter) throws(StoreError) -> [ReferenceMatch] {
    guard let zstd = Zstd.Decompressor() else { throw .sqlite(path: path, detail: "cannot allocate a zstd context") }
    let files = try filesMentioning(filter, zstd: zstd)
    let name = Array(filter.name.utf8)
    var matches: [ReferenceMatch] = []
    try withConnection { connection throws(StoreError) in
      let blobs = try ReusableStatement(connection, path: path, "SELECT refs, outline FROM file_blob WHERE file_id = ?")
      let read = { (file: MentioningFile) throws(StoreError) -> StoredFileBlobs in
        var stored = StoredFileBlobs(file: file, refs: [], outline: [])
        try blobs.run([.integer(file.id)]) { s throws(StoreError) in
          stored.refs = Self.blob(s, 0)
          stored.outline = Self.blob(s, 1)
        }
        return stored
      }
      guard let limit = filter.limit else {
        // Every file is printed: decoded on every core.
        let decoder = ParallelReferenceDecoder(name: name, workers: ProcessInfo.processInfo.activeProcessorCount, first: zstd)
        matches = try decoder.matches(of: files, read: read)
        return
      }
      // Files in turn, reading none past the limit.
      let decoder = ParallelReferenceDecoder(name: name, workers: 1, first: zstd)
      for file in files where matches.count < limit {
        matches += try decoder.matches(of: [file], read: read).prefix(limit - matches.count)
      }
    }
    return matches
  }

  /// The files whose names include `filter.name`'s hash and that pass its language and path filters, in
  /// path (byte) order. A file counts from the list its `ref_base` names: a `ref_posting` list (written by
  /// the last bulk build) or its `ref_file` rows (written since).
  private func filesMentioning(_ filter: ReferenceFilter, zstd: Zstd.Decompressor) throws(StoreError) -> [MentioningFile] {
    let hash = ReferenceNameHash.of(filter.name)
    var listed: [Int64] = []
    try query("SELECT files FROM ref_posting WHERE name_hash = ?", [.integer(hash)]) { s throws(StoreError) in
      do { listed = try PostingListCodec.decode(Self.blob(s, 0), zstd: zstd) } catch { throw .corrupt(path: path, detail: "a name-to-files list does not decode") }
    }
    var inRows = Set<Int64>()
    try query("SELECT file_id FROM ref_file WHERE name_hash = ?", [.integer(hash)]) { s throws(StoreError) in
      inRows.insert(sqlite3_column_int64(s, 0))
    }
    let inList = Set(listed)
    var sql = "SELECT path, language, ref_base FROM file WHERE id = ?"
    var filterArguments: [SQLValue] = []
    if !filter.languages.isEmpty {
      sql += " AND language IN (\(SymbolSQL.placeholders(filter.languages.count)))"
      filterArguments += filter.languages.map { .text($0.rawValue) }
    }
    if let glob = filter.pathGlob {
      sql += " AND path GLOB ?"
      filterArguments.append(.text(glob))
    }
    var files: [MentioningFile] = []
    try withConnection { connection throws(StoreError) in
      let lookup = try ReusableStatement(connection, path: path, sql)
      for id in inList.union(inRows) {
        try lookup.run([.integer(id)] + filterArguments) { s throws(StoreError) in
          // A list's id is stale once the file changed (its names moved to rows) or the id was reused.
          let counted = sqlite3_column_int64(s, 2) > 0 ? inList.contains(id) : inRows.contains(id)
          guard counted, let language = Language(rawValue: Self.text(s, 1)) else { return }
          files.append(MentioningFile(id: id, path: Self.text(s, 0), language: language))
        }
      }
    }
    files.sort { PathOrder.precedes($0.path, $1.path) }
    return files
  }

  static func blob(_ s: OpaquePointer, _ column: Int32) -> [UInt8] {
    guard sqlite3_column_type(s, column) != SQLITE_NULL, let bytes = sqlite3_column_blob(s, column) else { return [] }
    return Array(UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(s, column))))
  }
}

struct MentioningFile: Sendable {
  var id: Int64
  var path: String
  var language: Language
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
