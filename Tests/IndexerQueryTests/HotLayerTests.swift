import IndexerModel
import IndexerQuery
import IndexerStore
import IndexerTestSupport
import Testing

@Suite struct ByteBoundedLRUTests {
  @Test func evictsTheLeastRecentlyUsedToStayUnderTheByteLimit() {
    let lru = ByteBoundedLRU<String>(limitBytes: 100)
    lru.set("a", for: "a", cost: 40)
    lru.set("b", for: "b", cost: 40)
    #expect(lru.value(for: "a") == "a")  // a is now the most recent
    lru.set("c", for: "c", cost: 40)  // evicts b, not a
    #expect(lru.value(for: "b") == nil)
    #expect(lru.value(for: "a") == "a")
    #expect(lru.value(for: "c") == "c")
    let c = lru.counters
    #expect(c.bytes == 80)
    #expect(c.evictions == 1)
    #expect(c.hits == 3)
    #expect(c.misses == 1)
    #expect(c.limit == 100)
  }

  @Test func valuesLargerThanTheLimitAreNotKept() {
    let lru = ByteBoundedLRU<Int>(limitBytes: 10)
    lru.set(1, for: "big", cost: 11)
    #expect(lru.value(for: "big") == nil)
    #expect(lru.counters.bytes == 0)
  }

  @Test func replacingAKeyReplacesItsCost() {
    let lru = ByteBoundedLRU<Int>(limitBytes: 100)
    for i in 0..<1000 { lru.set(i, for: "same", cost: 30) }
    #expect(lru.counters.bytes == 30)
    #expect(lru.counters.entries == 1)
    #expect(lru.value(for: "same") == 999)
  }
}

@Suite struct CachedQueriesTests {
  /// A hit must equal what the store says, and a new generation must not serve an old answer.
  @Test func hitsEqualMissesAndGenerationsSeparateAnswers() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/i.sqlite"
    let db = try IndexDatabase.openForWriting(path: path)
    func commit(_ name: String) throws {
      var index = FileIndex(language: .python)
      let r = SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 5))
      index.append(Symbol(name: name, kind: .function, container: "", range: r, signature: "def \(name)()"), parent: -1)
      try IndexWriter(database: db).commit(IndexBatch(writes: [
        FileWrite(
          path: "a.py", language: .python, status: .indexed, size: 1, mtimeNanoseconds: 1, inode: 1,
          contentHash: UInt64(name.count), content: .indexed(index, EncodedOutline(index), EncodedReferences(index.references)))
      ]))
    }
    try commit("first")
    let cache = CachedQueries(limitBytes: 1 << 20)
    let engine = try QueryEngine(databasePath: path)
    let query = SymbolQuery(name: "", mode: .prefix)
    let miss = try cache.symbols(query, generation: 1, engine: engine)
    let hit = try cache.symbols(query, generation: 1, engine: engine)
    #expect(hit == miss)
    #expect(miss == (try engine.symbols(query)))
    #expect(cache.counters.hits == 1)
    try commit("second")
    let fresh = try cache.symbols(query, generation: 2, engine: engine)
    #expect(fresh.map(\.symbol.name) == ["second"])
    // Generation 1's answer can never be hit again: it is gone, not left to wait for eviction.
    #expect(cache.counters.entries == 1 && cache.counters.evictions == 0)
    let heldForOne = cache.counters.bytes
    #expect(try cache.outline(path: "a.py", generation: 2, engine: engine)?.symbols.first?.name == "second")
    #expect(cache.counters.entries == 2 && cache.counters.bytes > heldForOne)
    // A late request for an older generation is answered (from the store) without clearing the newer.
    _ = try cache.symbols(SymbolQuery(name: "x"), generation: 1, engine: engine)
    #expect(try cache.symbols(query, generation: 2, engine: engine) == fresh)
    #expect(cache.counters.hits == 2)
  }
}
