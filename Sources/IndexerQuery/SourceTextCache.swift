#if canImport(Glibc)
  import Glibc
#endif

/// Workspace files read from disk for a long-running server, kept while the file on disk is the same
/// (device, inode, size and modification time, one `stat` each): converting positions to UTF-16 for every
/// caller of an incoming-calls request read each caller's file again on every request. Bounded by bytes,
/// least recently used first out. Single owner: the server's request loop.
public final class SourceTextCache {
  private struct Identity: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var seconds: Int
    var nanoseconds: Int
  }

  private struct Entry {
    var identity: Identity
    var text: SourceText
    var lastUse: Int
  }

  public let byteLimit: Int
  private var entries: [String: Entry] = [:]
  private var bytes = 0
  /// Bytes of the files kept now.
  public var keptBytes: Int { bytes }
  private var clock = 0

  public init(byteLimit: Int = 16 << 20) {
    self.byteLimit = byteLimit
  }

  /// The file at `root/path` as it is on disk now; nil when it cannot be read (as `SourceText(root:path:)`).
  public func text(root: String, path: String) -> SourceText? {
    let file = root + "/" + path
    var info = stat()
    guard stat(file, &info) == 0 else { return nil }
    let identity = Identity(
      device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size), seconds: info.st_mtim.tv_sec,
      nanoseconds: info.st_mtim.tv_nsec)
    clock &+= 1
    if let entry = entries[file], entry.identity == identity {
      entries[file]?.lastUse = clock
      return entry.text
    }
    guard let text = SourceText(root: root, path: path) else {
      forget(file)
      return nil
    }
    forget(file)
    guard text.bytes.count <= byteLimit else { return text }
    entries[file] = Entry(identity: identity, text: text, lastUse: clock)
    bytes += text.bytes.count
    if bytes > byteLimit { evictLeastRecentlyUsed() }
    return text
  }

  /// Drops the least recently used files until the kept bytes are at most three quarters of the limit: one
  /// sort per round of evictions. A scan of every entry for each file read cost a workspace/symbol request
  /// whose hundred answers lie in files not kept a fifth of its time on a kernel tree.
  private func evictLeastRecentlyUsed() {
    let target = byteLimit / 4 * 3
    let order = entries.map { (file: $0.key, lastUse: $0.value.lastUse) }.sorted { $0.lastUse < $1.lastUse }
    for victim in order where bytes > target { forget(victim.file) }
  }

  private func forget(_ file: String) {
    if let old = entries.removeValue(forKey: file) { bytes -= old.text.bytes.count }
  }
}
