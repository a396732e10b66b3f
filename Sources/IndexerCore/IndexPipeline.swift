import Foundation
import IndexerCache
import IndexerModel
import IndexerStore
import IndexerWorkspace

/// The whole of `indexer index`: walk, plan, read and extract in parallel, commit batch by batch.
///
/// Extraction of the next batch overlaps the commit of the previous one: one writer queue owns the
/// database, workers never touch it. Removals commit last, after renames have claimed their rows.
public struct IndexPipeline: Sendable {
  public let options: IndexOptions
  let extraction: Extraction

  /// Starts nothing: extraction workers start with the first run that has files to extract.
  public init(options: IndexOptions) {
    self.options = options
    self.extraction = Extraction(options.isolation)
  }

  /// Ends the extraction workers (a long-running service calls this when it stops).
  public func shutdown() {
    extraction.shutdown()
  }

  public func run(progress: @escaping @Sendable (IndexProgress) -> Void = { _ in }) throws -> IndexReport {
    try run(database: nil, progress: progress)
  }

  /// A full walk-and-diff run; `database` is the long-running service's open database, or nil to open one.
  ///
  /// `shouldStop` is asked before each file: once it says yes, no further batch is submitted, the ones in
  /// flight commit, and the run throws `IndexError.cancelled` (the service's Ctrl-C during a warm start).
  package func run(
    database openDatabase: IndexDatabase?, progress: @escaping @Sendable (IndexProgress) -> Void = { _ in },
    shouldStop: @escaping @Sendable () -> Bool = { false }
  ) throws -> IndexReport {
    let clock = ContinuousClock.now
    var report = IndexReport()
    try WorkspaceScanner.validateRoot(options.root)
    if openDatabase == nil { try WriterLock.checkFree(path: WriterLock.path(forDatabase: options.databasePath)) }
    let databasePath = options.databasePath
    let loading = StoredStateLoader(openDatabase: openDatabase, path: databasePath, root: options.root)
    let scanned = Result { () throws(WorkspaceError) in try WorkspaceScanner(root: options.root, options: options.walk).scan() }
    report.phases.walk = (ContinuousClock.now - clock).seconds
    var state = try loading.wait()
    let scan = try scanned.get()
    let plan = IndexPlanner.plan(files: scan.files, stored: state.stored, limits: options.limits, shard: options.shard)
    report.shard = options.shard
    report.otherShardsFiles = plan.otherShards
    let provenance = try provenanceToWrite(state)
    let notes = Self.pathNotes(scan.notes)
    let notesChanged = try notes != (storedReader(state)?.walkNotes() ?? [])
    report.phases.plan = (ContinuousClock.now - clock).seconds - report.phases.walk
    // Workers start only for a run with something to extract, and before anything is written.
    if !plan.toRead.isEmpty { try extraction.prepare() }

    if state.database == nil, let readOnly = state.readOnly, plan.toRead.isEmpty, plan.limitSkips.isEmpty, plan.removed.isEmpty,
      provenance == nil, !notesChanged
    {
      report.notes = scan.notes
      report.unchanged = plan.unchanged
      report.skipped = plan.skippedByLimit
      (report.files, report.symbols, report.generation) = try IndexReader(connection: readOnly).totals()
      report.seconds = (ContinuousClock.now - clock).seconds
      return report
    }
    report.notes = scan.notes
    report.unchanged = plan.unchanged
    report.skipped = plan.skippedByLimit

    // A resumed build goes on; a run that adds most of the index builds a new file (never under a
    // service's open database, which stays in place).
    var build = state.build
    if build == nil && openDatabase == nil && buildsInBulk(plan) {
      // A pool the loader opened (to migrate or restore) holds the lock the build takes.
      state.database = nil
      state.readOnly = nil
      let lock = try WriterLock(path: WriterLock.path(forDatabase: databasePath))
      do {
        build = try BulkBuild.start(
          live: databasePath, root: options.root, lock: lock, copyingFrom: state.stored.isEmpty ? nil : databasePath)
      } catch {
        lock.release()
        throw error
      }
    }
    let database = try build?.database ?? state.database ?? IndexDatabase.openForWriting(path: databasePath)
    let writer = IndexWriter(database: database)

    let removedByHash = Dictionary(
      plan.removed.filter { $0.status.isIndexed }.map { ($0.contentHash, $0) }, uniquingKeysWith: { a, _ in a })
    var claimedByRename = Set<String>()

    let committer = BatchCommitter(writer: writer, totalFiles: plan.toRead.count + plan.limitSkips.count, progress: progress)
    // Filling an empty index journals nothing: `changes` starts its feed after the fill.
    let firstFill = state.stored.isEmpty
    func submit(_ batch: IndexBatch, files: Int, bytes: Int64) {
      var batch = batch
      batch.recordsChanges = !firstFill
      committer.submit(batch, files: files, bytes: bytes)
    }

    if !plan.limitSkips.isEmpty {
      submit(IndexBatch(writes: plan.limitSkips), files: plan.limitSkips.count, bytes: 0)
    }
    var stopped = false
    for chunk in chunks(plan.toRead) {
      if committer.hasFailed { break }
      let extractStart = ContinuousClock.now
      var batch = IndexBatch()
      var bytes: Int64 = 0
      let processedChunk = extract(chunk, shouldStop: shouldStop)
      if processedChunk.count < chunk.count || shouldStop() {
        stopped = true
        break
      }
      for processed in processedChunk {
        bytes += Int64(processed.bytesRead)
        batch.writes.append(write(for: processed, removedByHash: removedByHash, claimed: &claimedByRename, report: &report))
      }
      report.bytesRead += bytes
      report.phases.extract += (ContinuousClock.now - extractStart).seconds
      submit(batch, files: chunk.count, bytes: bytes)
    }
    let removals = plan.removed.map(\.path).filter { !claimedByRename.contains($0) }
    report.removed = removals.count
    if !removals.isEmpty && !stopped && !committer.hasFailed {
      submit(IndexBatch(removals: removals), files: 0, bytes: 0)
    }
    // Last, so an index says it is shard K/N only once it holds all of that shard.
    var bookkeeping = IndexBatch()
    if let provenance, !stopped && !committer.hasFailed { bookkeeping.provenance = provenance }
    // A new file holds no notes yet, whatever the old one said.
    if (notesChanged || (build != nil && !notes.isEmpty)) && !stopped && !committer.hasFailed { bookkeeping.walkNotes = notes }
    bookkeeping.metaIncrements = takeCacheCounters(into: &report)
    if !bookkeeping.isEmpty && !committer.hasFailed { submit(bookkeeping, files: 0, bytes: 0) }
    let commitSeconds = try committer.finish()
    // A stopped build keeps its file for the next run to resume.
    if stopped { throw IndexError.cancelled }
    report.phases.commit = commitSeconds
    let finishStart = ContinuousClock.now
    if let build {
      try build.publish()
      build.release()
      (report.files, report.symbols, report.generation) = try IndexReader(connection: ReadOnlyConnection(path: databasePath)).totals()
    } else {
      if report.parsed + report.hashed + report.removed + plan.limitSkips.count > 0, let busy = Self.checkpointUnlessBusy(database) {
        report.warnings.append(busy)
      }
      (report.files, report.symbols, report.generation) = try IndexReader(database: database).totals()
    }
    report.phases.finish = (ContinuousClock.now - finishStart).seconds
    report.seconds = (ContinuousClock.now - clock).seconds
    return report
  }

