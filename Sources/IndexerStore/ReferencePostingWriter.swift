import GRDB
import GRDBSQLite
import IndexerModel

/// Records which files mention which names, inside the writer's transaction, through SQLite's C API.
///
/// Incremental runs and the watcher write `ref_file` rows (one per name and file). A bulk build instead
/// collects (name, file) pairs and appends them, sorted, as one run per batch to its side file; the runs
/// become `ref_posting` lists when the build is published (`PostingRunMerge`).
final class ReferencePostingWriter {
  private let connection: OpaquePointer
  private let insertPosting: OpaquePointer
  private let deletePosting: OpaquePointer
  /// The bulk build's run number for this batch; nil for row writes.
  let run: Int64?
  private var pairs: [UInt64] = []

  /// Pairs per stored chunk of a run: what a merge holds in memory per run.
  static let chunkPairs = 16_384

  init(_ db: Database, run: Int64?) throws {
    guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE) }
    self.connection = connection
    self.run = run
    insertPosting = try WriterStatements.prepare(
      connection,
      run == nil
        ? "INSERT OR IGNORE INTO ref_file (name_hash, file_id) VALUES (?, ?)"
        : "INSERT INTO runs.ref_run (run, chunk, pairs) VALUES (?, ?, ?)")
    deletePosting = try WriterStatements.prepare(connection, "DELETE FROM ref_file WHERE name_hash = ? AND file_id = ?")
  }

  deinit {
    sqlite3_finalize(insertPosting)
    sqlite3_finalize(deletePosting)
  }

  /// The value of `file.ref_base` for files written through this writer.
  var refBase: Int64 { run ?? 0 }

  /// Records that `fileID` mentions the names of `nameHashes` (distinct, ascending).
  func add(fileID: Int64, nameHashes: [Int64]) throws {
    guard run != nil else {
      for hash in nameHashes { try step(insertPosting, hash, fileID) }
      return
    }
    pairs.reserveCapacity(pairs.count + nameHashes.count)
    for hash in nameHashes {
      guard let key = PostingPairCodec.key(hash: hash, fileID: fileID) else {
        throw DatabaseError(resultCode: .SQLITE_RANGE, message: "file id \(fileID) does not fit a posting pair")
      }
      pairs.append(key)
    }
  }

  /// Adds pairs already keyed (`PostingPairCodec.key`) to this batch's run.
  func append(_ keys: [UInt64]) {
    pairs.append(contentsOf: keys)
  }

  /// Forgets `fileID`'s rows, found through the names in the blob it had. Names listed in `ref_posting`
  /// (`refBase` > 0) stay: lists are never edited, and the file's new `ref_base` makes them stale.
  func remove(fileID: Int64, storedBlob: [UInt8]?, refBase: Int64) throws {
    guard refBase == 0, let storedBlob, !storedBlob.isEmpty, let raw = Zstd.decompress(storedBlob),
      let references = try? ReferenceCodec.decode(raw)
    else { return }
    for name in references.names {
      try step(deletePosting, ReferenceNameHash.of(name), fileID)
    }
  }

  /// Appends the batch's pairs as one sorted run (bulk builds; nothing to do for row writes).
  func finish() throws {
    guard let run, !pairs.isEmpty else { return }
    pairs.sort()
    let compressor = Zstd.Compressor()
    var chunk: Int64 = 0
    var start = 0
    while start < pairs.count {
      let end = min(start + Self.chunkPairs, pairs.count)
      try WriterStatements.insert(insertPosting, connection, [run, chunk], blob: PostingPairCodec.encode(pairs[start..<end], compressor: compressor))
      chunk += 1
      start = end
    }
    pairs = []
  }

  private func step(_ statement: OpaquePointer, _ a: Int64, _ b: Int64) throws {
    sqlite3_reset(statement)
    sqlite3_bind_int64(statement, 1, a)
    sqlite3_bind_int64(statement, 2, b)
    let code = sqlite3_step(statement)
    guard code == SQLITE_DONE else { throw WriterStatements.error(connection, code) }
  }
}
