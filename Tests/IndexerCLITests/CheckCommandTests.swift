import Foundation
import GRDB
import IndexerTestSupport
import Testing

/// `indexer check` on real damage: blobs overwritten, counts changed, pages of the SQLite file overwritten.
/// `check` must find each, and `check --repair` must leave an index that checks clean and answers queries
/// as a fresh index does.
@Suite struct CheckCommandTests {
  private func indexed() throws -> (TemporaryDirectory, String) {
    let ws = try Fixtures.copy("workspaces/mixed")
    try indexJSON(ws.path)
    return (ws, ws.path + "/.indexer/index.sqlite")
  }

  /// Runs `body` on the index through a plain SQLite connection, as damage from outside would come.
  private func damage(_ path: String, _ sql: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.write { try $0.execute(sql: sql) }
    try queue.close()
  }

  /// Overwrites the root page of a table or index with garbage, the way a torn write or a bad disk would.
  private func overwriteRootPage(of name: String, in path: String) throws {
    let (root, pageSize) = try DatabaseQueue(path: path).read { db in
      (try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = ?", arguments: [name]) ?? 0,
       try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096)
    }
    #expect(root > 1)
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
    try handle.seek(toOffset: UInt64((root - 1) * pageSize))
    try handle.write(contentsOf: Data((0..<pageSize).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }))
    try handle.close()
  }

  private func expectRepaired(_ ws: TemporaryDirectory, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let before = try allSymbols(ws.path)
    let repair = try IndexerProcess.run(["check", ws.path, "--repair"])
    #expect(repair.status == 0, "\(repair.stdout)\(repair.stderr)", sourceLocation: sourceLocation)
    let after = try IndexerProcess.run(["check", ws.path])
    #expect(after.status == 0, "\(after.stdout)", sourceLocation: sourceLocation)
    #expect(after.stdout.hasPrefix("sound:"), sourceLocation: sourceLocation)
    let fresh = try TemporaryDirectory("fresh")
    try indexJSON(ws.path, ["--db", fresh.path + "/i.sqlite"])
    let truth = try IndexerProcess.run(["query", "symbol", "", "--prefix", "--db", fresh.path + "/i.sqlite"]).lines
    #expect(try allSymbols(ws.path) == truth, sourceLocation: sourceLocation)
    _ = before
  }

  @Test func aSoundIndexChecksClean() throws {
    let (ws, _) = try indexed()
    let run = try IndexerProcess.run(["check", ws.path])
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("sound: 8 files"), "\(run.stdout)")
    let json = try IndexerProcess.run(["check", ws.path, "--json"]).json()
    #expect(json["sound"] as? Bool == true)
    #expect(int(json, "files") == 8)
  }

  @Test func aCorruptReferenceBlobIsFoundAndReadAgain() throws {
    let (ws, db) = try indexed()
    try damage(db, "UPDATE file_blob SET refs = x'28b52ffd0000ffffffff' WHERE file_id = (SELECT id FROM file WHERE path = 'scripts/tool.py')")
    let run = try IndexerProcess.run(["check", ws.path])
    #expect(run.status == 1)
    #expect(run.stdout.contains("references  scripts/tool.py  the reference blob does not decode"), "\(run.stdout)")
    let repair = try IndexerProcess.run(["check", ws.path, "--repair"])
    #expect(repair.stdout.contains("repaired: read again scripts/tool.py"), "\(repair.stdout)")
    #expect(!repair.stdout.contains("read again Sources"), "only the damaged file is read again")
    try expectRepaired(ws)
    #expect(try IndexerProcess.run(["query", "refs", "Tool", "--root", ws.path]).status == 0)
  }

  @Test func aCorruptOutlineAndWrongCountsAreFound() throws {
    let (ws, db) = try indexed()
    try damage(db, "UPDATE file_blob SET outline = x'00010203' WHERE file_id = (SELECT id FROM file WHERE path = 'scripts/sub/helpers.py')")
    try damage(db, "UPDATE file SET symbol_count = symbol_count + 5 WHERE path = 'Sources/App/main.swift'")
    try damage(db, "DELETE FROM ref_file WHERE (name_hash, file_id) IN (SELECT name_hash, file_id FROM ref_file LIMIT 3)")
    let run = try IndexerProcess.run(["check", ws.path])
    #expect(run.status == 1)
    #expect(run.stdout.contains("outline  scripts/sub/helpers.py  the outline blob does not decode"), "\(run.stdout)")
    #expect(run.stdout.contains("outline  Sources/App/main.swift"), "\(run.stdout)")
    #expect(run.stdout.contains("nameToFiles"), "\(run.stdout)")
    try expectRepaired(ws)
  }

  @Test func aDamagedIndexPageIsFoundAndMended() throws {
    let (ws, db) = try indexed()
    try overwriteRootPage(of: "symbol_by_name", in: db)
    let run = try IndexerProcess.run(["check", ws.path])
    #expect(run.status == 1, "\(run.stdout)")
    #expect(run.stdout.contains("pages  (database)"), "\(run.stdout)")
    try expectRepaired(ws)
  }

  @Test func aDamagedTablePageRebuildsTheIndexAndKeepsTheDamagedFile() throws {
    let (ws, db) = try indexed()
    try overwriteRootPage(of: "file", in: db)
    let run = try IndexerProcess.run(["check", ws.path])
    #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
    let repair = try IndexerProcess.run(["check", ws.path, "--repair"])
    #expect(repair.stdout.contains("rebuilt the index"), "\(repair.stdout)\(repair.stderr)")
    #expect(FileManager.default.fileExists(atPath: db + ".damaged"))
    try expectRepaired(ws)
  }
}