  /// The cache's use since the last call, into the report (its failure as a warning); returns the `meta`
  /// counters to commit with the run's last batch (none without a cache, or when it was not used).
  func takeCacheCounters(into report: inout IndexReport) -> [String: Int64] {
    guard let cache = options.cache else { return [:] }
    let counters = cache.takeCounters()
    report.cache = counters
    if let failure = counters.failure { report.warnings.append(failure) }
    return counters.isEmpty ? [:] : counters.metaIncrements
  }

  /// What `meta` must say of this index's origin when it does not say so already: a shard's part, version,
  /// options and tree; a whole run only drops a shard mark an earlier `--shard` run left. nil: nothing to write.
  private func provenanceToWrite(_ state: StoredState) throws(StoreError) -> IndexProvenance? {
    let stored = try storedReader(state)?.provenance() ?? IndexProvenance()
    guard let shard = options.shard else {
      guard stored.shard != nil else { return nil }
      var whole = stored
      whole.shard = nil
      return whole
    }
    let wanted = IndexProvenance(
      shard: shard.description, indexerVersion: IndexerVersion.current, options: options.identity,
      rootIdentity: RootIdentity.of(root: options.root))
    return wanted == stored ? nil : wanted
  }

  /// A reader of what the run starts from: the resumed build, the open database, or the read-only one.
  private func storedReader(_ state: StoredState) -> IndexReader? {
    if let build = state.build { return IndexReader(database: build.database) }
    if let database = state.database { return IndexReader(database: database) }
    if let readOnly = state.readOnly { return IndexReader(connection: readOnly) }
    return nil
  }

