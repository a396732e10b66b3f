/// The bounds that keep a large tree sane. Files past a limit are recorded with the reason, never dropped silently.
public struct IndexLimits: Sendable, Hashable {
  public var maxFileSize: Int64
  public var maxFiles: Int
  public var maxTotalSize: Int64

  public init(maxFileSize: Int64 = 1 << 20, maxFiles: Int = 200_000, maxTotalSize: Int64 = 2 << 30) {
    self.maxFileSize = maxFileSize
    self.maxFiles = maxFiles
    self.maxTotalSize = maxTotalSize
  }

  public static let `default` = IndexLimits()
}
