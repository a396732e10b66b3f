#if canImport(Glibc)
  import Glibc
#endif
import IndexerModel
import IndexerStore

/// What `indexer check --repair` did.
public struct RepairReport: Sendable {
  public var found: IntegrityReport
  /// Files read again because their rows or blobs were damaged.
  public var reread: [String] = []
  public var reindexed = false
  public var deletedOrphans = false
  /// Set when the damage was beyond rows (table pages): the old file was kept at this path and the
  /// index was built again from the workspace.
  public var rebuiltFrom: String?
  public var after: IntegrityReport
}

/// Checks an index and mends it with the least work that restores it: `REINDEX` for damaged index pages,
/// re-reading exactly the damaged files for bad blobs and counts, and a fresh build from the workspace only
/// when table pages themselves are lost (nothing else can say what they held).
public enum IndexRepair {
  /// A database too damaged to open or read is a finding (a `pages` problem), not an error.
  public static func check(databasePath: String) throws(StoreError) -> IntegrityReport {
    do {
      return try IndexChecker.check(IndexDatabase.openForReading(path: databasePath))
    } catch {
      guard case .corrupt(_, let detail) = error else { throw error }
      return unreadable(detail)
    }
  }

  private static func unreadable(_ detail: String) -> IntegrityReport {
    var report = IntegrityReport()
    report.problems = [IntegrityProblem(kind: .pages, path: nil, detail: detail)]
    return report
  }

  public static func repair(pipeline: IndexPipeline) throws -> RepairReport {
    let path = pipeline.options.databasePath
    var database: IndexDatabase?
    let found: IntegrityReport
    // `database` is set to nil before a rebuild: its lock must be released for the new build to take it.
    do {
      database = try IndexDatabase.openForWriting(path: path)
      found = try IndexChecker.check(database!)
    } catch {
      guard case .corrupt(_, let detail) = error else { throw error }
      database = nil
      var report = RepairReport(found: unreadable(detail), after: unreadable(detail))
      try rebuild(pipeline: pipeline, report: &report)
      return report
    }
    var report = RepairReport(found: found, after: found)
    guard !found.problems.isEmpty else { return report }

    var current = found
    if current.problems.contains(where: { $0.kind == .pages }) {
      if (try? IndexChecker.reindex(database!)) != nil {
        report.reindexed = true
        current = try IndexChecker.check(database!)
      }
      if current.problems.contains(where: { $0.kind == .pages }) {
        database = nil
        try rebuild(pipeline: pipeline, report: &report)
        return report
      }
    }
    if current.problems.contains(where: { $0.kind == .orphans }) {
      try IndexChecker.deleteOrphans(database!)
      report.deletedOrphans = true
    }
    let damaged = current.damagedFiles
    if !damaged.isEmpty {
      try IndexChecker.markForRereading(damaged, in: database!)
      _ = try pipeline.update(paths: damaged, database: database!)
      report.reread = damaged
    }
    report.after = try IndexChecker.check(database!)
    return report
  }

  /// Table pages are gone: keep the damaged file for inspection and build the index again from the tree.
  private static func rebuild(pipeline: IndexPipeline, report: inout RepairReport) throws {
    let path = pipeline.options.databasePath
    let aside = path + ".damaged"
    unlink(aside)
    guard rename(path, aside) == 0 else { throw StoreError.cannotCreate(path: aside, detail: String(cString: strerror(errno))) }
    unlink(path + "-wal")
    unlink(path + "-shm")
    report.rebuiltFrom = aside
    _ = try pipeline.run()
    report.after = try check(databasePath: path)
  }
}
