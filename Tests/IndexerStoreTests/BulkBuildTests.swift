import Foundation
import GRDB
import IndexerModel
import IndexerTestSupport
import Testing

@testable import IndexerStore

@Suite struct BulkBuildTests {
  private func refs(at path: String, _ name: String) throws -> [String] {
    try occurrences(ReadOnlyConnection(path: path), name).map { "\($0.path):\($0.position.line)" }
  }

  private func problems(_ path: String) throws -> [IntegrityProblem] {
    try IndexChecker.check(IndexDatabase.openForReading(path: path)).problems
  }

  private func lock(_ live: String) throws -> WriterLock { try WriterLock(path: WriterLock.path(forDatabase: live)) }

  private func count(_ path: String, _ sql: String) throws -> Int {
    try IndexDatabase.openForReading(path: path).read { try Int.fetchOne($0, sql: sql) ?? -1 }
  }

  @Test func aPublishedBuildAnswersFromListsAndLaterWritesGoToRows() throws {
    let dir = try TemporaryDirectory()
    let live = dir.path + "/i.sqlite"
    let build = try BulkBuild.start(live: live, root: "/r", lock: try lock(live), copyingFrom: nil)
    let writer = IndexWriter(database: build.database)
    try writer.commit(IndexBatch(writes: [write("a.swift", indexMentioning(["shared": [1], "onlyA": [2]]))]))
    try writer.commit(IndexBatch(writes: [write("b.swift", indexMentioning(["shared": [3]])), write("c.swift", indexMentioning(["gone": [4]]))]))
    #expect(access(live, F_OK) != 0, "nothing is at the live path until the build is published")
    try build.publish()
    build.release()
    #expect(!BulkBuild.exists(forDatabase: live))
    #expect(access(BulkBuild.paths(forDatabase: live).runs, F_OK) != 0)
    #expect(try refs(at: live, "shared") == ["a.swift:1", "b.swift:3"])
    #expect(try count(live, "SELECT count(*) FROM ref_file") == 0)
    #expect(try count(live, "SELECT count(*) FROM ref_posting") == 3)  // shared, onlyA, gone: one list each
    #expect(try count(live, "SELECT count(*) FROM symbol") == 6)
    #expect(try count(live, "SELECT count(*) FROM sqlite_master WHERE name = 'symbol_by_name'") == 1)
    #expect(try IndexDatabase.openForReading(path: live).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    #expect(try problems(live).isEmpty)

    // In place afterwards: a changed file's names move to rows, a removed file's list entries go stale, and
    // a new file that takes a freed id does not inherit them.
    let db = try IndexDatabase.openForWriting(path: live)
    try IndexWriter(database: db).commit(IndexBatch(writes: [write("a.swift", indexMentioning(["onlyA": [5]]), hash: 2)], removals: ["c.swift"]))
    try IndexWriter(database: db).commit(IndexBatch(writes: [write("d.swift", indexMentioning(["other": [6]]))]))
    #expect(try db.read { try Int64.fetchOne($0, sql: "SELECT id FROM file WHERE path = 'd.swift'") } == 3)
    #expect(try refs(at: live, "shared") == ["b.swift:3"])
    #expect(try refs(at: live, "onlyA") == ["a.swift:5"])
    #expect(try refs(at: live, "gone").isEmpty)
    #expect(try refs(at: live, "other") == ["d.swift:6"])
    #expect(try IndexChecker.check(db).problems.isEmpty)
  }

