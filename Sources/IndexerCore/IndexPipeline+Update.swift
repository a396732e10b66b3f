#if canImport(Glibc)
  import Glibc
#endif
import Foundation
import IndexerModel
import IndexerStore
import IndexerWorkspace

extension IndexPipeline {
  /// Brings the index up to date for a set of changed paths (files or folders, relative to the root) in
  /// one transaction: what the watcher calls for each coalesced batch.
  ///
  /// Each path is looked at as it is now, whatever the events said: a path that is gone removes its row and
  /// every row below it, a folder is walked with its ancestors' ignore rules, a file is stat-ed and goes
  /// through the same stat-then-hash test as a full run. `--max-files` and `--max-total-size` are applied
  /// by full runs (the watcher asks for one when the index grows past them); `--max-file-size` applies here.
  package func update(paths: [String], database: IndexDatabase) throws -> IndexReport {
    let clock = ContinuousClock.now
    var report = IndexReport()
    let scanner = WorkspaceScanner(root: options.root, options: options.walk)
    var found: [String: WorkspaceFile] = [:]
    var exactPaths: [String] = []
    var prefixes: [String] = []
    var reported = Set<String>()  // read whatever their stat says (IndexPlanner.Scope.changedPaths)
    for path in Set(paths).sorted() {
      let absolute = path.isEmpty ? options.root : options.root + "/" + path
      var st = stat()
      if stat(absolute, &st) != 0 {
        exactPaths.append(path)
        prefixes.append(path)
        if path.contains("\u{FFFD}"), let note = scanner.nonUTF8NameNote(at: path) { report.notes.append(note) }
      } else if (st.st_mode & S_IFMT) == S_IFDIR {
        prefixes.append(path)
        let scan = try scanner.scan(subtree: path)
        for file in scan.files { found[file.path] = file }
        report.notes += scan.notes
      } else {
        exactPaths.append(path)
        if let file = scanner.file(at: path) {
          found[path] = file
          reported.insert(path)
        }
      }
    }
    // Both in path byte order, as the planner joins them.
    let stored = try IndexReader(database: database).storedFiles(paths: exactPaths, under: prefixes)
      .sorted { PathOrder.precedes($0.path, $1.path) }
    let files = found.values.sorted { PathOrder.precedes($0.path, $1.path) }
    let plan = IndexPlanner.plan(files: files, stored: stored, limits: options.limits, scope: .changedPaths(named: reported))
    report.unchanged = plan.unchanged
    report.skipped = plan.skippedByLimit

    let removedByHash = Dictionary(
      plan.removed.filter { $0.status.isIndexed }.map { ($0.contentHash, $0) }, uniquingKeysWith: { a, _ in a })
    var claimed = Set<String>()
    var batch = IndexBatch(writes: plan.limitSkips)
    let extractStart = ContinuousClock.now
    if !plan.toRead.isEmpty { try extraction.prepare() }
    for processed in extract(plan.toRead) {
      report.bytesRead += Int64(processed.bytesRead)
      batch.writes.append(write(for: processed, removedByHash: removedByHash, claimed: &claimed, report: &report))
    }
    report.phases.extract = (ContinuousClock.now - extractStart).seconds
    batch.removals = plan.removed.map(\.path).filter { !claimed.contains($0) }
    report.removed = batch.removals.count
    batch.metaIncrements = takeCacheCounters(into: &report)
    // The kept notes of the paths looked at again are replaced by what this look found.
    let storedNotes = try IndexReader(database: database).walkNotes()
    let lookedAt = { (path: String) in exactPaths.contains(path) || prefixes.contains { $0.isEmpty || path == $0 || path.hasPrefix($0 + "/") } }
    let notes = Self.pathNotes(storedNotes.filter { !lookedAt($0.path) } + Self.pathNotes(report.notes))
    if notes != storedNotes { batch.walkNotes = notes }
    if !batch.isEmpty {
      let commitStart = ContinuousClock.now
      report.generation = try IndexWriter(database: database).commit(batch)
      report.phases.commit = (ContinuousClock.now - commitStart).seconds
    }
    report.seconds = (ContinuousClock.now - clock).seconds
    return report
  }
}
