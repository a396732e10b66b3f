#if canImport(Glibc)
  import Glibc
#endif
import Foundation
import Synchronization

/// A cache in a folder (local, or shared over NFS by a team): `<folder>/v1/<2 hex>/<key>`, each entry
/// written to a temporary name and renamed, so readers in other processes never see half a value. A hit
/// sets the entry's mtime to now; at the end of a run that stored anything, the oldest entries go until
/// the folder is under 90% of its bound (LRU by last use).
public final class FolderCache: CacheBackend {
  /// The folder as given; entries live under `root`, its `v1` subfolder (the record format's).
  let folder: String
  let root: String
  let limitBytes: Int64
  private let storedThisRun = Atomic<Int>(0)

  public init(path: String, limitBytes: Int64) throws(CacheFailure) {
    folder = path.hasSuffix("/") ? String(path.dropLast()) : path
    root = folder + "/v1"
    self.limitBytes = limitBytes
    do {
      try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    } catch {
      throw CacheFailure("cannot create the cache folder \(root): \(error.localizedDescription)")
    }
    guard access(root, W_OK) == 0 else { throw CacheFailure("the cache folder \(root) is not writable") }
  }

  public var label: String { folder }

  private func path(_ key: CacheKey) -> (folder: String, file: String) {
    let folder = root + "/" + key.hex.prefix(2)
    return (folder, folder + "/" + key.hex)
  }

  public func fetch(_ key: CacheKey) throws(CacheFailure) -> [UInt8]? {
    let file = path(key).file
    let fd = open(file, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      if errno == ENOENT { return nil }
      throw CacheFailure("cannot read \(file): \(String(cString: strerror(errno)).lowercased())")
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_size >= 0, info.st_size <= CacheRecord.maxBytes else { return nil }
    var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { return nil }
      offset += n
    }
    // Last use, for the LRU trim (atime is often not kept: noatime, relatime).
    futimens(fd, nil)
    return bytes
  }

  public func store(_ key: CacheKey, _ value: [UInt8]) throws(CacheFailure) {
    let (folder, file) = path(key)
    if mkdir(folder, 0o755) != 0 && errno != EEXIST {
      throw CacheFailure("cannot create \(folder): \(String(cString: strerror(errno)).lowercased())")
    }
    let temporary = file + ".tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw CacheFailure("cannot write \(temporary): \(String(cString: strerror(errno)).lowercased())") }
    var offset = 0
    while offset < value.count {
      let n = value.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else {
        let reason = String(cString: strerror(errno)).lowercased()
        close(fd)
        unlink(temporary)
        throw CacheFailure("cannot write \(temporary): \(reason)")
      }
      offset += n
    }
    close(fd)
    guard rename(temporary, file) == 0 else {
      unlink(temporary)
      throw CacheFailure("cannot rename into \(file): \(String(cString: strerror(errno)).lowercased())")
    }
    storedThisRun.add(value.count, ordering: .relaxed)
  }

  public func finishRun() {
    guard storedThisRun.exchange(0, ordering: .relaxed) > 0 else { return }
    trim()
  }

  /// Removes the least recently used entries until the folder holds at most 90% of the bound; leftover
  /// temporary files of killed writers older than an hour go too.
  func trim() {
    var entries: [(path: String, used: Int64, size: Int64)] = []
    var total: Int64 = 0
    let now = Int64(Date().timeIntervalSince1970)
    for folder in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] where folder.utf8.count == 2 {
      let folderPath = root + "/" + folder
      for name in (try? FileManager.default.contentsOfDirectory(atPath: folderPath)) ?? [] {
        let file = folderPath + "/" + name
        var info = stat()
        guard lstat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
        if name.contains(".tmp-") {
          if now - Int64(info.st_mtim.tv_sec) > 3600 { unlink(file) }
          continue
        }
        entries.append((file, Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec), Int64(info.st_size)))
        total += Int64(info.st_size)
      }
    }
    guard total > limitBytes else { return }
    entries.sort { $0.used < $1.used }
    let target = limitBytes / 10 * 9
    for entry in entries {
      guard total > target else { break }
      if unlink(entry.path) == 0 { total -= entry.size }
    }
  }
}
