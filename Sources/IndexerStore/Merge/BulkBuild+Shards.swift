import Foundation
import GRDB
import IndexerModel

extension BulkBuild {
  /// Fills the (new, empty) build with every file of the shards: file ids in path order over all of them,
  /// as one full run assigns them; blobs and symbol rows copied as stored (no decoding, no recompression);
  /// each shard's name-to-files pairs become one run, ids translated. One shard is attached at a time.
  package func copyShards(_ set: ShardSet) throws(StoreError) {
    do {
      try queue.inDatabase { db in
        try db.execute(sql: "CREATE TEMP TABLE merge_file (shard INTEGER NOT NULL, old_id INTEGER NOT NULL, path TEXT NOT NULL)")
        var generation: Int64 = 0
        var lastIndexTime: String?
        for (position, member) in set.members.enumerated() {
          try attached(member.path, db) {
            try db.execute(sql: "INSERT INTO temp.merge_file SELECT ?, id, path FROM shard.file", arguments: [position])
            generation = max(generation, try Int64.fetchOne(db, sql: "SELECT value FROM shard.meta WHERE key = 'generation'") ?? 0)
            if let time = try String.fetchOne(db, sql: "SELECT value FROM shard.meta WHERE key = 'last_index_time'") {
              lastIndexTime = max(lastIndexTime ?? time, time)
            }
          }
        }
        if let path = try String.fetchOne(db, sql: "SELECT path FROM temp.merge_file GROUP BY path HAVING count(*) > 1 LIMIT 1") {
          throw ShardSet.Refusal(description: "\(path) is in more than one shard: these files were not built as parts of one tree")
        }
        try db.execute(
          sql: """
            CREATE TEMP TABLE merge_id (shard INTEGER NOT NULL, old_id INTEGER NOT NULL, new_id INTEGER NOT NULL,
              PRIMARY KEY (shard, old_id)) WITHOUT ROWID;
            INSERT INTO temp.merge_id SELECT shard, old_id, row_number() OVER (ORDER BY path) FROM temp.merge_file;
            CREATE INDEX temp.merge_id_by_new ON merge_id (shard, new_id, old_id);
            DROP TABLE temp.merge_file;
            """)
        let fileColumns = try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info('file')").map { $0[0] as String }
        let symbolColumns = try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info('symbol')").map { $0[0] as String }
        for (position, member) in set.members.enumerated() {
          let run = Int64(position + 1)
          try attached(member.path, db) {
            try db.inTransaction {
              let names = fileColumns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
              let values = fileColumns.map { column in
                switch column {
                case "id": "m.new_id"
                case "ref_base": "\(run)"
                default: "f." + column.quotedDatabaseIdentifier
                }
              }.joined(separator: ", ")
              let join = "JOIN temp.merge_id m ON m.shard = \(position) AND m.old_id"
              try db.execute(sql: "INSERT INTO main.file (\(names)) SELECT \(values) FROM shard.file f \(join) = f.id ORDER BY m.new_id")
              try db.execute(
                sql: "INSERT INTO main.file_blob (file_id, outline, refs, scopes) SELECT m.new_id, b.outline, b.refs, b.scopes FROM shard.file_blob b \(join) = b.file_id ORDER BY m.new_id")
              let symbolValues = symbolColumns.map { $0 == "file_id" ? "m.new_id" : "s." + $0.quotedDatabaseIdentifier }.joined(separator: ", ")
              // Files in their new order, each one's rows by its primary key: rows arrive in key order, with
              // no sort of millions of rows (a kernel tree's 4.4 million took 7.5 s sorted, in a merge of 20).
              try db.execute(
                sql: """
                  INSERT INTO main.symbol (\(symbolColumns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")))
                  SELECT \(symbolValues) FROM temp.merge_id m INDEXED BY merge_id_by_new CROSS JOIN shard.symbol s ON s.file_id = m.old_id
                  WHERE m.shard = \(position) ORDER BY m.new_id, s.ordinal
                  """)
              var newID: [Int64: Int64] = [:]
              for row in try Row.fetchAll(db, sql: "SELECT old_id, new_id FROM temp.merge_id WHERE shard = ?", arguments: [position]) {
                newID[row[0]] = row[1]
              }
              try PostingRunMerge.copyNames(fromAttached: "shard", run: run, translating: newID, db)
              return .commit
            }
          }
        }
        try db.inTransaction {
          try db.execute(sql: "DROP TABLE temp.merge_id")
          var provenance = set.members.first?.provenance ?? IndexProvenance()
          provenance.shard = nil
          provenance.mergedFrom = "\(set.count) shard\(set.count == 1 ? "" : "s")"
          try IndexWriter.write(provenance, db)
          // As new as the newest shard: a reader that saw any of them sees a later generation here.
          try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'generation'", arguments: [generation])
          if let lastIndexTime {
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('last_index_time', ?)", arguments: [lastIndexTime])
          }
          return .commit
        }
      }
    } catch let refusal as ShardSet.Refusal {
      throw .sqlite(path: path, detail: refusal.description)
    } catch {
      throw IndexDatabase.map(error, path: path, creating: false)
    }
  }

  /// Runs `body` with the shard at `path` attached as `shard`, read as any reader would.
  private func attached(_ path: String, _ db: Database, _ body: () throws -> Void) throws {
    try db.execute(sql: "ATTACH DATABASE ? AS shard", arguments: [path])
    defer { try? db.execute(sql: "DETACH DATABASE shard") }
    _ = try String.fetchOne(db, sql: "PRAGMA shard.locking_mode = NORMAL")
    try body()
  }
}
