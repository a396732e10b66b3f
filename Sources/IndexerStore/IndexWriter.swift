import Foundation
import GRDB
import IndexerModel

/// The database's single writer: applies a batch in one transaction and bumps the generation.
///
/// A reader sees a batch whole or not at all (WAL), and a process killed mid-batch leaves the previous
/// generation intact, so the next run simply finishes the work.
package struct IndexWriter: Sendable {
  package let database: IndexDatabase

  package init(database: IndexDatabase) {
    self.database = database
  }

  /// Drops the secondary indexes on `symbol` for a bulk build: building an index once by sorting is several
  /// times cheaper than inserting 100,000s of names into it one at a time. Their SQL is kept in `meta`
  /// in the same transaction, so whoever finishes the build (or opens a database an older version left
  /// this way) restores them (`restoreIndexes`).
  static func dropSymbolIndexes(_ db: Database) throws {
    let indexes = try Row.fetchAll(
      db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'symbol' AND sql IS NOT NULL")
    for index in indexes {
      let name: String = index["name"]
      try db.execute(
        sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        arguments: ["dropped_index:" + name, index["sql"] as String])
      try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
    }
  }

  /// The `meta` key of a bulk build's last run number; present only in a database being built.
  static let bulkRunKey = "bulk_run"

  /// Whether a bulk load left indexes to rebuild; read-only, so a normal open writes nothing.
  static func hasDroppedIndexes(_ db: Database) throws -> Bool {
    try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM meta WHERE key LIKE 'dropped_index:%')") ?? false
  }

  static func restoreIndexes(_ db: Database) throws {
    let pending = try Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE key LIKE 'dropped_index:%'")
    for row in pending {
      try db.execute(sql: row["value"] as String)
      try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [row["key"] as String])
    }
  }

  /// Commits the batch; returns the new generation.
  @discardableResult
  package func commit(_ batch: IndexBatch) throws(StoreError) -> Int64 {
    try database.write { db in
      let bulkRun = try Self.nextBulkRun(db)
      let postings = try ReferencePostingWriter(db, run: bulkRun)
      // A bulk build or a first fill records no changes (every symbol would be one); other batches feed
      // `changes --since`.
      let journal = bulkRun == nil && batch.recordsChanges
        ? SymbolJournal(generation: (try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'generation'") ?? 0) + 1) : nil
      for path in batch.removals {
        if let journal, let id = try Int64.fetchOne(db, sql: "SELECT id FROM file WHERE path = ?", arguments: [path]) {
          try journal.record(path: path, old: try SymbolJournal.stored(fileID: id, db), new: [], db)
        }
        try forgetReferences(path: path, db: db, postings: postings)
        try db.execute(sql: "DELETE FROM file WHERE path = ?", arguments: [path])
      }
      let symbols = try SymbolRowWriter(db)
      for write in batch.writes {
        try apply(write, db: db, symbols: symbols, postings: postings, journal: journal)
      }
      try journal?.trim(db)
      try postings.finish()
      if let provenance = batch.provenance { try Self.write(provenance, db) }
      if let notes = batch.walkNotes {
        try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [WalkNotes.key])
        if !notes.isEmpty {
          try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?)", arguments: [WalkNotes.key, WalkNotes.encode(notes)])
        }
      }
      for (key, amount) in batch.metaIncrements.sorted(by: { $0.key < $1.key }) where amount != 0 {
        try db.execute(
          sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = value + excluded.value",
          arguments: [key, amount])
      }
      try db.execute(sql: "UPDATE meta SET value = value + 1 WHERE key = 'generation'")
      if bulkRun == nil && !batch.recordsChanges {
        // The feed starts after this batch: what it added is the index itself.
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) SELECT ?, value FROM meta WHERE key = 'generation'", arguments: [SymbolJournal.startKey])
      }
      try db.execute(
        sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('last_index_time', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))")
      return try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'generation'") ?? 0
    }
  }

  static func write(_ provenance: IndexProvenance, _ db: Database) throws {
    for (key, value) in provenance.rows {
      if let value {
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
      } else {
        try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [key])
      }
    }
  }

  /// In a database being built, the number of this batch's run of (name, file) pairs (counted in `meta`,
  /// so a resumed build never reuses an earlier attempt's number); nil elsewhere.
  static func nextBulkRun(_ db: Database) throws -> Int64? {
    guard let last = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [bulkRunKey]) else { return nil }
    try db.execute(sql: "UPDATE meta SET value = ? WHERE key = ?", arguments: [last + 1, bulkRunKey])
    return last + 1
  }

  /// Drops the name-to-files rows of the file stored at `path`, if any.
  private func forgetReferences(path: String, db: Database, postings: ReferencePostingWriter) throws {
    let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT f.id, b.refs, f.ref_base FROM file f LEFT JOIN file_blob b ON b.file_id = f.id WHERE f.path = ?"), arguments: [path])
    guard let row, let blob = row["refs"] as Data? else { return }
    try postings.remove(fileID: row["id"], storedBlob: [UInt8](blob), refBase: row["ref_base"])
  }

  private func apply(
    _ write: FileWrite, db: Database, symbols: SymbolRowWriter, postings: ReferencePostingWriter, journal: SymbolJournal?
  ) throws {
    let hash = Int64(bitPattern: write.contentHash)
    switch write.content {
    case .unchanged:
      try db.cachedStatement(
        sql: "UPDATE file SET size = ?, mtime_ns = ?, inode = ? WHERE path = ?"
      ).execute(arguments: [write.size, write.mtimeNanoseconds, Int64(bitPattern: write.inode), write.path])
    case .renamed(let from):
      try forgetReferences(path: write.path, db: db, postings: postings)
      try db.execute(sql: "DELETE FROM file WHERE path = ?", arguments: [write.path])
      try db.cachedStatement(
        sql: "UPDATE file SET path = ?, size = ?, mtime_ns = ?, inode = ? WHERE path = ?"
      ).execute(arguments: [write.path, write.size, write.mtimeNanoseconds, Int64(bitPattern: write.inode), from])
    case .indexed(let index, let outline, let references):
      try forgetReferences(path: write.path, db: db, postings: postings)
      let id = try upsert(
        write, hash: hash, symbolCount: index.symbols.count, outline: outline, references: references, refBase: postings.refBase, db: db)
      try postings.add(fileID: id, nameHashes: references.nameHashes)
      if let journal { try journal.record(path: write.path, old: try SymbolJournal.stored(fileID: id, db), new: SymbolJournal.entries(index), db) }
      try db.cachedStatement(sql: "DELETE FROM symbol WHERE file_id = ?").execute(arguments: [id])
      for (ordinal, symbol) in index.symbols.enumerated() {
        let parent = index.parents[ordinal]
        try symbols.insert(symbol, ordinal: ordinal, fileID: id, containerKind: parent >= 0 ? index.symbols[parent].kind : nil)
      }
    case .skipped:
      try forgetReferences(path: write.path, db: db, postings: postings)
      let id = try upsert(write, hash: hash, symbolCount: 0, outline: nil, references: nil, refBase: postings.refBase, db: db)
      if let journal { try journal.record(path: write.path, old: try SymbolJournal.stored(fileID: id, db), new: [], db) }
      try db.cachedStatement(sql: "DELETE FROM symbol WHERE file_id = ?").execute(arguments: [id])
    }
  }

  private func upsert(
    _ write: FileWrite, hash: Int64, symbolCount: Int, outline: EncodedOutline?, references: EncodedReferences?, refBase: Int64,
    db: Database
  ) throws -> Int64 {
    let statement = try db.cachedStatement(
      sql: """
        INSERT INTO file (
          path, language, status, size, mtime_ns, inode, content_hash, symbol_count, outline_raw_bytes, message,
          ref_count, ref_base)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (path) DO UPDATE SET
          language = excluded.language, status = excluded.status, size = excluded.size, mtime_ns = excluded.mtime_ns,
          inode = excluded.inode, content_hash = excluded.content_hash, symbol_count = excluded.symbol_count,
          outline_raw_bytes = excluded.outline_raw_bytes, message = excluded.message,
          ref_count = excluded.ref_count, ref_base = excluded.ref_base
        RETURNING id
        """)
    let arguments: StatementArguments = [
      write.path, write.language.rawValue, write.status.rawValue, write.size, write.mtimeNanoseconds,
      Int64(bitPattern: write.inode), hash, symbolCount, outline?.rawCount ?? 0, write.message, references?.count ?? 0, refBase,
    ]
    guard let id = try Int64.fetchOne(statement, arguments: arguments) else {
      throw DatabaseError(resultCode: .SQLITE_ERROR, message: "no id returned for \(write.path)")
    }
    let refs = references.flatMap { $0.compressed.isEmpty ? nil : Data($0.compressed) }
    let scopes = references.flatMap { $0.scopes.isEmpty ? nil : Data($0.scopes) }
    if outline == nil && refs == nil && scopes == nil {
      try db.cachedStatement(sql: "DELETE FROM file_blob WHERE file_id = ?").execute(arguments: [id])
    } else {
      try db.cachedStatement(sql: "INSERT OR REPLACE INTO file_blob (file_id, outline, refs, scopes) VALUES (?, ?, ?, ?)")
        .execute(arguments: [id, outline.map { Data($0.compressed) }, refs, scopes])
    }
    return id
  }
}
