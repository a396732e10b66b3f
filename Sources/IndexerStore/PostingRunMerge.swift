import Foundation
import GRDB
import GRDBSQLite

/// Turns a bulk build's sorted runs of (name hash, file id) pairs into `ref_posting` lists, in one
/// streaming k-way merge: memory holds one chunk per run and one name's list, whatever the tree's size.
enum PostingRunMerge {
  /// Writes one list per name hash, in hash order (appended pages, no B-tree seeks). A pair counts only
  /// if its run is its file's `ref_base`: pairs of an earlier attempt at a file, or of a file that was
  /// removed since, are dropped here.
  static func merge(_ db: Database) throws {
    guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE) }
    let runOfFile = try RunOfFile(db)
    let runs = try Int64.fetchAll(db, sql: "SELECT DISTINCT run FROM runs.ref_run ORDER BY run")
    // One context each way for the whole merge: a kernel tree has ~3 million lists to write.
    guard let zstd = Zstd.Decompressor(), let compressor = Zstd.Compressor() else { throw DatabaseError(resultCode: .SQLITE_NOMEM) }
    var cursors: [RunCursor] = []
    for run in runs { cursors.append(try RunCursor(connection, run: run, zstd: zstd)) }
    let insert = try WriterStatements.prepare(connection, "INSERT INTO ref_posting (name_hash, files) VALUES (?, ?)")
    defer { sqlite3_finalize(insert) }

    var heap = MinHeap()
    for (i, cursor) in cursors.enumerated() {
      if let key = try cursor.next() { heap.push(key, i) }
    }
    var currentHash: Int64 = -1
    var ids: [Int64] = []
    func flush() throws {
      guard !ids.isEmpty else { return }
      try WriterStatements.insert(insert, connection, [currentHash], blob: PostingListCodec.encode(ids, compressor: compressor))
      ids.removeAll(keepingCapacity: true)
    }
    while let (key, i) = heap.top {
      // One sift down per pair: the run's next key takes the top's place (pop then push sifted twice).
      if let next = try cursors[i].next() { heap.replaceTop(next) } else { _ = heap.pop() }
      let hash = PostingPairCodec.hash(key)
      let file = PostingPairCodec.fileID(key)
      guard runOfFile[file] == cursors[i].run else { continue }
      if hash != currentHash {
        try flush()
        currentHash = hash
      }
      if ids.last != file { ids.append(file) }
    }
    try flush()
  }

  /// Run `run` of a build started from an existing index: the names of every file carried over, taken
  /// from that index's lists (files with `ref_base` > 0) and rows (the others). With `translating`, file
  /// ids are that index's and become the build's (a merge renumbers each shard's files).
  static func copyNames(fromAttached schema: String, run: Int64, translating newID: [Int64: Int64]? = nil, _ db: Database) throws {
    func key(_ hash: Int64, _ id: Int64) -> UInt64? {
      guard let newID else { return PostingPairCodec.key(hash: hash, fileID: id) }
      return newID[id].flatMap { PostingPairCodec.key(hash: hash, fileID: $0) }
    }
    var listedFiles = Set<Int64>()
    for id in try Int64.fetchAll(db, sql: "SELECT id FROM \(schema).file WHERE ref_base > 0") { listedFiles.insert(id) }
    var keys: [UInt64] = []
    let zstd = Zstd.Decompressor()
    let lists = try Row.fetchCursor(db, sql: "SELECT name_hash, files FROM \(schema).ref_posting")
    while let row = try lists.next() {
      let hash: Int64 = row[0]
      for id in try PostingListCodec.decode([UInt8](row[1] as Data), zstd: zstd) where listedFiles.contains(id) {
        if let key = key(hash, id) { keys.append(key) }
      }
    }
    let rows = try Row.fetchCursor(
      db, sql: "SELECT r.name_hash, r.file_id FROM \(schema).ref_file r JOIN \(schema).file f ON f.id = r.file_id WHERE f.ref_base = 0")
    while let row = try rows.next() {
      if let key = key(row[0], row[1]) { keys.append(key) }
    }
    let writer = try ReferencePostingWriter(db, run: run)
    writer.append(keys)
    try writer.finish()
  }
}

