import IndexerModel

/// What C and C++ resolution derives from `#include`s — each file's included set two levels deep, and where
/// an include written in a folder leads — kept by a long-lived engine for one index generation. Each request
/// starts a new resolver, and an incoming-calls request on the Linux tree rebuilt the include sets of its
/// hundred callers' files every time: half its instructions. Only the index's contents decide both, so they
/// hold until a commit.
final class IncludeMemo {
  /// Files whose include sets are kept at most (each holds at most `CResolver.maximumIncludedFiles` paths).
  static let maximumSets = 1024
  /// Include-to-path answers kept at most.
  static let maximumPaths = 16_384

  private var generation: Int64?
  private var sets: [String: CResolver.Includes] = [:]
  private var paths: [String: String?] = [:]

  /// Starts over when `generation` is not the one kept.
  func enter(_ generation: Int64) {
    guard generation != self.generation else { return }
    forget()
    self.generation = generation
  }

  /// Drops everything (another index file was opened).
  func forget() {
    sets.removeAll(keepingCapacity: true)
    paths.removeAll(keepingCapacity: true)
    generation = nil
  }

  func includes(of path: String) -> CResolver.Includes? { sets[path] }

  func keep(_ includes: CResolver.Includes, of path: String) {
    if sets.count >= Self.maximumSets { sets.removeAll(keepingCapacity: true) }
    sets[path] = includes
  }

  /// The path an include leads to from a folder (`folder \0 include`); `.some(nil)` when it leads nowhere.
  func path(_ key: String) -> String?? { paths[key] }

  func keep(path: String?, for key: String) {
    if paths.count >= Self.maximumPaths { paths.removeAll(keepingCapacity: true) }
    paths[key] = path
  }
}
