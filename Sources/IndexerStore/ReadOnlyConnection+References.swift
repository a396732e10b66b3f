import Foundation
import GRDBSQLite
import IndexerModel

extension ReadOnlyConnection {
  /// The files whose names include `name`'s hash, in path (byte) order (the query core filters them). A file counts from the list its `ref_base` names: a `ref_posting` list (written by
  /// the last bulk build) or its `ref_file` rows (written since). Only the hash matched: a file may not
  /// hold the name itself.
  package func filesMentioning(name: String, zstd: Zstd.Decompressor) throws(StoreError) -> [MentioningFile] {
    let hash = ReferenceNameHash.of(name)
    var listed: [Int64] = []
    try query("SELECT files FROM ref_posting WHERE name_hash = ?", [.integer(hash)]) { s throws(StoreError) in
      do { listed = try PostingListCodec.decode(Self.blob(s, 0), zstd: zstd) } catch { throw .corrupt(path: path, detail: "a name-to-files list does not decode") }
    }
    var inRows = Set<Int64>()
    try query("SELECT file_id FROM ref_file WHERE name_hash = ?", [.integer(hash)]) { s throws(StoreError) in
      inRows.insert(sqlite3_column_int64(s, 0))
    }
    let inList = Set(listed)
    var files: [MentioningFile] = []
    try withConnection { connection throws(StoreError) in
      let lookup = try ReusableStatement(connection, path: path, "SELECT path, language, ref_base FROM file WHERE id = ?")
      for id in inList.union(inRows) {
        try lookup.run([.integer(id)]) { s throws(StoreError) in
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

  /// One file's occurrences, every name decoded (a function's outgoing calls are the names in its body); nil
  /// when the path is not in the index, empty when it has no references blob.
  package func references(path file: String) throws(StoreError) -> FileReferences? {
    var result: [UInt8]??
    try query("SELECT b.refs FROM file f LEFT JOIN file_blob b ON b.file_id = f.id WHERE f.path = ?", [.text(file)]) {
      s throws(StoreError) in result = .some(Self.optionalBlob(s, 0))
    }
    guard let found = result else { return nil }
    guard let blob = found, !blob.isEmpty else { return FileReferences() }
    guard let raw = blobDecompressor?.decompress(blob) ?? Zstd.decompress(blob), let references = try? ReferenceCodec.decode(raw) else {
      throw .corruptBlob(path: file)
    }
    return references
  }

  /// Runs `body` with a reader of files' reference and outline blobs, one prepared statement for all.
  package func withReferenceBlobs<T>(_ body: (ReferenceBlobReader) throws(StoreError) -> T) throws(StoreError) -> T {
    try withConnection { connection throws(StoreError) in
      try body(ReferenceBlobReader(try ReusableStatement(connection, path: path, "SELECT refs, outline FROM file_blob WHERE file_id = ?")))
    }
  }

  static func blob(_ s: OpaquePointer, _ column: Int32) -> [UInt8] {
    guard sqlite3_column_type(s, column) != SQLITE_NULL, let bytes = sqlite3_column_blob(s, column) else { return [] }
    return Array(UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(s, column))))
  }
}

/// Reads one file's stored blobs at a time, on the connection that made it (one caller at a time).
package final class ReferenceBlobReader {
  private let statement: ReusableStatement

  fileprivate init(_ statement: ReusableStatement) { self.statement = statement }

  package func read(_ file: MentioningFile) throws(StoreError) -> StoredFileBlobs {
    var stored = StoredFileBlobs(file: file, refs: [], outline: [])
    try statement.run([.integer(file.id)]) { s throws(StoreError) in
      stored.refs = ReadOnlyConnection.blob(s, 0)
      stored.outline = ReadOnlyConnection.blob(s, 1)
    }
    return stored
  }
}

/// A file's stored blobs, read by one thread and decoded by any.
package struct StoredFileBlobs: Sendable {
  package var file: MentioningFile
  var refs: [UInt8]
  var outline: [UInt8]

  /// Where `name` occurs in the file and its outline to place those places in; nil when it does not occur
  /// (only its hash matched). Throws when a blob does not decode: blobs come from disk.
  package func occurrences(of name: [UInt8], zstd: Zstd.Decompressor) throws(StoreError) -> (positions: [SourcePosition], outline: OutlineSkeleton)? {
    guard let raw = zstd.decompress(refs) else { throw .corruptBlob(path: file.path) }
    let found: [SourcePosition]?
    do { found = try ReferenceCodec.positions(of: name, in: raw) } catch { throw .corruptBlob(path: file.path) }
    guard let positions = found, !positions.isEmpty else { return nil }
    let rawOutline = outline.isEmpty ? [OutlineCodec.version, 0] : zstd.decompress(outline)
    guard let rawOutline, let skeleton = try? OutlineSkeleton(rawOutline, language: file.language) else {
      throw .corruptBlob(path: file.path)
    }
    return (positions, skeleton)
  }
}