  /// The walk's notes as the index keeps them: in path order, one per path (the first said).
  static func pathNotes(_ notes: [PathNote]) -> [PathNote] {
    var seen = Set<String>()
    return notes.filter { seen.insert($0.path).inserted }.sorted { PathOrder.precedes($0.path, $1.path) }
  }

  static func pathNotes(_ notes: [WalkNote]) -> [PathNote] {
    pathNotes(notes.map { PathNote(path: $0.path, message: $0.message) })
  }

  /// Whether to build a new file instead of writing in place: the run adds at least `bulkThreshold` files
  /// new to the index, and they are at least half of it (a cold index, or a tree that grew that much).
  /// Files whose stat changed are not counted: they are mostly the same bytes (an index built on another
  /// machine), which in place costs one row update each.
  func buildsInBulk(_ plan: IndexPlan) -> Bool {
    let added = plan.toRead.count { $0.stored == nil }
    let total = plan.unchanged + plan.toRead.count + plan.limitSkips.count
    return added >= options.bulkThreshold && added * 2 >= total
  }

  /// Folds the WAL back in; a reader holding it open makes that a warning, not a failure: every batch
  /// is already committed, and the next run's checkpoint finishes the job.
  static func checkpointUnlessBusy(_ database: IndexDatabase) -> String? {
    do {
      try database.checkpoint()
      return nil
    } catch {
      if case .locked = error {
        return "the write-ahead log of \(database.path) was not folded back in: a reader held it; the next run will"
      }
      return error.description
    }
  }

  /// Reads, hashes and extracts the candidates on every core; results come back in the same order.
  /// Files `shouldStop` turned away are missing from the result. With a cache, the files that need a
  /// reader are looked up together between reading and extracting (one round trip per group on Redis,
  /// several requests at once over HTTP), so a network cache is not paid one latency per file per core.
  ///
  /// Files are read a part at a time (`batchFiles` files or `batchBytes` of source), so a watcher batch
  /// of thousands of files holds one part's bytes, not all of them.
  func extract(_ candidates: [IndexPlan.Candidate], shouldStop: @Sendable () -> Bool = { false }) -> [ProcessedFile] {
    var processed: [ProcessedFile] = []
    processed.reserveCapacity(candidates.count)
    for part in chunks(candidates) {
      let done = extractPart(part, shouldStop: shouldStop)
      processed += done
      if done.count < part.count { break }
    }
    return processed
  }

