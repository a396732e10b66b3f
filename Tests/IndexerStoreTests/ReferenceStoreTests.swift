import GRDB
import IndexerModel
@testable import IndexerStore
import IndexerTestSupport
import Testing

@Suite struct ReferenceStoreTests {
  private func postings(_ db: IndexDatabase) throws -> Int {
    try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ref_file") ?? -1 }
  }

  @Test func codecRoundTripsAndReadsOneNameAlone() throws {
    let references = FileReferences(
      names: ["a", "b"],
      positions: [[.init(line: 1, column: 5), .init(line: 1, column: 9), .init(line: 300, column: 2)], [.init(line: 7, column: 1)]])
    let encoded = EncodedReferences(references)
    #expect(encoded.count == 4)
    let lookupDir = try TemporaryDirectory()
    let db = try IndexDatabase.openForWriting(path: lookupDir.path + "/i.sqlite")
    var index = sampleIndex(["Alpha"])
    index.references = references
    try IndexWriter(database: db).commit(IndexBatch(writes: [write("x.swift", index)]))
    #expect(try refs(db, "a") == ["x.swift:1", "x.swift:1", "x.swift:300"])
    #expect(try occurrences(lookup(db), "a").map(\.position.column) == [5, 9, 2])
    #expect(try refs(db, "b") == ["x.swift:7"])
    #expect(try refs(db, "c").isEmpty)
  }

  /// The query path's byte-compare reader must find what the full decoder finds, and a cut blob must
  /// throw or find nothing, never trap.
  @Test func positionsOfOneNameMatchTheFullDecode() throws {
    let references = FileReferences(
      names: ["a", "ab", "b", "é"],
      positions: [
        [.init(line: 1, column: 5), .init(line: 1, column: 9), .init(line: 300, column: 2)], [.init(line: 2, column: 3)],
        [.init(line: 7, column: 1), .init(line: 7, column: 40)], [.init(line: 9, column: 9)],
      ])
    let raw = ReferenceCodec.encode(references)
    let full = try ReferenceCodec.decode(raw)
    for (name, positions) in zip(full.names, full.positions) {
      #expect(try ReferenceCodec.positions(of: Array(name.utf8), in: raw) == positions)
    }
    #expect(try ReferenceCodec.positions(of: Array("c".utf8), in: raw) == nil)
    #expect(try ReferenceCodec.positions(of: [], in: raw) == nil)
    for cut in 0..<raw.count {
      _ = try? ReferenceCodec.positions(of: Array("é".utf8), in: Array(raw[..<cut]))
    }
    #expect(throws: OutlineDecodingError.self) { try ReferenceCodec.positions(of: Array("é".utf8), in: Array(raw.dropLast())) }
  }

  /// Other names' positions are stepped over by counting where varints end; multi-byte values (large lines
  /// and columns) must be stepped over whole, and a varint longer than ten bytes is damage there too.
  @Test func skippedEntriesWithLongVarintsLeaveTheWantedOneIntact() throws {
    let big = FileReferences(
      names: ["huge", "want"],
      positions: [[.init(line: 1 << 40, column: 1 << 20), .init(line: (1 << 40) + 3, column: 70_000)], [.init(line: 5, column: 130)]])
    let raw = ReferenceCodec.encode(big)
    #expect(try ReferenceCodec.positions(of: Array("want".utf8), in: raw) == [.init(line: 5, column: 130)])
    // "huge" with one occurrence whose line delta is eleven bytes long, then "want".
    var forged: [UInt8] = [ReferenceCodec.version, 2, 4] + Array("huge".utf8) + [1] + Array(repeating: 0x80, count: 10) + [1, 2]
    forged += [4] + Array("want".utf8) + [1, 5, 2]
    #expect(throws: OutlineDecodingError.self) { try ReferenceCodec.positions(of: Array("want".utf8), in: forged) }
  }

