/// The cheap "did it change?" test: size, modification time and inode, as git's index and Watchman use.
///
/// Equal signatures mean the file is not read. Unequal ones only mean it is read and hashed.
public struct StatSignature: Sendable, Hashable {
  public var size: Int64
  public var mtimeNanoseconds: Int64
  public var inode: UInt64

  public init(size: Int64, mtimeNanoseconds: Int64, inode: UInt64) {
    self.size = size
    self.mtimeNanoseconds = mtimeNanoseconds
    self.inode = inode
  }
}
