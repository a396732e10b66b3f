import GRDB
import IndexerModel
import IndexerStore
import IndexerTestSupport
import Testing

/// Every name lookup the reader runs must be served by the name index, never a table scan.
@Suite struct QueryPlanTests {
  @Test(arguments: [
    NameMatch.exact("Name"), .prefix("Na"), .exactIgnoringCase("name"), .prefixIgnoringCase("na"), .anyOf(["a", "b"]),
  ])
  func lookupsUseTheNameIndex(match: NameMatch) throws {
    let dir = try TemporaryDirectory()
    let db = try IndexDatabase.openForWriting(path: dir.path + "/i.sqlite")
    for filter in [
      SymbolFilter(match: match), SymbolFilter(match: match, kinds: [.class], languages: [.swift], pathGlob: "Sources/*", limit: 3),
    ] {
      let (sql, values) = try #require(SymbolSQL.select(filter))
      let arguments = StatementArguments(values.map { value -> DatabaseValue in
        switch value {
        case .text(let text): text.databaseValue
        case .integer(let number): number.databaseValue
        }
      })
      let plan = try db.read { db in
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
      }
      #expect(plan.contains { $0.contains("INDEX symbol_by_name") }, "\(plan)")
      #expect(!plan.contains { $0.hasPrefix("SCAN s") }, "\(plan)")
    }
  }

  @Test func caseSensitiveMatchesFilterTheCaseInsensitiveRange() throws {
    let dir = try TemporaryDirectory()
    let db = try IndexDatabase.openForWriting(path: dir.path + "/i.sqlite")
    try IndexWriter(database: db).commit(IndexBatch(writes: [write("a.swift", sampleIndex(["Alpha", "alpha", "ALPHABET", "alps"]))]))
    let reader = try lookup(db)
    func names(_ match: NameMatch) throws -> [String] { try reader.symbols(SymbolFilter(match: match)).map(\.symbol.name) }
    #expect(try names(.exact("alpha")) == ["alpha"])
    #expect(try names(.exactIgnoringCase("alpha")) == ["Alpha", "alpha"])
    #expect(try names(.prefix("ALPH")) == ["ALPHABET"])
    #expect(try names(.prefix("alp")) == ["alpha", "alps"])
    #expect(try names(.prefixIgnoringCase("alph")) == ["Alpha", "alpha", "ALPHABET"])
    #expect(try names(.prefix("")).count == 5)
  }
}
