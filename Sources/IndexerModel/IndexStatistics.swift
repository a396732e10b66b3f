/// The numbers `indexer stats` prints.
public struct IndexStatistics: Sendable {
  public struct LanguageCount: Sendable {
    public var files: Int
    public var symbols: Int
    public var references: Int

    public init(files: Int, symbols: Int, references: Int) {
      self.files = files
      self.symbols = symbols
      self.references = references
    }
  }

  public struct SkippedFile: Sendable {
    public var path: String
    public var reason: FileStatus
    public var message: String?

    public init(path: String, reason: FileStatus, message: String?) {
      self.path = path
      self.reason = reason
      self.message = message
    }
  }

  public var files: Int
  public var symbols: Int
  public var references: Int
  public var languages: [Language: LanguageCount]
  public var statusCounts: [FileStatus: Int]
  public var skipped: [SkippedFile]
  public var lossy: [String]
  /// Paths the last walk left out before any file row could name them (names that are not UTF-8, folders it
  /// could not read), with why.
  public var walkNotes: [PathNote] = []
  public var databaseBytes: Int64
  public var blobRawBytes: Int64
  public var blobCompressedBytes: Int64
  /// Compressed reference blobs (`file.refs`).
  public var referenceBlobBytes: Int64
  public var schemaVersion: Int
  public var generation: Int64
  public var lastIndexTime: String?
  /// The `cache_*` counters of `meta` (hits, misses, invalid, bytes fetched and stored, failures), summed
  /// over every run that used `--cache`; empty when none did.
  public var cache: [String: Int64] = [:]
  /// `shard`, `merged_from`, `indexer_version`, `options`, `root_identity` when a shard run or a merge wrote them.
  public var provenance: [String: String] = [:]

  public init(
    files: Int, symbols: Int, references: Int, languages: [Language: LanguageCount], statusCounts: [FileStatus: Int],
    skipped: [SkippedFile], lossy: [String], databaseBytes: Int64, blobRawBytes: Int64, blobCompressedBytes: Int64,
    referenceBlobBytes: Int64, schemaVersion: Int, generation: Int64, lastIndexTime: String?
  ) {
    self.files = files
    self.symbols = symbols
    self.references = references
    self.languages = languages
    self.statusCounts = statusCounts
    self.skipped = skipped
    self.lossy = lossy
    self.databaseBytes = databaseBytes
    self.blobRawBytes = blobRawBytes
    self.blobCompressedBytes = blobCompressedBytes
    self.referenceBlobBytes = referenceBlobBytes
    self.schemaVersion = schemaVersion
    self.generation = generation
    self.lastIndexTime = lastIndexTime
  }
}
