import IndexerModel

/// What the database remembers about a file, enough to decide without reading it whether it changed.
public struct StoredFile: Sendable, Hashable {
  public var path: String
  public var language: Language
  public var status: FileStatus
  public var size: Int64
  public var mtimeNanoseconds: Int64
  public var inode: UInt64
  public var contentHash: UInt64

  public init(
    path: String, language: Language, status: FileStatus, size: Int64, mtimeNanoseconds: Int64, inode: UInt64,
    contentHash: UInt64
  ) {
    self.path = path
    self.language = language
    self.status = status
    self.size = size
    self.mtimeNanoseconds = mtimeNanoseconds
    self.inode = inode
    self.contentHash = contentHash
  }
}
