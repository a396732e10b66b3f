import GRDBSQLite
import IndexerModel

/// Everything an index holds about the tree, as text lines in path order: a file's row (language, status,
/// size, content hash, counts, message), then its definitions (outline order, parent, kind, range,
/// access, signature), then its references (name, positions). Machine-local columns (mtime, inode, file
/// ids) and bookkeeping (generation, time) are left out, so two indexes of the same tree built in
/// different ways — one run, shards merged, on two machines — dump the same bytes.
extension ReadOnlyConnection {
  package func dump(_ line: (String) -> Void) throws(StoreError) {
    guard let zstd = Zstd.Decompressor() else { throw .sqlite(path: path, detail: "cannot allocate a zstd context") }
    let sql = """
      SELECT f.path, f.language, f.status, f.size, f.content_hash, f.symbol_count, f.ref_count, f.message, b.outline, b.refs
      FROM file f LEFT JOIN file_blob b ON b.file_id = f.id ORDER BY f.path
      """
    try query(sql, []) { s throws(StoreError) in
      let file = Self.text(s, 0)
      let language = Self.text(s, 1)
      let hash = String(UInt64(bitPattern: sqlite3_column_int64(s, 4)), radix: 16)
      let message = sqlite3_column_type(s, 7) == SQLITE_NULL ? "-" : Self.text(s, 7)
      line(
        "file \(file)\t\(language)\t\(Self.text(s, 2))\tsize \(sqlite3_column_int64(s, 3))\thash \(hash)"
          + "\tsymbols \(sqlite3_column_int64(s, 5))\trefs \(sqlite3_column_int64(s, 6))\t\(message)")
      let outlineBlob = Self.blob(s, 8)
      if !outlineBlob.isEmpty, let kind = Language(rawValue: language) {
        guard let raw = zstd.decompress(outlineBlob), let outline = try? OutlineCodec.decode(raw, language: kind) else {
          throw .corruptBlob(path: file)
        }
        for (i, symbol) in outline.symbols.enumerated() {
          let r = symbol.range
          line(
            "  def \(i) parent \(outline.parents[i])\t\(symbol.kind.rawValue)\t\(symbol.qualifiedName)"
              + "\t\(r.start.line):\(r.start.column)-\(r.end.line):\(r.end.column)\t\(symbol.access?.rawValue ?? "-")"
              + "\(symbol.isStatic ? " static" : "")\t\(symbol.signature)")
        }
      }
      let refsBlob = Self.blob(s, 9)
      if !refsBlob.isEmpty {
        guard let raw = zstd.decompress(refsBlob), let references = try? ReferenceCodec.decode(raw) else { throw .corruptBlob(path: file) }
        for (name, positions) in zip(references.names, references.positions) {
          line("  ref \(name)\t" + positions.map { "\($0.line):\($0.column)" }.joined(separator: " "))
        }
      }
    }
  }
}