  /// A common name's files are listed from hundreds of blobs of every size: every occurrence comes back,
  /// in path order, however the batch was shuffled; a damaged blob in the middle is reported by its path.
  @Test func aCommonNameAcrossManyFilesComesBackWholeAndInPathOrder() throws {
    let dir = try TemporaryDirectory()
    let db = try IndexDatabase.openForWriting(path: dir.path + "/i.sqlite")
    var writes: [FileWrite] = []
    var expected: [String] = []
    for i in 0..<600 {
      let path = String(format: "src/f%03d.c", i)
      // Blobs of very different sizes: some files mention thousands of other names first.
      var names = ["shared": Array(stride(from: 10, to: 10 + 7 * (i % 4 + 1), by: 7))]
      if i % 9 == 0 { for k in 0..<2000 { names["n\(k)"] = [k + 1] } }
      writes.append(write(path, indexMentioning(names), hash: UInt64(i + 1)))
      expected += names["shared"]!.map { "\(path):\($0)" }
    }
    try IndexWriter(database: db).commit(IndexBatch(writes: writes.shuffled()))
    #expect(try refs(db, "shared") == expected)
    try db.write { try $0.execute(sql: "UPDATE file_blob SET refs = x'28b52ffd00' WHERE file_id = (SELECT id FROM file WHERE path = 'src/f300.c')") }
    #expect {
      try refs(db, "shared")
    } throws: { error in
      guard let error = error as? StoreError, case .corruptBlob(let path) = error else { return false }
      return path == "src/f300.c"
    }
  }

  @Test func reindexingAndRemovingAFileKeepTheNameToFilesTableExact() throws {
    let dir = try TemporaryDirectory()
    let db = try IndexDatabase.openForWriting(path: dir.path + "/i.sqlite")
    let writer = IndexWriter(database: db)
    try writer.commit(IndexBatch(writes: [write("a.swift", indexMentioning(["foo": [3], "shared": [4]])), write("b.swift", indexMentioning(["shared": [9]]))]))
    #expect(try refs(db, "foo") == ["a.swift:3"])
    #expect(try refs(db, "shared") == ["a.swift:4", "b.swift:9"])
    #expect(try postings(db) == 3)
    // a.swift changes: foo goes, bar comes.
    try writer.commit(IndexBatch(writes: [write("a.swift", indexMentioning(["bar": [5], "shared": [6]]), hash: 2)]))
    #expect(try refs(db, "foo").isEmpty)
    #expect(try refs(db, "bar") == ["a.swift:5"])
    #expect(try refs(db, "shared") == ["a.swift:6", "b.swift:9"])
    #expect(try postings(db) == 3)
    // b.swift goes.
    try writer.commit(IndexBatch(removals: ["b.swift"]))
    #expect(try refs(db, "shared") == ["a.swift:6"])
    #expect(try postings(db) == 2)
  }

  @Test func aFailedBatchLeavesNoReferencesBehind() throws {
    let dir = try TemporaryDirectory()
    let db = try IndexDatabase.openForWriting(path: dir.path + "/i.sqlite")
    try db.write { try $0.execute(sql: "CREATE TRIGGER boom BEFORE INSERT ON file WHEN NEW.path = 'boom.swift' BEGIN SELECT RAISE(ABORT, 'boom'); END") }
    let writer = IndexWriter(database: db)
    #expect(throws: StoreError.self) {
      try writer.commit(IndexBatch(writes: [write("a.swift", indexMentioning(["fresh": [1]])), write("boom.swift", sampleIndex())]))
    }
    #expect(try refs(db, "fresh").isEmpty)
    #expect(try postings(db) == 0)
    try writer.commit(IndexBatch(writes: [write("a.swift", indexMentioning(["fresh": [2]]))]))
    #expect(try refs(db, "fresh") == ["a.swift:2"])
  }

  @Test func aHashCollisionOpensABlobButReportsOnlyTheExactName() throws {
    // Two names with the same hash: find one by brute force over short names.
    var seen: [Int64: String] = [:]
    var pair: (String, String)?
    var i = 0
    while pair == nil {
      let name = "n\(i)"
      let hash = ReferenceNameHash.of(name)
      if let other = seen[hash] { pair = (other, name) } else { seen[hash] = name }
      i += 1
    }
    let (a, b) = pair!
    let dir = try TemporaryDirectory()
    let db = try IndexDatabase.openForWriting(path: dir.path + "/i.sqlite")
    try IndexWriter(database: db).commit(
      IndexBatch(writes: [write("a.swift", indexMentioning([a: [1]])), write("b.swift", indexMentioning([b: [2]]))]))
    #expect(try refs(db, a) == ["a.swift:1"])
    #expect(try refs(db, b) == ["b.swift:2"])
  }
}
