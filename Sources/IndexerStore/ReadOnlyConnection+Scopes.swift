import GRDBSQLite
import IndexerModel

extension ReadOnlyConnection {
  /// A file's outline with its scopes (what resolution reads of a file), in one SELECT; nil when the path
  /// is not in the index. A file indexed by a reader that records no scopes has empty ones.
  package func resolvable(path file: String) throws(StoreError) -> FileIndex? {
    let generation = try snapshotGeneration()
    if let kept = decodedFiles.file(file, generation: generation) { return kept }
    let (index, weight) = try decodeResolvable(path: file)
    decodedFiles.keep(index, path: file, weight: weight, generation: generation)
    return index
  }

  /// The file's outline and scopes decoded, and their decoded size in bytes.
  private func decodeResolvable(path file: String) throws(StoreError) -> (FileIndex?, weight: Int) {
    var result: (Language, [UInt8]?, [UInt8]?)?
    try preparedQuery(
      "SELECT f.language, b.outline, b.scopes FROM file f LEFT JOIN file_blob b ON b.file_id = f.id WHERE f.path = ?", [.text(file)]
    ) { s throws(StoreError) in
      guard let language = Language(rawValue: Self.text(s, 0)) else { return }
      result = (language, Self.optionalBlob(s, 1), Self.optionalBlob(s, 2))
    }
    guard let (language, outline, scopes) = result else { return (nil, file.utf8.count) }
    var index = FileIndex(language: language)
    var weight = file.utf8.count
    do {
      if let outline {
        guard let raw = blobDecompressor?.decompress(outline) ?? Zstd.decompress(outline) else { throw StoreError.corruptBlob(path: file) }
        index = try OutlineCodec.decode(raw, language: language)
        weight += raw.count
      }
      if let scopes {
        guard let raw = blobDecompressor?.decompress(scopes) ?? Zstd.decompress(scopes) else { throw StoreError.corruptBlob(path: file) }
        index.scopes = try ScopeCodec.decode(raw)
        weight += raw.count
      }
    } catch {
      throw .corruptBlob(path: file)
    }
    return (index, weight)
  }

  /// A file's imports alone, from its scopes blob (the outline is not read); nil when the path is not in the
  /// index, empty when its reader records no scopes.
  package func imports(path file: String) throws(StoreError) -> [FileScopes.Import]? {
    let generation = try snapshotGeneration()
    if let kept = decodedFiles.imports(file, generation: generation) { return kept }
    let found = try decodeImports(path: file)
    decodedFiles.keep(imports: found, path: file, generation: generation)
    return found
  }

  private func decodeImports(path file: String) throws(StoreError) -> [FileScopes.Import]? {
    var result: [UInt8]??
    try preparedQuery("SELECT b.scopes FROM file f LEFT JOIN file_blob b ON b.file_id = f.id WHERE f.path = ?", [.text(file)]) {
      s throws(StoreError) in result = .some(Self.optionalBlob(s, 0))
    }
    guard let found = result else { return nil }
    guard let scopes = found else { return [] }
    guard let raw = blobDecompressor?.decompress(scopes) ?? Zstd.decompress(scopes) else { throw StoreError.corruptBlob(path: file) }
    do {
      return try ScopeCodec.imports(raw)
    } catch {
      throw .corruptBlob(path: file)
    }
  }

  /// Whether `path` is a file of the index (indexed or not): one lookup on the path's unique index.
  package func contains(path: String) throws(StoreError) -> Bool {
    var found = false
    try preparedQuery("SELECT 1 FROM file WHERE path = ?", [.text(path)]) { _ throws(StoreError) in found = true }
    return found
  }

  /// Every indexed path (a C references request probes include paths by the thousand).
  package func indexedPaths() throws(StoreError) -> Set<String> {
    var paths = Set<String>()
    try query("SELECT path FROM file", []) { s throws(StoreError) in paths.insert(Self.text(s, 0)) }
    return paths
  }

  static func optionalBlob(_ s: OpaquePointer, _ column: Int32) -> [UInt8]? {
    guard sqlite3_column_type(s, column) != SQLITE_NULL, let bytes = sqlite3_column_blob(s, column) else { return nil }
    return Array(UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(s, column))))
  }
}
