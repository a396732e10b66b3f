import IndexerCache
import IndexerModel
import IndexerWorkspace

/// Everything one `indexer index` run needs to know.
public struct IndexOptions: Sendable {
  public var root: String
  public var databasePath: String
  public var limits: IndexLimits
  public var walk: WalkOptions
  /// Files per transaction; a batch also closes at `batchBytes` of source.
  public var batchFiles: Int
  public var batchBytes: Int64
  public var isolation: ExtractionIsolation
  /// A run that adds at least this many files, half the index or more, builds a new database file
  /// (`BulkBuild`) instead of writing in place.
  public var bulkThreshold = 1000
  /// Index only this part of the tree (`--shard K/N`); limits still count the whole tree.
  public var shard: Shard?
  /// Extraction results looked up before, and stored after, reading a file (`--cache`).
  public var cache: ExtractionCache?

  public init(
    root: String, databasePath: String, limits: IndexLimits = .default, walk: WalkOptions = WalkOptions(),
    batchFiles: Int = 256, batchBytes: Int64 = 4 << 20, isolation: ExtractionIsolation
  ) {
    self.isolation = isolation
    self.root = root
    self.databasePath = databasePath
    self.limits = limits
    self.walk = walk
    self.batchFiles = batchFiles
    self.batchBytes = batchBytes
  }

  /// The options that decide which files are indexed and how, as `merge` compares shards: two shards built
  /// with different limits or excludes would not add up to one full run.
  public var identity: String {
    let skips = walk.skippedDirectoryNames.sorted().joined(separator: ",")
    return "max-file-size \(limits.maxFileSize); max-files \(limits.maxFiles); max-total-size \(limits.maxTotalSize); "
      + "exclude [\(walk.excludes.joined(separator: ", "))]; skipped folders [\(skips)]"
  }

  /// `<root>/.indexer/index.sqlite`: where the index lives unless `--db` says otherwise.
  public static func defaultDatabasePath(root: String) -> String {
    IndexLayout.defaultDatabase(root: root)
  }
}

/// What a run did, in the terms of `index --json`.
public struct IndexReport: Sendable {
  public var files = 0
  public var parsed = 0
  /// Of `parsed`: results taken from the cache instead of a reader.
  public var fromCache = 0
  public var hashed = 0
  public var unchanged = 0
  public var removed = 0
  public var renamed = 0
  public var skipped: [FileStatus: Int] = [:]
  public var symbols = 0
  public var bytesRead: Int64 = 0
  public var seconds = 0.0
  /// Wall time per phase: walk, plan (load stored rows + compare), extract (read, hash, parse; summed
  /// per batch), commit (writer queue, overlapping extraction), finish (checkpoint + totals).
  public var phases = Phases()
  public var generation: Int64 = 0
  public var notes: [WalkNote] = []
  /// The part of the tree this run indexed, and how many of the walk's files it left to the other shards.
  public var shard: Shard?
  public var otherShardsFiles = 0
  /// The cache's use during the run; its failure, if any, is in `warnings` too.
  public var cache: CacheCounters?
  /// Things that went wrong without failing the run, one line each.
  public var warnings: [String] = []

  public init() {}

  public struct Phases: Sendable {
    public var walk = 0.0
    public var plan = 0.0
    public var extract = 0.0
    public var commit = 0.0
    public var finish = 0.0
  }
}

/// Progress as batches commit, for the terminal's progress bar.
public struct IndexProgress: Sendable {
  public var filesDone: Int
  public var filesTotal: Int
  public var bytesRead: Int64
  public var elapsedSeconds: Double
}
