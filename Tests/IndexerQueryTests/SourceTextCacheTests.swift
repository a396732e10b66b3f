import Foundation
import IndexerQuery
import IndexerTestSupport
import Testing

/// A server's kept copies of workspace files: the same file is not read again, an edit on disk is seen at
/// once (even one that keeps the size), and the bound holds.
@Suite struct SourceTextCacheTests {
  @Test func anEditOnDiskIsSeenAtOnce() throws {
    let dir = try TemporaryDirectory()
    try dir.write("a.py", "x = 1\n")
    let cache = SourceTextCache()
    #expect(cache.text(root: dir.path, path: "a.py")?.bytes == Array("x = 1\n".utf8))
    // Same size, new bytes: the modification time (or the inode, after an editor's rename) differs.
    try dir.write("a.py", "y = 2\n")
    #expect(cache.text(root: dir.path, path: "a.py")?.bytes == Array("y = 2\n".utf8))
    try FileManager.default.removeItem(atPath: dir.path + "/a.py")
    #expect(cache.text(root: dir.path, path: "a.py") == nil)
  }

  @Test func keptBytesStayUnderTheLimit() throws {
    let dir = try TemporaryDirectory()
    for i in 0..<10 { try dir.write("f\(i).txt", String(repeating: "\(i)", count: 100) + "\n") }
    let cache = SourceTextCache(byteLimit: 350)
    for i in 0..<10 { #expect(cache.text(root: dir.path, path: "f\(i).txt")?.bytes.count == 101) }
    // A file larger than the whole bound is still read, just not kept.
    try dir.write("big.txt", String(repeating: "b", count: 1000))
    #expect(cache.text(root: dir.path, path: "big.txt")?.bytes.count == 1000)
    // Eviction drops the oldest files down to three quarters of the bound (262 bytes): two or three kept.
    #expect(cache.keptBytes <= 350 && cache.keptBytes >= 202)
  }
}
