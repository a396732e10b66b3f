import IndexerModel
import IndexerQuery
import IndexerStore
import IndexerTestSupport
import Testing

/// The fuzzy catalog (names in one buffer, character masks, a top-k threshold) ranks exactly as scoring
/// every name with `FuzzyMatcher` and sorting (best score, then name bytes) does.
@Suite struct FuzzyCatalogTests {
  @Test func catalogRanksLikeBruteForce() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/i.sqlite"
    let db = try IndexDatabase.openForWriting(path: path)
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("abcdeABCDE_xyz1é")
    var names = Set<String>()
    while names.count < 600 {
      names.insert(String((0..<Int.random(in: 1...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
    }
    var index = FileIndex(language: .swift)
    let range = SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 2))
    for name in names.sorted() { index.append(Symbol(name: name, kind: .function, container: "", range: range, signature: ""), parent: -1) }
    try IndexWriter(database: db).commit(IndexBatch(writes: [
      FileWrite(path: "a.swift", language: .swift, status: .indexed, size: 1, mtimeNanoseconds: 1, inode: 1, contentHash: 1,
        content: .indexed(index, EncodedOutline(index), EncodedReferences(index.references)))
    ]))
    let engine = try QueryEngine(databasePath: path)
    for pattern in ["a", "ab", "Abc", "e_x", "é", "zz", "x1", "dcba", "_"] {
      let matcher = FuzzyMatcher(pattern)
      let expected = names.compactMap { name in matcher.score(name).map { (name, $0) } }
        .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(QueryEngine.fuzzyNameLimit).map(\.0)
      let got = try engine.symbols(SymbolQuery(name: pattern, mode: .fuzzy)).map(\.symbol.name)
      #expect(got == Array(expected), "pattern \(pattern)")
    }
  }
}
