import Foundation
import GRDB
import IndexerModel

/// `git fsck` for an index: SQLite's `quick_check`, then every blob decoded and every count cross-checked.
package enum IndexChecker {
  package static func check(_ database: IndexDatabase) throws(StoreError) -> IntegrityReport {
    try database.read { db in try check(db) }
  }

  static func check(_ db: Database) throws -> IntegrityReport {
    var report = IntegrityReport()
    let pageProblems = try String.fetchAll(db, sql: "PRAGMA quick_check").filter { $0 != "ok" }
    for line in pageProblems.prefix(20) { report.problems.append(IntegrityProblem(kind: .pages, path: nil, detail: line)) }
    // Blob checks read rows through the damaged pages too; with pages gone that list says enough.
    if !pageProblems.isEmpty { return report }

    let symbolCounts = Dictionary(
      uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT file_id, count(*) FROM symbol GROUP BY file_id").map {
        (($0[0] as Int64), ($0[1] as Int))
      })
    // A file's names are in its `ref_file` rows or, when `ref_base` > 0, in the bulk build's lists.
    var nameRows: [Int64: Set<Int64>] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT file_id, name_hash FROM ref_file") {
      nameRows[row[0] as Int64, default: []].insert(row[1] as Int64)
    }
    var listed: [Int64: Set<Int64>] = [:]
    var undecodableLists = 0
    let zstd = Zstd.Decompressor()
    for row in try Row.fetchAll(db, sql: "SELECT name_hash, files FROM ref_posting") {
      guard let ids = try? PostingListCodec.decode([UInt8](row[1] as Data), zstd: zstd) else {
        undecodableLists += 1
        continue
      }
      for id in ids { listed[id, default: []].insert(row[0] as Int64) }
    }
    if undecodableLists > 0 {
      report.problems.append(
        IntegrityProblem(kind: .nameToFiles, path: nil, detail: "\(undecodableLists) name-to-files lists do not decode"))
    }
    var fileIDs = Set<Int64>()
    let rows = try Row.fetchCursor(
      db, sql: """
        SELECT f.id, f.path, f.language, f.status, f.symbol_count, b.outline, f.outline_raw_bytes, b.refs, f.ref_count, f.ref_base
        FROM file f LEFT JOIN file_blob b ON b.file_id = f.id
        """)
    while let row = try rows.next() {
      let id: Int64 = row[0]
      let path: String = row[1]
      fileIDs.insert(id)
      report.filesChecked += 1
      let symbolCount: Int = row[4]
      if symbolCounts[id, default: 0] != symbolCount {
        report.problems.append(
          IntegrityProblem(kind: .outline, path: path, detail: "\(symbolCounts[id, default: 0]) symbol rows, \(symbolCount) recorded"))
      }
      report.symbolsChecked += symbolCounts[id, default: 0]
      guard let language = Language(rawValue: row[2]), let status = FileStatus(rawValue: row[3]) else {
        report.problems.append(IntegrityProblem(kind: .outline, path: path, detail: "unknown language or status"))
        continue
      }
      if status.isIndexed {
        let blob: [UInt8] = (row[5] as Data?).map { Array($0) } ?? []
        if let raw = Zstd.decompress(blob, expectedSize: row[6]), let outline = try? OutlineCodec.decode(raw, language: language) {
          if outline.symbols.count != symbolCount {
            report.problems.append(
              IntegrityProblem(kind: .outline, path: path, detail: "the outline holds \(outline.symbols.count) symbols, \(symbolCount) recorded"))
          }
        } else {
          report.problems.append(IntegrityProblem(kind: .outline, path: path, detail: "the outline blob does not decode"))
        }
      }
      let refs: [UInt8] = (row[7] as Data?).map { Array($0) } ?? []
      let refCount: Int = row[8]
      var names = Set<Int64>()
      if !refs.isEmpty {
        guard let raw = Zstd.decompress(refs), let decoded = try? ReferenceCodec.decode(raw) else {
          report.problems.append(IntegrityProblem(kind: .references, path: path, detail: "the reference blob does not decode"))
          continue
        }
        if decoded.count != refCount {
          report.problems.append(
            IntegrityProblem(kind: .references, path: path, detail: "the blob holds \(decoded.count) references, \(refCount) recorded"))
        }
        report.referencesChecked += decoded.count
        names = Set(ReferenceNameHash.distinct(decoded.names))
      } else if refCount != 0 {
        report.problems.append(IntegrityProblem(kind: .references, path: path, detail: "\(refCount) references recorded, no blob"))
      }
      let inList = (row[9] as Int64) > 0
      if (inList ? listed[id, default: []] : nameRows[id, default: []]) != names || (inList && nameRows[id] != nil) {
        let listed = (inList ? listed[id, default: []] : []).union(nameRows[id, default: []])
        report.problems.append(
          IntegrityProblem(
            kind: .nameToFiles, path: path,
            detail: "name-to-files lists \(listed.subtracting(names).count) names the file lacks and misses \(names.subtracting(listed).count)"))
      }
    }
    let orphanSymbols = symbolCounts.keys.filter { !fileIDs.contains($0) }.count
    let orphanPostings = nameRows.keys.filter { !fileIDs.contains($0) }.count
    let orphanBlobs = try Int.fetchOne(db, sql: "SELECT count(*) FROM file_blob WHERE file_id NOT IN (SELECT id FROM file)") ?? 0
    if orphanSymbols + orphanPostings + orphanBlobs > 0 {
      report.problems.append(
        IntegrityProblem(
          kind: .orphans, path: nil, detail:
            "\(orphanSymbols) files' symbol rows, \(orphanPostings) files' name-to-files rows and \(orphanBlobs) blob rows belong to no file"))
    }
    return report
  }

  /// Rebuilds every SQL index from its table: what mends an index page `quick_check` found damaged.
  package static func reindex(_ database: IndexDatabase) throws(StoreError) {
    try database.write { db in try db.execute(sql: "REINDEX") }
  }

  /// Makes the next run read these files again whatever their stat says, and drops what their damaged
  /// blobs can no longer account for: name-to-files rows are found through a file's own blob, so with
  /// the blob damaged they are found by file id here (a scan, acceptable in a repair).
  package static func markForRereading(_ paths: [String], in database: IndexDatabase) throws(StoreError) {
    try database.write { db in
      for path in paths {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM file WHERE path = ?", arguments: [path]) else { continue }
        try db.execute(sql: "DELETE FROM ref_file WHERE file_id = ?", arguments: [id])
        try db.execute(
          sql: "UPDATE file SET mtime_ns = 0, content_hash = 0, ref_count = 0, ref_base = 0 WHERE id = ?", arguments: [id])
        try db.execute(sql: "UPDATE file_blob SET refs = NULL WHERE file_id = ?", arguments: [id])
      }
    }
  }

  /// Deletes rows that belong to no file (what a damaged delete could leave behind).
  package static func deleteOrphans(_ database: IndexDatabase) throws(StoreError) {
    try database.write { db in
      try db.execute(sql: "DELETE FROM symbol WHERE file_id NOT IN (SELECT id FROM file)")
      try db.execute(sql: "DELETE FROM file_blob WHERE file_id NOT IN (SELECT id FROM file)")
      try db.execute(sql: "DELETE FROM ref_file WHERE file_id NOT IN (SELECT id FROM file)")
    }
  }
}