  @Test func aKilledBuildLeavesTheLiveIndexAloneAndResumesWithOnlyItsLatestPairs() throws {
    let dir = try TemporaryDirectory()
    let live = dir.path + "/i.sqlite"
    do {
      let db = try IndexDatabase.openForWriting(path: live)
      try IndexWriter(database: db).commit(IndexBatch(writes: [write("old.swift", indexMentioning(["shared": [1], "oldOnly": [2]]))]))
    }
    do {
      let build = try BulkBuild.start(live: live, root: "/r", lock: try lock(live), copyingFrom: live)
      let writer = IndexWriter(database: build.database)
      try writer.commit(IndexBatch(writes: [write("a.swift", indexMentioning(["shared": [3], "stale": [4]]))]))
      // Killed here: the build's files stay, its lock goes with the process.
      build.release()
    }
    #expect(BulkBuild.exists(forDatabase: live))
    #expect(try refs(at: live, "shared") == ["old.swift:1"], "the live index is the previous one, whole")
    #expect(try refs(at: live, "stale").isEmpty)

    #expect(BulkBuild.resume(live: live, root: "/elsewhere", lock: try lock(live)) == nil, "another root's build is not resumed")
    #expect(!BulkBuild.exists(forDatabase: live), "and it is deleted")

    do {
      let build = try BulkBuild.start(live: live, root: "/r", lock: try lock(live), copyingFrom: live)
      try IndexWriter(database: build.database).commit(
        IndexBatch(writes: [write("a.swift", indexMentioning(["shared": [3], "stale": [4]]))]))
      build.release()
    }
    let resumed = try #require(BulkBuild.resume(live: live, root: "/r", lock: try lock(live)))
    let stored = try IndexReader(database: resumed.database).storedFiles()
    #expect(Set(stored.map(\.path)) == ["old.swift", "a.swift"])
    // a.swift changed while nobody ran: its earlier pairs must not survive the merge.
    try IndexWriter(database: resumed.database).commit(
      IndexBatch(writes: [write("a.swift", indexMentioning(["shared": [5]]), hash: 9)], removals: ["old.swift"]))
    try resumed.publish()
    resumed.release()
    #expect(try refs(at: live, "shared") == ["a.swift:5"])
    #expect(try refs(at: live, "stale").isEmpty)
    #expect(try refs(at: live, "oldOnly").isEmpty)
    #expect(try count(live, "SELECT count(*) FROM ref_posting") == 1)
    #expect(try problems(live).isEmpty)
  }

  /// With synchronous=OFF SQLite commits the build and its side file one after the other: a kill between
  /// the two leaves files whose run is missing. Resuming drops those files, so they are read again.
  @Test func aResumeDropsFilesWhoseRunDidNotCommit() throws {
    let dir = try TemporaryDirectory()
    let live = dir.path + "/i.sqlite"
    do {
      let build = try BulkBuild.start(live: live, root: "/r", lock: try lock(live), copyingFrom: nil)
      try IndexWriter(database: build.database).commit(IndexBatch(writes: [write("kept.swift", indexMentioning(["n": [1]]))]))
      try IndexWriter(database: build.database).commit(IndexBatch(writes: [write("torn.swift", indexMentioning(["n": [2]]))]))
      build.release()
    }
    // The kill came after the build committed torn.swift's batch and before the side file committed its run.
    let runs = BulkBuild.paths(forDatabase: live).runs
    try DatabaseQueue(path: runs).write { try $0.execute(sql: "DELETE FROM ref_run WHERE run = (SELECT max(run) FROM ref_run)") }
    let resumed = try #require(BulkBuild.resume(live: live, root: "/r", lock: try lock(live)))
    #expect(Set(try IndexReader(database: resumed.database).storedFiles().map(\.path)) == ["kept.swift"], "torn.swift is read again")
    try IndexWriter(database: resumed.database).commit(IndexBatch(writes: [write("torn.swift", indexMentioning(["n": [2]]))]))
    try resumed.publish()
    resumed.release()
    #expect(try refs(at: live, "n") == ["kept.swift:1", "torn.swift:2"])
    #expect(try problems(live).isEmpty)
  }

  @Test func aBuildCarriesOverTheFilesItDoesNotTouchWithTheirListsAndRows() throws {
    let dir = try TemporaryDirectory()
    let live = dir.path + "/i.sqlite"
    let first = try BulkBuild.start(live: live, root: "/r", lock: try lock(live), copyingFrom: nil)
    try IndexWriter(database: first.database).commit(IndexBatch(writes: [write("listed.swift", indexMentioning(["n": [1]]))]))
    try first.publish()
    first.release()
    do {
      let db = try IndexDatabase.openForWriting(path: live)
      try IndexWriter(database: db).commit(IndexBatch(writes: [write("rows.swift", indexMentioning(["n": [2]]))]))
      #expect(try db.read { try Int64.fetchOne($0, sql: "SELECT value FROM meta WHERE key = 'generation'") } == 2)
    }
    let second = try BulkBuild.start(live: live, root: "/r", lock: try lock(live), copyingFrom: live)
    try IndexWriter(database: second.database).commit(IndexBatch(writes: [write("new.swift", indexMentioning(["n": [3]]))]))
    try second.publish()
    second.release()
    #expect(try refs(at: live, "n") == ["listed.swift:1", "new.swift:3", "rows.swift:2"])
    #expect(try count(live, "SELECT count(*) FROM ref_file") == 0)
    #expect(try count(live, "SELECT count(*) FROM symbol") == 6)
    #expect(try count(live, "SELECT value FROM meta WHERE key = 'generation'") == 3, "generations only grow")
    #expect(try problems(live).isEmpty)
  }