/// Reads one run's chunks in order, one decoded chunk in memory at a time.
private final class RunCursor {
  let run: Int64
  private let statement: OpaquePointer
  private let connection: OpaquePointer
  private let zstd: Zstd.Decompressor
  private var chunk: [UInt64] = []
  private var index = 0

  init(_ connection: OpaquePointer, run: Int64, zstd: Zstd.Decompressor) throws {
    self.run = run
    self.connection = connection
    self.zstd = zstd
    statement = try WriterStatements.prepare(connection, "SELECT pairs FROM runs.ref_run WHERE run = ? ORDER BY chunk")
    sqlite3_bind_int64(statement, 1, run)
  }

  deinit { sqlite3_finalize(statement) }

  func next() throws -> UInt64? {
    while index >= chunk.count {
      let code = sqlite3_step(statement)
      if code == SQLITE_DONE { return nil }
      guard code == SQLITE_ROW else { throw WriterStatements.error(connection, code) }
      let count = Int(sqlite3_column_bytes(statement, 0))
      let bytes = sqlite3_column_blob(statement, 0).map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
      do { chunk = try PostingPairCodec.decode(bytes, zstd: zstd) } catch {
        throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "a run of name-to-files pairs does not decode")
      }
      index = 0
    }
    defer { index += 1 }
    return chunk[index]
  }
}

/// Each listed file's `ref_base`, asked once per (name, file) pair of the merge (~10 million on a kernel
/// tree): an array indexed by id where ids are dense, as a build's are, else a dictionary.
private struct RunOfFile {
  private var dense: [Int64] = []
  private var sparse: [Int64: Int64] = [:]

  init(_ db: Database) throws {
    let rows = try Row.fetchAll(db, sql: "SELECT id, ref_base FROM file WHERE ref_count > 0")
    let maxID = rows.reduce(Int64(0)) { max($0, $1[0]) }
    if maxID < Int64(rows.count) * 4 + 1024 {
      dense = [Int64](repeating: -1, count: Int(maxID) + 1)
      for row in rows where (row[0] as Int64) >= 0 { dense[Int(row[0] as Int64)] = row[1] }
    } else {
      for row in rows { sparse[row[0]] = row[1] }
    }
  }

  subscript(_ id: Int64) -> Int64? {
    if !dense.isEmpty {
      guard id >= 0, id < Int64(dense.count), dense[Int(id)] >= 0 else { return nil }
      return dense[Int(id)]
    }
    return sparse[id]
  }
}

/// A binary min-heap of (key, run index): the merge's frontier, one entry per run.
private struct MinHeap {
  private var items: [(key: UInt64, run: Int)] = []

  var top: (UInt64, Int)? { items.first.map { ($0.key, $0.run) } }

  /// Gives the top entry's run a new key and restores the order.
  mutating func replaceTop(_ key: UInt64) {
    guard !items.isEmpty else { return }
    items[0].key = key
    siftDown(from: 0)
  }

  mutating func push(_ key: UInt64, _ run: Int) {
    items.append((key, run))
    var i = items.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      guard items[i].key < items[parent].key else { break }
      items.swapAt(i, parent)
      i = parent
    }
  }

  mutating func pop() -> (UInt64, Int)? {
    guard let top = items.first else { return nil }
    let last = items.removeLast()
    if !items.isEmpty {
      items[0] = last
      siftDown(from: 0)
    }
    return (top.key, top.run)
  }

  private mutating func siftDown(from start: Int) {
    var i = start
    while true {
      let left = 2 * i + 1
      let right = left + 1
      var smallest = i
      if left < items.count && items[left].key < items[smallest].key { smallest = left }
      if right < items.count && items[right].key < items[smallest].key { smallest = right }
      if smallest == i { break }
      items.swapAt(i, smallest)
      i = smallest
    }
  }
}
