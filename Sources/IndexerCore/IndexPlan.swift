import IndexerModel
import IndexerStore
import IndexerWorkspace

/// The planner's verdict for one run: which files can be trusted from their stat, which must be read, what left.
struct IndexPlan {
  /// A file whose bytes must be read: hashed, and parsed when the hash differs from `stored`.
  struct Candidate: Sendable {
    var file: WorkspaceFile
    var stored: StoredFile?
  }

  var toRead: [Candidate] = []
  /// Files a limit leaves out whose recorded status must change (no read needed).
  var limitSkips: [FileWrite] = []
  var unchanged = 0
  var removed: [StoredFile] = []
  /// Files of the walk that belong to other shards (`--shard`): not read, not stored, counted for limits.
  var otherShards = 0
  /// Every file left out this run, by reason (those whose verdict needs a read are counted later).
  var skippedByLimit: [FileStatus: Int] = [:]
}

/// Compares the walk with the store: stat first, content hash only where the stat differs. Both a full run
/// and the watcher's batches plan through here.
///
/// Limits are applied in path order, so which files a limit keeps never depends on the walk's order.
enum IndexPlanner {
  /// What a plan covers: the whole tree, or the paths of a batch of changes.
  enum Scope {
    /// Every limit applies, and every stored file the walk did not find is removed.
    case wholeTree
    /// Only `--max-file-size` applies (the watcher asks for a full run when the index outgrows the others);
    /// `named` files are read whatever their stat says, since a rewrite of the same size in the same
    /// timestamp tick as the last read leaves the stat unchanged (git's "racily clean" case).
    case changedPaths(named: Set<String>)
  }

  /// `files` and `stored` both in path byte order (`PathOrder.precedes`); `stored` holds the rows
  /// of the same scope (the whole table, or the rows at and below the changed paths): what it has and
  /// `files` lacks is removed. The two are joined in one pass, without hashing a path.
  ///
  /// With `shard`, files of other shards are left out after the limits have counted them, so a limit keeps
  /// the same files in every shard as in one full run; a stored row of another shard's file is removed.
  static func plan(
    files: [WorkspaceFile], stored: [StoredFile], limits: IndexLimits, scope: Scope = .wholeTree, shard: Shard? = nil
  ) -> IndexPlan {
    var plan = IndexPlan()
    var kept = 0
    var totalBytes: Int64 = 0
    var next = 0  // the first stored row not yet matched or removed
    var named: Set<String> = []
    var countLimits = true
    if case .changedPaths(let paths) = scope {
      named = paths
      countLimits = false
    }
    for file in files {
      while next < stored.count && PathOrder.precedes(stored[next].path, file.path) {
        plan.removed.append(stored[next])
        next += 1
      }
      var previous: StoredFile?
      if next < stored.count && stored[next].path == file.path {
        previous = stored[next]
        next += 1
      }
      let limitStatus: FileStatus?
      if file.stat.size > limits.maxFileSize {
        limitStatus = .tooLarge
      } else if !countLimits {
        limitStatus = nil
      } else if kept >= limits.maxFiles {
        limitStatus = .overFileLimit
      } else if totalBytes + file.stat.size > limits.maxTotalSize {
        limitStatus = .overTotalSizeLimit
      } else {
        limitStatus = nil
        kept += 1
        totalBytes += file.stat.size
      }
      if let shard, !shard.contains(path: file.path) {
        plan.otherShards += 1
        if let previous { plan.removed.append(previous) }
        continue
      }
      if let limitStatus {
        plan.skippedByLimit[limitStatus, default: 0] += 1
        if let previous, previous.status == limitStatus, sameStat(previous, file.stat) {
          plan.unchanged += 1
        } else {
          plan.limitSkips.append(
            FileWrite(
              path: file.path, language: file.language, status: limitStatus, size: file.stat.size,
              mtimeNanoseconds: file.stat.mtimeNanoseconds, inode: file.stat.inode, contentHash: 0,
              content: .skipped(message: message(for: limitStatus, file: file, limits: limits)),
              message: message(for: limitStatus, file: file, limits: limits)))
        }
        continue
      }
      if let previous, previous.status.survivesUnchangedStat, sameStat(previous, file.stat), !named.contains(file.path) {
        plan.unchanged += 1
        if previous.status == .binary { plan.skippedByLimit[.binary, default: 0] += 1 }
      } else {
        plan.toRead.append(IndexPlan.Candidate(file: file, stored: previous))
      }
    }
    plan.removed += stored[next...]
    return plan
  }

  static func sameStat(_ stored: StoredFile, _ stat: StatSignature) -> Bool {
    stored.size == stat.size && stored.mtimeNanoseconds == stat.mtimeNanoseconds && stored.inode == stat.inode
  }

  private static func message(for status: FileStatus, file: WorkspaceFile, limits: IndexLimits) -> String {
    switch status {
    case .tooLarge: "\(file.stat.size) bytes is over --max-file-size \(limits.maxFileSize)"
    case .overFileLimit: "past --max-files \(limits.maxFiles) (files are kept in path order)"
    case .overTotalSizeLimit: "past --max-total-size \(limits.maxTotalSize) bytes (files are kept in path order)"
    default: status.rawValue
    }
  }
}
