import Foundation
@testable import IndexerWatch
import IndexerTestSupport
import IndexerWorkspace
import Testing

/// The watcher against the real kernel: files and folders changed on disk reach the coalescer.
@Suite(.tags(.inotify)) struct InotifyWatcherTests {
  private func drained(_ watcher: InotifyWatcher, _ coalescer: inout ChangeCoalescer) {
    // Events are queued by the time the file operations return; read until two polls come back empty.
    var quiet = 0
    while quiet < 2 {
      var fds = [pollfd(fd: watcher.descriptor, events: Int16(POLLIN), revents: 0)]
      if poll(&fds, 1, 50) > 0 { watcher.drain(into: &coalescer, now: 0); quiet = 0 } else { quiet += 1 }
    }
  }

  @Test func filesFoldersAndIgnoreRulesAreReported() throws {
    let dir = try TemporaryDirectory()
    try dir.write("pkg/a.py", "x = 1\n")
    let scanner = WorkspaceScanner(root: dir.path)
    // Hold the lock for the whole test: other tests may lower the system-wide inotify limits meanwhile.
    InotifyQueueLimit.lock.lock()
    defer { InotifyQueueLimit.lock.unlock() }
    let watcher = try InotifyWatcher(scanner: scanner, cookiePrefix: ".cookie-")
    watcher.watch(try scanner.scan().directories)
    #expect(watcher.watchCount == 2)
    var c = ChangeCoalescer(settleMilliseconds: 0)

    try dir.write("pkg/a.py", "x = 2\n")
    try dir.write("new/deep/b.py", "y = 1\n")
    try dir.move("pkg", "renamed")
    _ = FileManager.default.createFile(atPath: dir.path + "/.cookie-1", contents: nil)
    drained(watcher, &c)
    let taken = c.takeBatch(at: Int64.max / 2)
    let batch = try #require(taken)
    #expect(batch.paths.contains("pkg/a.py"))
    #expect(batch.paths.contains("new"))
    #expect(batch.paths.contains("pkg"))
    #expect(batch.paths.contains("renamed"))
    #expect(batch.cookies == [".cookie-1"])
    #expect(watcher.watchCount == 4, "new, new/deep and renamed are watched; pkg's stale watch is gone")

    // A file in a folder that appeared after the first scan is seen through its own new watch.
    try dir.write("new/deep/c.py", "z = 1\n")
    try dir.write("renamed/d.py", "w = 1\n")
    drained(watcher, &c)
    let second = c.takeBatch(at: Int64.max / 2)
    #expect(Set(second?.paths ?? []) == ["new/deep/c.py", "renamed/d.py"])

    try dir.write(".gitignore", "*.log\n")
    drained(watcher, &c)
    let third = c.takeBatch(at: Int64.max / 2)
    #expect(third?.rescan == true)
  }
}

extension Tag {
  @Tag static var inotify: Self
}
