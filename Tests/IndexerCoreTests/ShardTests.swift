import Foundation
@testable import IndexerCore
import IndexerTestSupport
import Testing

@Suite struct ShardTests {
  @Test func parsesKOverNAndNothingElse() {
    #expect(Shard(parsing: "3/8") == Shard(index: 3, count: 8))
    #expect(Shard(parsing: "1/1") != nil)
    #expect(Shard(parsing: "4096/4096") != nil)
    for bad in ["0/3", "4/3", "3", "3/", "/3", "a/b", "-1/3", "1/0", "1/4097", "1/3/5", "+1/3", " 1/3", "१/३", "99999999999999999999/1"] {
      #expect(Shard(parsing: bad) == nil, "\(bad)")
    }
  }

  /// Every path falls in exactly one shard, and the split is fixed by the path alone (FNV-1a, not `Hasher`).
  @Test func everyPathIsInExactlyOneShard() {
    let paths = (0..<2_000).map { "src/module\($0 % 37)/file\($0).c" } + ["", "é/ü.swift", "a b/c"]
    for count in [1, 2, 3, 8, 61] {
      var sizes = [Int](repeating: 0, count: count)
      for path in paths {
        let owners = (1...count).filter { Shard(index: $0, count: count)!.contains(path: path) }
        #expect(owners.count == 1, "\(path) in \(owners) of \(count)")
        sizes[(owners.first ?? 1) - 1] += 1
      }
      // An even split: no shard holds more than twice its share.
      #expect(sizes.allSatisfy { $0 <= 2 * paths.count / count + 10 }, "\(sizes)")
    }
    #expect(Shard.hash("") == 0xcbf2_9ce4_8422_2325)
    #expect(Shard.hash("a") == 0xaf63_dc4c_8601_ec8c, "FNV-1a 64 of \"a\"")
  }

  @Test func rootIdentityIsTheCheckedOutCommit() throws {
    let repo = try TemporaryDirectory()
    #expect(RootIdentity.of(root: repo.path) == "path " + repo.path, "no repository: the path")
    try git(["init", "-q", "-b", "main"], in: repo.path)
    try repo.write("a.txt", "one\n")
    try git(["add", "a.txt"], in: repo.path)
    try git(["commit", "-q", "-m", "one"], in: repo.path)
    let head = try git(["rev-parse", "HEAD"], in: repo.path)
    #expect(GitHead.commit(root: repo.path) == head, "a loose ref")
    try git(["pack-refs", "--all"], in: repo.path)
    #expect(!FileManager.default.fileExists(atPath: repo.path + "/.git/refs/heads/main"))
    #expect(GitHead.commit(root: repo.path) == head, "a packed ref")
    let worktree = repo.path + "-worktree"
    defer { try? FileManager.default.removeItem(atPath: worktree) }
    try git(["worktree", "add", "-q", "--detach", worktree, "HEAD"], in: repo.path)
    #expect(GitHead.commit(root: worktree) == head, "a worktree's .git file, detached HEAD")
    try repo.write("a.txt", "two\n")
    try git(["commit", "-q", "-am", "two"], in: repo.path)
    #expect(GitHead.commit(root: repo.path) != head)
    #expect(RootIdentity.of(root: repo.path) == "git " + (try git(["rev-parse", "HEAD"], in: repo.path)))
    try repo.write(".git/HEAD", "ref: refs/heads/../../../etc/passwd\n")
    #expect(GitHead.commit(root: repo.path) == nil, "a ref that climbs out is not followed")
    try repo.write(".git/HEAD", "not a hash\n")
    #expect(GitHead.commit(root: repo.path) == nil)
  }

  @discardableResult
  private func git(_ arguments: [String], in directory: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "git \(arguments)")
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
