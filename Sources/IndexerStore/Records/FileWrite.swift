import IndexerModel

/// One file's change in a batch.
public struct FileWrite: Sendable {
  public enum Content: Sendable {
    /// Same bytes as stored: refresh the stat columns only (touch, checkout, another machine's index).
    case unchanged
    /// Same bytes as a file stored under another path: move its row, keep its symbols.
    case renamed(from: String)
    /// New definitions, outline and references replace whatever was stored.
    case indexed(FileIndex, EncodedOutline, EncodedReferences)
    /// Not indexed (a limit, binary, unreadable): its definitions leave the index, the reason stays.
    case skipped(message: String?)
  }

  public var path: String
  public var language: Language
  public var status: FileStatus
  public var size: Int64
  public var mtimeNanoseconds: Int64
  public var inode: UInt64
  public var contentHash: UInt64
  public var content: Content
  public var message: String?

  public init(
    path: String, language: Language, status: FileStatus, size: Int64, mtimeNanoseconds: Int64, inode: UInt64,
    contentHash: UInt64, content: Content, message: String? = nil
  ) {
    self.path = path
    self.language = language
    self.status = status
    self.size = size
    self.mtimeNanoseconds = mtimeNanoseconds
    self.inode = inode
    self.contentHash = contentHash
    self.content = content
    self.message = message
  }
}

/// Changes that commit together, in one transaction that bumps the generation once.
public struct IndexBatch: Sendable {
  public var writes: [FileWrite]
  public var removals: [String]
  /// When set, replaces what `meta` says of the index's origin (shard, version, options, tree).
  package var provenance: IndexProvenance?
  /// Counters in `meta` to add to (the cache's hits, misses, bytes), committed with the batch.
  package var metaIncrements: [String: Int64] = [:]
  /// When set, replaces the walk's notes kept for `stats` (`WalkNotes`).
  package var walkNotes: [PathNote]?
  /// False for the batches of a first fill of an empty index: every definition would be journaled as
  /// added, which `changes` can say more cheaply by starting its feed after them (as a bulk build does).
  package var recordsChanges = true

  public init(writes: [FileWrite] = [], removals: [String] = []) {
    self.writes = writes
    self.removals = removals
  }

  package init(provenance: IndexProvenance) {
    self.init()
    self.provenance = provenance
  }

  public var isEmpty: Bool {
    writes.isEmpty && removals.isEmpty && provenance == nil && metaIncrements.isEmpty && walkNotes == nil
  }
}
