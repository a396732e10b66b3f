import GRDB
import IndexerModel
import IndexerStore
import IndexerTestSupport
import Testing

@Suite struct IndexWriterTests {
  @Test func eachBatchBumpsTheGenerationOnce() throws {
    let dir = try TemporaryDirectory()
    let db = try IndexDatabase.openForWriting(path: dir.path + "/i.sqlite")
    let writer = IndexWriter(database: db)
    let reader = IndexReader(database: db)
    #expect(try reader.generation() == 0)
    #expect(try writer.commit(IndexBatch(writes: [write("a.swift", sampleIndex()), write("b.swift", sampleIndex())])) == 1)
    #expect(try writer.commit(IndexBatch(removals: ["a.swift"])) == 2)
    #expect(try reader.storedFiles().map(\.path) == ["b.swift"])
    #expect(try lookup(db).symbols(SymbolFilter(match: .exact("Alpha"))).map(\.path) == ["b.swift"])
  }

  @Test func aFailingBatchCommitsNothing() throws {
    let dir = try TemporaryDirectory()
    let db = try IndexDatabase.openForWriting(path: dir.path + "/i.sqlite")
    try db.write { try $0.execute(sql: "CREATE TRIGGER boom BEFORE INSERT ON file WHEN NEW.path = 'boom.swift' BEGIN SELECT RAISE(ABORT, 'boom'); END") }
    let writer = IndexWriter(database: db)
    try writer.commit(IndexBatch(writes: [write("kept.swift", sampleIndex())]))
    #expect(throws: StoreError.self) {
      try writer.commit(IndexBatch(writes: [write("new.swift", sampleIndex()), write("boom.swift", sampleIndex())], removals: ["kept.swift"]))
    }
    let reader = IndexReader(database: db)
    #expect(try reader.storedFiles().map(\.path) == ["kept.swift"])
    #expect(try reader.generation() == 1)
    #expect(try lookup(db).symbols(SymbolFilter(match: .exact("Beta"))).map(\.path) == ["kept.swift"])
  }

  @Test func reindexingAFileReplacesItsSymbols() throws {
    let dir = try TemporaryDirectory()
    let db = try IndexDatabase.openForWriting(path: dir.path + "/i.sqlite")
    let writer = IndexWriter(database: db)
    try writer.commit(IndexBatch(writes: [write("a.swift", sampleIndex(["Old"]))]))
    try writer.commit(IndexBatch(writes: [write("a.swift", sampleIndex(["New"]), hash: 2)]))
    let reader = IndexReader(database: db)
    #expect(try lookup(db).symbols(SymbolFilter(match: .exact("Old"))).isEmpty)
    #expect(try lookup(db).symbols(SymbolFilter(match: .exact("New"))).count == 1)
    #expect(try reader.storedFiles().first { $0.path == "a.swift" }?.contentHash == 2)
    #expect(try lookup(db).outline(path: "a.swift") == sampleIndex(["New"]))
  }

  @Test func renamesMoveRowsWithoutReparsing() throws {
    let dir = try TemporaryDirectory()
    let db = try IndexDatabase.openForWriting(path: dir.path + "/i.sqlite")
    let writer = IndexWriter(database: db)
    try writer.commit(IndexBatch(writes: [write("old.swift", sampleIndex())]))
    var moved = write("new.swift", sampleIndex())
    moved.content = .renamed(from: "old.swift")
    try writer.commit(IndexBatch(writes: [moved]))
    let reader = IndexReader(database: db)
    #expect(try lookup(db).symbols(SymbolFilter(match: .exact("Alpha"))).map(\.path) == ["new.swift"])
    #expect(try reader.storedFiles().map(\.path) == ["new.swift"])
  }
}