  private func extractPart(_ chunk: [IndexPlan.Candidate], shouldStop: @Sendable () -> Bool) -> [ProcessedFile] {
    let root = options.root
    let limits = options.limits
    let extraction = extraction
    let cache = options.cache
    let steps = ResultSlots<FileProcessor.Step>(count: chunk.count)
    DispatchQueue.concurrentPerform(iterations: chunk.count) { i in
      if shouldStop() { return }
      steps.set(i, FileProcessor.prepare(chunk[i], root: root, limits: limits, keyed: cache != nil))
    }
    let prepared = steps.collectAll()
    var values: [CacheKey: [UInt8]] = [:]
    if let cache {
      values = cache.fetchMany(prepared.compactMap { step in
        if case .extract(let file)? = step { return file.key }
        return nil
      })
    }
    let fetched = values
    let slots = ResultSlots<ProcessedFile>(count: chunk.count)
    DispatchQueue.concurrentPerform(iterations: chunk.count) { i in
      if shouldStop() { return }
      switch prepared[i] {
      case .done(let processed)?:
        slots.set(i, processed)
      case .extract(let file)?:
        let value = file.key.flatMap { fetched[$0] }
        if let processed = FileProcessor.finish(file, cachedValue: value, extraction: extraction, cache: cache, shouldStop: shouldStop) {
          slots.set(i, processed)
        }
      case nil:
        break
      }
    }
    return slots.collect()
  }

  /// The store write for one processed file, counting it in the report; renames claim a vanished file's row.
  func write(
    for processed: ProcessedFile, removedByHash: [UInt64: StoredFile], claimed: inout Set<String>, report: inout IndexReport
  ) -> FileWrite {
    let file = processed.candidate.file
    // The extractor may refine the walk's language (a `.h` that spells C++); unchanged bytes keep the stored one.
    let language: Language
    switch processed.outcome {
    case .parsed(let index, _, _, _): language = index.language
    case .sameContent: language = processed.candidate.stored?.language ?? file.language
    case .skipped: language = file.language
    }
    func make(_ status: FileStatus, _ content: FileWrite.Content, message: String? = nil) -> FileWrite {
      FileWrite(
        path: file.path, language: language, status: status, size: file.stat.size,
        mtimeNanoseconds: file.stat.mtimeNanoseconds, inode: file.stat.inode, contentHash: processed.hash,
        content: content, message: message)
    }
    switch processed.outcome {
    case .sameContent:
      report.hashed += 1
      let status = processed.candidate.stored?.status ?? .indexed
      if status == .binary { report.skipped[.binary, default: 0] += 1 }
      return make(status, .unchanged)
    case .parsed(let index, let outline, let references, let status):
      if processed.candidate.stored == nil, let old = removedByHash[processed.hash], old.language == language,
        old.status == status, !claimed.contains(old.path)
      {
        claimed.insert(old.path)
        report.hashed += 1
        report.renamed += 1
        return make(status, .renamed(from: old.path))
      }
      report.parsed += 1
      if processed.fromCache { report.fromCache += 1 }
      return make(status, .indexed(index, outline, references), message: status == .lossyUTF8 ? "invalid UTF-8 replaced with U+FFFD" : nil)
    case .skipped(let status, let message):
      report.skipped[status, default: 0] += 1
      return make(status, .skipped(message: message), message: message)
    }
  }

  /// Splits the candidates into batches by file count and bytes, keeping path order.
  private func chunks(_ candidates: [IndexPlan.Candidate]) -> [[IndexPlan.Candidate]] {
    var result: [[IndexPlan.Candidate]] = []
    var current: [IndexPlan.Candidate] = []
    var bytes: Int64 = 0
    for candidate in candidates {
      current.append(candidate)
      bytes += candidate.file.stat.size
      if current.count >= options.batchFiles || bytes >= options.batchBytes {
        result.append(current)
        current = []
        bytes = 0
      }
    }
    if !current.isEmpty { result.append(current) }
    return result
  }
}

extension Duration {
  var seconds: Double {
    let (s, attoseconds) = components
    return Double(s) + Double(attoseconds) / 1e18
  }
}
