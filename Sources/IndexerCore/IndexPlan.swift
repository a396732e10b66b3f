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
  /// Every file left out this run, by reason (those whose verdict needs a read are counted later).
  var skippedByLimit: [FileStatus: Int] = [:]
}

/// Compares the walk with the store: stat first, content hash only where the stat differs.
///
/// Limits are applied in path order, so which files a limit keeps never depends on the walk's order.
enum IndexPlanner {
  static func plan(scan: WorkspaceScan, stored: [String: StoredFile], limits: IndexLimits) -> IndexPlan {
    var plan = IndexPlan()
    var kept = 0
    var totalBytes: Int64 = 0
    var seen = Set<String>()
    seen.reserveCapacity(scan.files.count)
    for file in scan.files {
      seen.insert(file.path)
      let previous = stored[file.path]
      let limitStatus: FileStatus?
      if file.stat.size > limits.maxFileSize {
        limitStatus = .tooLarge
      } else if kept >= limits.maxFiles {
        limitStatus = .overFileLimit
      } else if totalBytes + file.stat.size > limits.maxTotalSize {
        limitStatus = .overTotalSizeLimit
      } else {
        limitStatus = nil
        kept += 1
        totalBytes += file.stat.size
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
      if let previous, previous.status.survivesUnchangedStat, sameStat(previous, file.stat) {
        plan.unchanged += 1
        if previous.status == .binary { plan.skippedByLimit[.binary, default: 0] += 1 }
      } else {
        plan.toRead.append(IndexPlan.Candidate(file: file, stored: previous))
      }
    }
    for (path, file) in stored where !seen.contains(path) {
      plan.removed.append(file)
    }
    plan.removed.sort { $0.path < $1.path }
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
