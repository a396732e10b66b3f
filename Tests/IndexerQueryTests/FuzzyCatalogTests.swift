import IndexerModel
@testable import IndexerQuery
import IndexerStore
import IndexerTestSupport
import Testing

/// The fuzzy catalog (names in one buffer, character masks, a top-k threshold) ranks exactly as scoring
/// every name with `FuzzyMatcher` and sorting (best score, then name bytes) does.
@Suite struct FuzzyCatalogTests {
  static let patterns = ["a", "ab", "Abc", "e_x", "é", "zz", "x1", "dcba", "_"]

  /// An index of 600 random names over a small alphabet (many matches, many ties).
  static func randomNames(in dir: TemporaryDirectory) throws -> (path: String, names: Set<String>) {
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
    return (path, names)
  }

  static func bruteForce(_ pattern: String, _ names: Set<String>, limit: Int) -> [String] {
    let matcher = FuzzyMatcher(pattern)
    return names.compactMap { name in matcher.score(name).map { (name, $0) } }
      .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
  }

  @Test func catalogRanksLikeBruteForce() throws {
    let dir = try TemporaryDirectory()
    let (path, names) = try Self.randomNames(in: dir)
    let engine = try QueryEngine(databasePath: path)
    for pattern in Self.patterns {
      let got = try engine.symbols(SymbolQuery(name: pattern, mode: .fuzzy)).map(\.symbol.name)
      #expect(got == Self.bruteForce(pattern, names, limit: QueryEngine.fuzzyNameLimit), "pattern \(pattern)")
    }
  }

  /// Scored in slices on several threads (as a kernel tree's catalog is), the ranking is the same.
  @Test(arguments: [1, 7, 599])
  func slicedScoringRanksLikeBruteForce(limit: Int) throws {
    let dir = try TemporaryDirectory()
    let (path, names) = try Self.randomNames(in: dir)
    let catalog = FuzzyNameCatalog(parallelThreshold: 1)
    let connection = try ReadOnlyConnection(path: path)
    try catalog.load(connection, generation: connection.generation())
    for pattern in Self.patterns {
      #expect(catalog.best(pattern, count: limit).map(\.name) == Self.bruteForce(pattern, names, limit: limit), "pattern \(pattern)")
    }
  }
}
