import GRDBSQLite
import IndexerModel

extension ReadOnlyConnection {
  /// Files in path order, filtered by an SQLite GLOB on the path and by language, one page at a time.
  package func files(pathGlob: String?, languages: [Language], limit: Int, offset: Int) throws(StoreError) -> [FileSummary] {
    let (clause, filterArguments) = Self.fileConditions(pathGlob: pathGlob, languages: languages)
    let sql = "SELECT path, language, status, symbol_count FROM file" + clause + " ORDER BY path LIMIT ? OFFSET ?"
    let arguments = filterArguments + [.integer(Int64(max(0, limit))), .integer(Int64(max(0, offset)))]
    var files: [FileSummary] = []
    try query(sql, arguments) { s throws(StoreError) in
      guard let language = Language(rawValue: Self.text(s, 1)), let status = FileStatus(rawValue: Self.text(s, 2)) else { return }
      files.append(FileSummary(path: Self.text(s, 0), language: language, status: status, symbols: Int(sqlite3_column_int64(s, 3))))
    }
    return files
  }

  /// How many files `files(pathGlob:languages:…)` would list without a page.
  package func fileCount(pathGlob: String?, languages: [Language]) throws(StoreError) -> Int {
    let (clause, arguments) = Self.fileConditions(pathGlob: pathGlob, languages: languages)
    var count = 0
    try query("SELECT count(*) FROM file" + clause, arguments) { s throws(StoreError) in count = Int(sqlite3_column_int64(s, 0)) }
    return count
  }

  /// Files of a language the walk would read that are not in the index: too large, past a limit, unreadable,
  /// or quarantined after their extractor crashed or ran out of time (binary files are no source).
  package func unindexedSourceFiles() throws(StoreError) -> [FileSummary] {
    var files: [FileSummary] = []
    let sql = "SELECT path, language, status FROM file WHERE status NOT IN ('indexed', 'lossy-utf8', 'binary') ORDER BY path"
    try query(sql, []) { s throws(StoreError) in
      guard let language = Language(rawValue: Self.text(s, 1)), let status = FileStatus(rawValue: Self.text(s, 2)) else { return }
      files.append(FileSummary(path: Self.text(s, 0), language: language, status: status, symbols: 0))
    }
    return files
  }

  private static func fileConditions(pathGlob: String?, languages: [Language]) -> (String, [SQLValue]) {
    var conditions: [String] = []
    var arguments: [SQLValue] = []
    if let pathGlob {
      conditions.append("path GLOB ?")
      arguments.append(.text(pathGlob))
    }
    if !languages.isEmpty {
      conditions.append("language IN (" + languages.map { _ in "?" }.joined(separator: ",") + ")")
      arguments += languages.map { .text($0.rawValue) }
    }
    return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "), arguments)
  }
}

extension ReadOnlyConnection {
  /// Every indexed file in path order with its outline and references decoded, one at a time (memory
  /// holds one file): what an export that needs positions of names reads.
  package func forEachIndexedFile(_ body: (String, FileIndex) throws(StoreError) -> Void) throws(StoreError) {
    guard let zstd = Zstd.Decompressor() else { throw .sqlite(path: path, detail: "cannot allocate a zstd context") }
    let sql = """
      SELECT f.path, f.language, b.outline, b.refs FROM file f JOIN file_blob b ON b.file_id = f.id
      WHERE f.status IN ('indexed', 'lossy-utf8') ORDER BY f.path
      """
    try query(sql, []) { s throws(StoreError) in
      let file = Self.text(s, 0)
      guard let language = Language(rawValue: Self.text(s, 1)) else { return }
      let outlineBlob = Self.blob(s, 2)
      let refsBlob = Self.blob(s, 3)
      var index = FileIndex(language: language)
      if !outlineBlob.isEmpty {
        guard let raw = zstd.decompress(outlineBlob), let decoded = try? OutlineCodec.decode(raw, language: language) else {
          throw .corruptBlob(path: file)
        }
        index = decoded
      }
      if !refsBlob.isEmpty {
        guard let raw = zstd.decompress(refsBlob), let references = try? ReferenceCodec.decode(raw) else { throw .corruptBlob(path: file) }
        index.references = references
      }
      try body(file, index)
    }
  }
}