  @Test func postingListsRoundTripAndDamageThrows() throws {
    for ids in [[1], [1, 2, 3], Array(stride(from: 5, to: 100_000, by: 7)), [1, Int64(UInt32.max)]] as [[Int64]] {
      let blob = PostingListCodec.encode(ids)
      #expect(try PostingListCodec.decode(blob) == ids)
      for cut in stride(from: 0, to: blob.count, by: max(1, blob.count / 50)) {
        _ = try? PostingListCodec.decode(Array(blob[..<cut]))
      }
    }
    #expect(PostingListCodec.encode(Array(1...1000)).first == 1, "a long list is compressed")
    #expect(throws: OutlineDecodingError.self) { try PostingListCodec.decode([]) }
    #expect(throws: OutlineDecodingError.self) { try PostingListCodec.decode([7, 1]) }
    #expect(throws: OutlineDecodingError.self) { try PostingListCodec.decode([0, 1, 0]) }  // ids must ascend
    #expect(throws: OutlineDecodingError.self) { try PostingListCodec.decode([0] + Array(repeating: 0xFF, count: 10) + [1]) }
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
      let bytes = (0..<Int.random(in: 1...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
      _ = try? PostingListCodec.decode(bytes)
    }
  }
}

/// What an extraction worker sends its parent: the blobs as the store writes them and the name hashes.
@Suite struct ExtractedFileCodecTests {
  @Test func aWorkersAnswerRoundTripsAndADamagedOneThrows() throws {
    var index = sampleIndex(["Alpha", "beta"])
    index.references = FileReferences(
      names: ["beta", "Alpha", "gamma"], positions: [[.init(line: 3, column: 1)], [.init(line: 2, column: 7)], [.init(line: 9, column: 2)]])
    let bytes = ExtractedFileCodec.encode(
      language: .swift, outline: EncodedOutline(index, compressor: Zstd.Compressor()),
      references: EncodedReferences(index.references, compressor: Zstd.Compressor()))
    let (decoded, outline, references) = try ExtractedFileCodec.decode(bytes, zstd: Zstd.Decompressor())
    #expect(decoded.symbols.map(\.name) == ["Outer", "Alpha", "beta"])
    #expect(outline.compressed == EncodedOutline(index).compressed, "a reused context compresses as a fresh one does")
    #expect(references.nameHashes == ["Alpha", "beta", "gamma"].map(ReferenceNameHash.of).sorted())
    #expect(references.count == 3)
    for cut in 0..<bytes.count {
      #expect(throws: OutlineDecodingError.self) { _ = try ExtractedFileCodec.decode(Array(bytes[..<cut])) }
    }
    // The hashes end the message but for the scopes blob (empty here: a length of 0): a count of one, then
    // the hash. One past 31 bits is damage, not a name.
    let noHashes = ExtractedFileCodec.encode(
      language: .swift, outline: outline, references: EncodedReferences(compressed: references.compressed, nameHashes: [], count: 3))
    #expect(noHashes.suffix(2) == [0, 0])
    let prefix = Array(noHashes.dropLast(2))
    #expect(try ExtractedFileCodec.decode(prefix + [1, 5, 0]).2.nameHashes == [5])
    #expect(try ExtractedFileCodec.decode(prefix + [1, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0]).2.nameHashes == [0x7FFF_FFFF])
    #expect(throws: OutlineDecodingError.self) { _ = try ExtractedFileCodec.decode(prefix + [1, 0x80, 0x80, 0x80, 0x80, 0x08, 0]) }
    #expect(throws: OutlineDecodingError.self) { _ = try ExtractedFileCodec.decode(prefix + [2, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 1, 0]) }
  }
}

/// `symbol.signature` stores the symbol's name as one marker byte; every signature must read back as written.
@Suite struct StoredSignatureTests {
  private func roundTrip(_ signature: String, _ name: String) -> String {
    StoredSignature.encode(signature, name: name).withUnsafeBufferPointer { StoredSignature.decode($0, name: name) }
  }

  @Test func signaturesReadBackExactly() {
    let cases: [(String, String)] = [
      ("struct task_struct {", "task_struct"), ("def open(self, path)", "open"), ("int x", "y"), ("", "a"), ("abc", ""),
      ("a\u{1}b open", "open"), ("\u{2}open", "open"), ("open open", "open"), ("func é(x: É)", "é"), ("\u{1}", ""),
    ]
    for (signature, name) in cases {
      #expect(roundTrip(signature, name) == signature, "\(signature.debugDescription) / \(name)")
    }
    #expect(StoredSignature.encode("struct task_struct {", name: "task_struct") == Array("struct \u{1} {".utf8))
  }
}
