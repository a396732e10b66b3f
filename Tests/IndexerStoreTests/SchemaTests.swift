import Foundation
import GRDB
@testable import IndexerStore
import IndexerModel
import IndexerTestSupport
import Testing

@Suite struct SchemaTests {
  /// The binary's copy of the schema is generated from Schema/*.sql; this fails when someone forgets to regenerate.
  @Test func generatedSchemaMatchesTheSQLFiles() throws {
    let folder = Fixtures.root + "/../Schema"
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".sql") }.sorted()
    #expect(files.map { String($0.dropLast(4)) } == schemaMigrations.map(\.name), "run Scripts/generate-schema.sh")
    for (file, migration) in zip(files, schemaMigrations) {
      let sql = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
      #expect(
        sql.trimmingCharacters(in: .whitespacesAndNewlines) == migration.sql.trimmingCharacters(in: .whitespacesAndNewlines),
        "\(file) differs from Schema+Generated.swift: run Scripts/generate-schema.sh")
    }
  }

  /// A reader that opens a new index while its writer sets it up sees no schema or the current one, never
  /// a half-migrated file (GRDB's migrator committed each migration alone: readers saw "schema 1, older").
  @Test func aNewIndexIsNeverSeenHalfMigrated() throws {
    let dir = try TemporaryDirectory()
    for round in 0..<15 {
      let path = dir.path + "/new-\(round).sqlite"
      let done = DispatchSemaphore(value: 0)
      let thread = Thread {
        _ = try? IndexDatabase.openForWriting(path: path)
        done.signal()
      }
      thread.start()
      var finished = false
      while !finished {
        finished = done.wait(timeout: .now()) == .success
        do {
          _ = try ReadOnlyConnection(path: path)
        } catch .olderSchema(_, let found, _) {
          Issue.record("a reader saw schema \(found) of a new index in round \(round)")
          return
        } catch {}
      }
      #expect(try ReadOnlyConnection(path: path).path == path)
    }
  }

  @Test func migrationsAreRecordedAndVersioned() throws {
    let dir = try TemporaryDirectory()
    let db = try IndexDatabase.openForWriting(path: dir.path + "/i.sqlite")
    let (version, applicationID, migrations, journal) = try db.read { db in
      (
        try Int.fetchOne(db, sql: "PRAGMA user_version"), try Int32.fetchOne(db, sql: "PRAGMA application_id"),
        try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"),
        try String.fetchOne(db, sql: "PRAGMA journal_mode")
      )
    }
    #expect(version == IndexDatabase.schemaVersion)
    #expect(applicationID == IndexDatabase.applicationID)
    #expect(migrations == schemaMigrations.map(\.name))
    #expect(journal == "wal")
  }

  /// Migrations 5 to 11: the files whose readers now record scopes (Python, then Swift, then JavaScript
  /// and TypeScript, then Go, then C and C++, then Java, then Rust) are read again on the next run, and
  /// migration 12 reads JavaScript and TypeScript again for their readers' fixes, migration 15 C and C++ for
  /// their `extern` variables and migration 16 for keywords no longer read as names, and migration 17 reads
  /// JavaScript and TypeScript again for casts and unions; files of other languages
  /// keep their stat and hash and are not. Files whose scopes an earlier migration already brought keep theirs (older blobs still decode).
  @Test(arguments: [
    (4, ["a.py": true, "b.swift": true, "c.go": true, "d.ts": true, "e.js": true, "f.c": true, "g.cc": true, "h.java": true, "i.rs": true]),
    (5, ["a.py": false, "b.swift": true, "c.go": true, "d.ts": true, "e.js": true, "f.c": true, "g.cc": true, "h.java": true, "i.rs": true]),
    (6, ["a.py": false, "b.swift": false, "c.go": true, "d.ts": true, "e.js": true, "f.c": true, "g.cc": true, "h.java": true, "i.rs": true]),
    (7, ["a.py": false, "b.swift": false, "c.go": true, "d.ts": true, "e.js": true, "f.c": true, "g.cc": true, "h.java": true, "i.rs": true]),
    (8, ["a.py": false, "b.swift": false, "c.go": false, "d.ts": true, "e.js": true, "f.c": true, "g.cc": true, "h.java": true, "i.rs": true]),
    (9, ["a.py": false, "b.swift": false, "c.go": false, "d.ts": true, "e.js": true, "f.c": true, "g.cc": true, "h.java": true, "i.rs": true]),
    (10, ["a.py": false, "b.swift": false, "c.go": false, "d.ts": true, "e.js": true, "f.c": true, "g.cc": true, "h.java": false, "i.rs": true]),
    // Migration 12: the script readers' fixes (issue 24) read JavaScript and TypeScript files again. Migration 15:
    // the C and C++ reader's `extern` variables read every C and C++ file again.
    (11, ["a.py": false, "b.swift": false, "c.go": false, "d.ts": true, "e.js": true, "f.c": true, "g.cc": true, "h.java": false, "i.rs": false]),
    (14, ["a.py": false, "b.swift": false, "c.go": false, "d.ts": true, "e.js": true, "f.c": true, "g.cc": true, "h.java": false, "i.rs": false]),
    // Migration 16: no C or C++ variable named `struct`.
    (15, ["a.py": false, "b.swift": false, "c.go": false, "d.ts": true, "e.js": true, "f.c": true, "g.cc": true, "h.java": false, "i.rs": false]),
    // Migration 17: casts and unions as JavaScript and TypeScript binding types.
    (16, ["a.py": false, "b.swift": false, "c.go": false, "d.ts": true, "e.js": true, "f.c": false, "g.cc": false, "h.java": false, "i.rs": false]),
  ])
  func anOlderIndexRereadsOnlyFilesWhoseReadersNowRecordScopes(_ version: Int, _ reread: [String: Bool]) throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/i.sqlite"
    try DatabaseQueue(path: path).write { db in
      try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
      for migration in schemaMigrations.prefix(version) {
        try db.execute(sql: migration.sql)
        try db.execute(sql: "INSERT INTO grdb_migrations VALUES (?)", arguments: [migration.name])
      }
      for (file, language) in [("a.py", "python"), ("b.swift", "swift"), ("c.go", "go"), ("d.ts", "typescript"), ("e.js", "javascript"), ("f.c", "c"), ("g.cc", "cpp"), ("h.java", "java"), ("i.rs", "rust"),
      ] {
        try db.execute(
          sql: "INSERT INTO file (path, language, status, size, mtime_ns, inode, content_hash) VALUES (?, ?, 'indexed', 3, 99, 7, 1234)",
          arguments: [file, language])
      }
    }
    let db = try IndexDatabase.openForWriting(path: path)
    let rows = try db.read { try Row.fetchAll($0, sql: "SELECT path, mtime_ns, content_hash FROM file ORDER BY path") }
    for row in rows {
      let file: String = row[0]
      let cleared = (row[1] as Int64) == 0 && (row[2] as Int64) == 0
      #expect(cleared == reread[file], "\(file) from schema \(version)")
    }
    #expect(rows.count == 9)
    #expect(try db.read { try Bool.fetchOne($0, sql: "SELECT count(*) = 0 FROM pragma_table_info('file_blob') WHERE name = 'scopes'") } == false)
  }

  /// Migration 13 starts the change feed where the index is: changes before its generation are not known.
  @Test func theChangeFeedStartsAtTheGenerationAnOlderIndexHad() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/i.sqlite"
    try DatabaseQueue(path: path).write { db in
      try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
      for migration in schemaMigrations.prefix(12) {
        try db.execute(sql: migration.sql)
        try db.execute(sql: "INSERT INTO grdb_migrations VALUES (?)", arguments: [migration.name])
      }
      try db.execute(sql: "UPDATE meta SET value = 7 WHERE key = 'generation'")
    }
    let db = try IndexDatabase.openForWriting(path: path)
    #expect(try db.read { try Int.fetchOne($0, sql: "SELECT value FROM meta WHERE key = 'journal_start'") } == 7)
    #expect(try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM symbol_change") } == 0)
  }

  /// An index written by schema 1 (no references) is migrated on the next write, and every file's stat and
  /// hash are cleared so that run reads each file again and fills in its references.
  @Test func aSchemaOneIndexMigratesAndForcesOneReread() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/i.sqlite"
    try DatabaseQueue(path: path).write { db in
      try db.execute(sql: schemaMigrations[0].sql)
      try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
      try db.execute(sql: "INSERT INTO grdb_migrations VALUES (?)", arguments: [schemaMigrations[0].name])
      try db.execute(
        sql: "INSERT INTO file (path, language, status, size, mtime_ns, inode, content_hash) VALUES ('a.py', 'python', 'indexed', 3, 99, 7, 1234)")
    }
    #expect(throws: StoreError.olderSchema(path: path, found: 1, supported: IndexDatabase.schemaVersion)) {
      _ = try ReadOnlyConnection(path: path)
    }
    let db = try IndexDatabase.openForWriting(path: path)
    let row = try db.read { try Row.fetchOne($0, sql: "SELECT mtime_ns, content_hash, ref_count, (SELECT count(*) FROM file_blob) FROM file") }
    #expect(row?[0] as Int64? == 0)
    #expect(row?[1] as Int64? == 0)
    #expect(row?[2] as Int64? == 0)
    #expect(try db.read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == IndexDatabase.schemaVersion)
  }

  /// An index of schema 2 that a killed bulk load left with staged name-to-files rows and a dropped name
  /// index: the migration moves the rows, and the open restores the index.
  @Test func aSchemaTwoIndexWithStagedRowsMigratesWithoutLosingThem() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/i.sqlite"
    try DatabaseQueue(path: path).write { db in
      try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
      for migration in schemaMigrations.prefix(2) {
        try db.execute(sql: migration.sql)
        try db.execute(sql: "INSERT INTO grdb_migrations VALUES (?)", arguments: [migration.name])
      }
      try db.execute(
        sql: """
          INSERT INTO file (id, path, language, status, size, mtime_ns, inode, content_hash, outline, refs)
          VALUES (1, 'a.py', 'python', 'indexed', 3, 99, 7, 1234, x'01', x'02')
          """)
      try db.execute(sql: "INSERT INTO ref_file_staging VALUES (?, 1)", arguments: [ReferenceNameHash.of("staged")])
      try db.execute(sql: "INSERT INTO meta VALUES ('dropped_index:~ref_file_staging', 'INSERT INTO ref_file SELECT * FROM ref_file_staging')")
      try db.execute(sql: "INSERT INTO meta VALUES ('dropped_index:symbol_by_name', 'CREATE INDEX symbol_by_name ON symbol (name COLLATE NOCASE)')")
      try db.execute(sql: "DROP INDEX symbol_by_name")
    }
    let database = try IndexDatabase.openForWriting(path: path)
    try database.read { (db: Database) throws -> Void in
      #expect(try Int.fetchOne(db, sql: "PRAGMA user_version") == IndexDatabase.schemaVersion)
      #expect(try Int64.fetchAll(db, sql: "SELECT file_id FROM ref_file WHERE name_hash = ?", arguments: [ReferenceNameHash.of("staged")]) == [1])
      #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM meta WHERE key LIKE 'dropped_index:%'") == 0)
      #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name IN ('symbol_by_name', 'ref_posting')") == 2)
      #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'ref_file_staging'") == 0)
      #expect(try Int.fetchOne(db, sql: "SELECT ref_base FROM file") == 0)
      // Schema 4: the blobs moved to file_blob, and file has no blob columns left.
      #expect(try Row.fetchOne(db, sql: "SELECT outline, refs FROM file_blob WHERE file_id = 1") == ["outline": Data([1]), "refs": Data([2])])
      #expect(try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('file') WHERE name IN ('outline', 'refs')").isEmpty)
    }
  }

  @Test func aNewerSchemaIsRefusedByWritersAndReaders() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/i.sqlite"
    _ = try IndexDatabase.openForWriting(path: path)
    try DatabaseQueue(path: path).write { try $0.execute(sql: "PRAGMA user_version = 99") }
    #expect(throws: StoreError.newerSchema(path: path, found: 99, supported: IndexDatabase.schemaVersion)) {
      try IndexDatabase.openForWriting(path: path)
    }
    #expect(throws: StoreError.newerSchema(path: path, found: 99, supported: IndexDatabase.schemaVersion)) {
      try IndexDatabase.openForReading(path: path)
    }
  }

  @Test func foreignFilesAreNeverTouched() throws {
    let dir = try TemporaryDirectory()
    let text = dir.path + "/notes.txt"
    try dir.write("notes.txt", "hello, not a database at all")
    #expect(throws: StoreError.notAnIndex(path: text)) { try IndexDatabase.openForWriting(path: text) }
    #expect(try dir.read("notes.txt") == "hello, not a database at all")

    let other = dir.path + "/other.sqlite"
    try DatabaseQueue(path: other).write { try $0.execute(sql: "CREATE TABLE contacts (name TEXT)") }
    let before = try Data(contentsOf: URL(fileURLWithPath: other))
    #expect(throws: StoreError.notAnIndex(path: other)) { try IndexDatabase.openForWriting(path: other) }
    #expect(throws: StoreError.notAnIndex(path: other)) { try IndexDatabase.openForReading(path: other) }
    #expect(throws: StoreError.notAnIndex(path: other)) { try ReadOnlyConnection(path: other) }
    // Byte-identical, and never switched to WAL: no -wal or -shm file was ever created beside it.
    #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == before)
    #expect(!FileManager.default.fileExists(atPath: other + "-wal"))
    #expect(!FileManager.default.fileExists(atPath: other + "-shm"))
    #expect(!FileManager.default.fileExists(atPath: other + ".lock"), "refused before the writer lock is taken")
  }

  @Test func anEmptySQLiteFileIsOursToSetUp() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/empty.sqlite"
    try DatabaseQueue(path: path).write { try $0.execute(sql: "PRAGMA user_version = 0") }
    let db = try IndexDatabase.openForWriting(path: path)
    #expect(try db.read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == IndexDatabase.schemaVersion)
  }

  @Test func aMissingIndexIsReportedForReaders() throws {
    let dir = try TemporaryDirectory()
    #expect(throws: StoreError.notFound(path: dir.path + "/none.sqlite")) {
      try IndexDatabase.openForReading(path: dir.path + "/none.sqlite")
    }
  }

  @Test func aCorruptIndexSaysSo() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/i.sqlite"
    let db = try IndexDatabase.openForWriting(path: path)
    try IndexWriter(database: db).commit(IndexBatch(writes: [write("a.swift", sampleIndex())]))
    try db.checkpoint()
    // Overwrite everything after the 100-byte header of page 1 (the schema table) with garbage.
    var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    for i in 100..<min(bytes.count, 8192) { bytes[i] = UInt8(truncatingIfNeeded: i &* 31) }
    try bytes.write(to: URL(fileURLWithPath: path))
    #expect {
      _ = try ReadOnlyConnection(path: path).symbols(SymbolFilter(match: .exact("Alpha")))
    } throws: { error in
      guard case .corrupt = error as? StoreError else { return false }
      return true
    }
  }
}

/// The change feed's bound: past it the oldest generations go, and the feed says it starts after them.
@Suite struct SymbolJournalTests {
  @Test func trimmingDropsWholeOldGenerationsAndMovesTheStart() throws {
    let dir = try TemporaryDirectory()
    let db = try IndexDatabase.openForWriting(path: dir.path + "/i.sqlite")
    let entry = SymbolJournal.Entry(name: "f", kind: 0, container: "", line: 1, span: 0, signature: "def f()")
    try db.write { db in
      for generation in Int64(1)...5 {
        let journal = SymbolJournal(generation: generation, maximumRows: 4)
        try journal.record(path: "a.py", old: [], new: [entry, entry], db)
        try journal.trim(db)
      }
    }
    let (generations, start) = try db.read { db in
      (try Int64.fetchAll(db, sql: "SELECT generation FROM symbol_change ORDER BY rowid"),
       try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'journal_start'"))
    }
    #expect(generations == [4, 4, 5, 5])
    #expect(start == 3)
  }
}
