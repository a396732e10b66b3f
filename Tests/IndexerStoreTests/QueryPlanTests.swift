import GRDB
import IndexerStore
import IndexerTestSupport
import Testing

/// Every name lookup must be served by an index, never a table scan (the query path is judged on latency).
@Suite struct QueryPlanTests {
  @Test(arguments: [
    ("SELECT * FROM symbol s WHERE s.name = 'x'", "symbol_by_name"),
    ("SELECT * FROM symbol s WHERE s.name >= 'x' AND s.name < 'x\u{10FFFF}'", "symbol_by_name"),
    ("SELECT * FROM symbol s WHERE s.name = 'x' COLLATE NOCASE", "symbol_by_name_nocase"),
    ("SELECT * FROM symbol s WHERE s.name >= 'x' COLLATE NOCASE AND s.name < 'x\u{10FFFF}' COLLATE NOCASE", "symbol_by_name_nocase"),
    ("SELECT s.name FROM symbol s JOIN file f ON f.id = s.file_id WHERE s.name = 'x' AND f.path GLOB 'a*'", "symbol_by_name"),
  ])
  func lookupsUseAnIndex(sql: String, index: String) throws {
    let dir = try TemporaryDirectory()
    let db = try IndexDatabase.openForWriting(path: dir.path + "/i.sqlite")
    let plan = try db.read { db in
      try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
    }
    #expect(plan.contains { $0.contains("USING INDEX \(index)") || $0.contains("USING COVERING INDEX \(index)") }, "\(plan)")
    #expect(!plan.contains { $0.hasPrefix("SCAN s") || $0.hasPrefix("SCAN symbol") }, "\(plan)")
  }
}
