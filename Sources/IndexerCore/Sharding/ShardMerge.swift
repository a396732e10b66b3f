import Foundation
import IndexerStore

/// `indexer merge`: shards built by separate runs (CI jobs) joined into one index equal to a full run.
public enum ShardMerge {
  public struct Report: Sendable {
    public var shards = 0
    public var files = 0
    public var symbols = 0
    public var generation: Int64 = 0
    public var seconds = 0.0
  }

  /// Why the shards cannot be merged: one line naming the file at fault.
  public struct Refusal: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  /// Builds the merged index beside `output` and renames it into place (the old file, if any, keeps
  /// serving readers until then); a refused or failed merge leaves `output` as it was.
  public static func run(shards: [String], into output: String) throws -> Report {
    let clock = ContinuousClock.now
    let set: ShardSet
    do {
      set = try ShardSet.open(shards)
    } catch let refusal as ShardSet.Refusal {
      throw Refusal(description: refusal.description)
    }
    if let same = shards.first(where: { sameFile($0, output) }) {
      throw Refusal(description: "\(same) is both a shard and the output: pass another --db for the merged index")
    }
    let lock = try WriterLock(path: WriterLock.path(forDatabase: output))
    let build: BulkBuild
    do {
      build = try BulkBuild.start(live: output, root: "merge", lock: lock, copyingFrom: nil)
    } catch {
      lock.release()
      throw error
    }
    defer { build.release() }
    try build.copyShards(set)
    try build.publish()
    var report = Report()
    report.shards = set.count
    (report.files, report.symbols, report.generation) = try IndexReader(connection: ReadOnlyConnection(path: output)).totals()
    report.seconds = (ContinuousClock.now - clock).seconds
    return report
  }

  private static func sameFile(_ a: String, _ b: String) -> Bool {
    var sa = stat()
    var sb = stat()
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
  }
}
