import Foundation
import GRDB
import IndexerTestSupport
import Testing

/// `indexer watch` end to end: the real binary, real inotify, real SQLite, queries over its socket.
@Suite(.serialized) struct WatchCommandTests {
  /// Every definition as the watcher answers after a sync, and as a fresh `indexer index` of the same tree gives.
  private func expectConverged(_ ws: TemporaryDirectory, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let live = try IndexerProcess.run(["query", "symbol", "", "--prefix", "--sync", "--root", ws.path])
    let fresh = try TemporaryDirectory("fresh")
    let index = try IndexerProcess.run(["index", ws.path, "--db", fresh.path + "/i.sqlite", "--quiet"], environment: [:])
    // `index` refuses to write beside a running watcher only for the watcher's own database; --db elsewhere is fine.
    #expect(index.status == 0, "\(index.stderr)", sourceLocation: sourceLocation)
    let truth = try IndexerProcess.run(["query", "symbol", "", "--prefix", "--db", fresh.path + "/i.sqlite"])
    let (a, b) = (live.lines, truth.lines)
    let firstDifference = zip(a, b).first { $0 != $1 }.map { "\($0) vs \($1)" } ?? "lengths \(a.count) vs \(b.count)"
    #expect(a == b, "watcher and fresh index differ: \(firstDifference); \(live.stderr)", sourceLocation: sourceLocation)
  }

  @Test func followsEditsAtomicSavesRenamesDeletesAndFolders() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    let watcher = try WatcherProcess(root: ws.path)

    try ws.write("scripts/tool.py", "class Renamed_Tool:\n    pass\n")
    try expectConverged(ws)
    // An editor's atomic save: write a temporary file, rename it over the original.
    try ws.write("scripts/.tool.py.swp", "def saved_atomically():\n    pass\n")
    try ws.move("scripts/.tool.py.swp", "scripts/tmp.py")
    try FileManager.default.removeItem(atPath: ws.path + "/scripts/tool.py")
    try ws.move("scripts/tmp.py", "scripts/tool.py")
    try expectConverged(ws)
    try ws.move("Sources/App/Models", "Sources/App/Renamed Models")
    try expectConverged(ws)
    try ws.write("brand/new/folder/x.py", "def deep(): pass\n")
    try ws.write("brand/new/folder/y.swift", "struct Y {}\n")
    try expectConverged(ws)
    try FileManager.default.removeItem(atPath: ws.path + "/brand")
    try expectConverged(ws)
    let found = try IndexerProcess.run(["query", "symbol", "saved_atomically", "--root", ws.path])
    #expect(found.lines == ["scripts/tool.py:1:1  function  saved_atomically  def saved_atomically()"])
    let stopped = watcher.stop()
    #expect(stopped.status == 0)
    #expect(!FileManager.default.fileExists(atPath: ws.path + "/.indexer/indexer.sock"))
    #expect(!FileManager.default.fileExists(atPath: ws.path + "/.indexer/lock"))
  }

  @Test func gitignoreEditsMoveFilesInAndOut() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    let watcher = try WatcherProcess(root: ws.path)
    try ws.write(".gitignore", "scripts/\n")
    try expectConverged(ws)
    #expect(try IndexerProcess.run(["query", "symbol", "Tool", "--root", ws.path, "--sync"]).status == 1)
    #expect(try IndexerProcess.run(["query", "symbol", "BuildProduct", "--root", ws.path]).status == 0)
    try ws.write(".gitignore", "build/\n")
    try expectConverged(ws)
    #expect(try IndexerProcess.run(["query", "symbol", "Tool", "--root", ws.path, "--sync"]).status == 0)
    _ = watcher.stop()
  }

  @Test func massChangesConverge() throws {
    let ws = try TemporaryDirectory()
    try ws.write("seed.py", "x = 1\n")
    let watcher = try WatcherProcess(root: ws.path)
    for i in 0..<1200 { try ws.write("mass/p\(i % 12)/m\(i).py", "def mass_\(i)(): pass\n") }
    try expectConverged(ws)
    #expect(try IndexerProcess.run(["query", "symbol", "mass_1199", "--root", ws.path]).status == 0)
    try FileManager.default.removeItem(atPath: ws.path + "/mass")
    try expectConverged(ws)
    _ = watcher.stop()
  }

  /// Seeds for the differential test: three on every run; `INDEXER_WATCH_SEEDS=N` runs seeds 1...N
  /// (`Benchmarks/watch-differential.sh` does, with a count you can raise).
  static let seeds: [UInt64] = {
    if let text = ProcessInfo.processInfo.environment["INDEXER_WATCH_SEEDS"], let n = UInt64(text), n > 0 {
      return Array(1...n)
    }
    return [11, 23, 37]
  }()

  /// Random edits, creates, deletes, moves, folder moves in and out of the root, symlinks (to `/`, to an
  /// ancestor, two links to one folder, links removed), same-tick same-size rewrites and a file name that
  /// is not UTF-8, all while the watcher runs: it must end equal to a fresh `indexer index` of the tree.
  @Test(arguments: seeds)
  func randomOperationsMatchAFreshIndex(seed: UInt64) throws {
    var rng = SeededGenerator(seed: seed)
    let ws = try TemporaryDirectory()
    let outside = try TemporaryDirectory("outside")
    try ws.write("a/start.py", "def start(): pass\n")
    let watcher = try WatcherProcess(root: ws.path)
    var files: [String] = ["a/start.py"]
    var links: [String] = []
    for step in 0..<60 {
      let folder = ["a", "b", "a/c", "d/e"][Int.random(in: 0..<4, using: &rng)]
      try? FileManager.default.createDirectory(atPath: ws.path + "/" + folder, withIntermediateDirectories: true)
      switch Int.random(in: 0..<12, using: &rng) {
      case 0, 1:
        let path = "\(folder)/f\(step).py"
        try ws.write(path, "def fn_\(seed)_\(step)(): pass\nclass K\(step): pass\n")
        files.append(path)
      case 2 where !files.isEmpty:
        let path = files[Int.random(in: 0..<files.count, using: &rng)]
        try ws.write(path, "def edited_\(step)(): pass\n")
      case 3 where !files.isEmpty:
        let i = Int.random(in: 0..<files.count, using: &rng)
        try? FileManager.default.removeItem(atPath: ws.path + "/" + files.remove(at: i))
      case 4 where !files.isEmpty:
        let i = Int.random(in: 0..<files.count, using: &rng)
        let target = "\(folder)/moved\(step).py"
        if (try? ws.move(files[i], target)) != nil { files[i] = target }
      case 5:
        // A symlink: to the root's ancestor chain, to `/`, or to another folder of the tree.
        let link = "\(folder)/link\(step)"
        let target = ["..", "/", ws.path + "/a", ws.path + "/b", "../.."][Int.random(in: 0..<5, using: &rng)]
        if symlink(target, ws.path + "/" + link) == 0 { links.append(link) }
      case 6 where !links.isEmpty:
        let link = links.remove(at: Int.random(in: 0..<links.count, using: &rng))
        unlink(ws.path + "/" + link)
      case 7 where !files.isEmpty:
        // Same size, same timestamp as before: only the bytes differ (a racily clean rewrite).
        let path = files[Int.random(in: 0..<files.count, using: &rng)]
        try ws.write(path, "def same_a_\(step)(): pass\n")
        var before = stat()
        stat(ws.path + "/" + path, &before)
        try ws.write(path, "def same_b_\(step)(): pass\n")
        var times = [before.st_atim, before.st_mtim]
        utimensat(AT_FDCWD, ws.path + "/" + path, &times, 0)
      case 8:
        // A file whose name is not UTF-8: listed with a reason by the walk, indexed by neither side.
        let name = Array((ws.path + "/" + folder + "/bad\(step)").utf8CString.dropLast()) + [CChar(bitPattern: 0xFF), 0x2E, 0x70, 0x79, 0]
        let fd = open(name, O_CREAT | O_WRONLY, 0o644)
        if fd >= 0 {
          _ = "def not_utf8(): pass\n".withCString { write(fd, $0, strlen($0)) }
          close(fd)
        }
      case 9:
        // A folder moves out of the root, and (some steps later) another one moves in.
        if FileManager.default.fileExists(atPath: ws.path + "/" + folder), Int.random(in: 0..<3, using: &rng) == 0 {
          try? FileManager.default.moveItem(atPath: ws.path + "/" + folder, toPath: outside.path + "/out\(step)")
          files.removeAll { $0.hasPrefix(folder + "/") }
        } else if let away = try? FileManager.default.contentsOfDirectory(atPath: outside.path).first {
          try? FileManager.default.moveItem(atPath: outside.path + "/" + away, toPath: ws.path + "/in\(step)")
        }
      default:
        if FileManager.default.fileExists(atPath: ws.path + "/" + folder), Int.random(in: 0..<3, using: &rng) == 0 {
          try? ws.move(folder, "z\(step)")
          files = files.map { $0.hasPrefix(folder + "/") ? "z\(step)/" + $0.dropFirst(folder.count + 1) : $0 }
        }
      }
    }
    try expectConverged(ws)
    #expect(watcher.process.isRunning, "seed \(seed): the watcher died")
    let stopped = watcher.stop()
    #expect(stopped.status == 0, "seed \(seed): \(stopped.log)")
  }

  /// A batch that cannot commit (a real SQLite trigger aborts it) must not be reported as synced: the
  /// watcher rescans, its `--sync` client gets an error while the rescan fails too, and once the cause is
  /// gone the retried rescan brings the index back to the truth.
  @Test func aFailedBatchIsNeverReportedAsSynced() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    let watcher = try WatcherProcess(root: ws.path)
    let database = ws.path + "/.indexer/index.sqlite"
    let poison = try DatabaseQueue(path: database)
    try poison.write {
      try $0.execute(sql: """
        CREATE TRIGGER refuse_poison BEFORE INSERT ON file WHEN NEW.path LIKE '%poison%'
        BEGIN SELECT RAISE(ABORT, 'injected failure'); END
        """)
    }
    try ws.write("scripts/poison.py", "def poisoned(): pass\n")
    let synced = try IndexerProcess.run(["query", "symbol", "poisoned", "--sync", "--root", ws.path])
    #expect(synced.status == 2, "a sync over a failed batch must fail: \(synced.stdout) \(synced.stderr)")
    #expect(synced.stderr.contains("could not commit"), "\(synced.stderr)")
    // While the failed rescan waits for its retry, a later sync's batch commits nothing wrong, but the
    // index is still behind: that sync must fail too, not vouch for it.
    let later = try IndexerProcess.run(["query", "symbol", "poisoned", "--sync", "--root", ws.path])
    #expect(later.status == 2 && later.stderr.contains("could not commit"), "\(later.stdout) \(later.stderr)")
    #expect(watcher.process.isRunning)
    try poison.write { try $0.execute(sql: "DROP TRIGGER refuse_poison") }
    try poison.close()
    // The rescan is retried every 5 s; a sync after that sees the file.
    var found = false
    for _ in 0..<40 where !found {
      found = try IndexerProcess.run(["query", "symbol", "poisoned", "--sync", "--root", ws.path]).status == 0
      if !found { usleep(250_000) }
    }
    #expect(found, "the retried rescan indexes the file")
    try expectConverged(ws)
    #expect(watcher.stop().status == 0)
  }

  /// Folders created inside a new folder while the watcher is still walking it (`mkdir -p a/b/c`, a checkout):
  /// each must end up watched, so files written into them later are indexed too.
  @Test func foldersCreatedWhileANewFolderIsWalkedAreWatched() throws {
    let ws = try TemporaryDirectory()
    try ws.write("seed.py", "x = 1\n")
    let watcher = try WatcherProcess(root: ws.path)
    for i in 0..<150 { try ws.write("deep/t\(i)/a/b/c/first.py", "def first_\(i)(): pass\n") }
    try expectConverged(ws)
    // Written after the folders settled: only a watch on each deepest folder can report these.
    for i in 0..<150 { try ws.write("deep/t\(i)/a/b/c/later.py", "def later_\(i)(): pass\n") }
    try expectConverged(ws)
    #expect(try IndexerProcess.run(["query", "symbol", "later_149", "--root", ws.path]).status == 0)
    #expect(watcher.stop().status == 0)
  }

  @Test func oneWriterPerDatabase() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    let watcher = try WatcherProcess(root: ws.path)
    let second = try IndexerProcess.run(["watch", ws.path])
    #expect(second.status == 2)
    #expect(second.stderr.contains("another indexer (pid \(watcher.process.processIdentifier))"))
    let index = try IndexerProcess.run(["index", ws.path])
    #expect(index.status == 2)
    #expect(try IndexerProcess.run(["query", "symbol", "Tool", "--root", ws.path]).status == 0, "queries keep working")
    // kill -9 leaves a lock file whose flock died with its process: the next watcher takes it over.
    _ = watcher.stop(signal: SIGKILL)
    let next = try WatcherProcess(root: ws.path)
    #expect(next.process.isRunning)
    try ws.write("after.py", "def after_restart(): pass\n")
    try expectConverged(ws)
    #expect(next.stop().status == 0)
  }

  /// A watched root deleted or renamed away leaves nothing to follow: the watcher exits 1 with one line,
  /// instead of idling on a tree that is gone.
  @Test(arguments: [false, true]) func aRootDeletedOrMovedAwayStopsTheWatcher(moved: Bool) throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    let watcher = try WatcherProcess(root: ws.path)
    #expect(watcher.process.isRunning)
    let away = ws.path + "-moved"
    if moved {
      #expect(rename(ws.path, away) == 0)
    } else {
      try FileManager.default.removeItem(atPath: ws.path)
    }
    defer { try? FileManager.default.removeItem(atPath: away) }
    let deadline = Date().addingTimeInterval(20)
    while watcher.process.isRunning && Date() < deadline { usleep(20_000) }
    #expect(!watcher.process.isRunning, "the watcher is still running on a root that is gone")
    let (status, log) = watcher.stop()
    #expect(status == 1)
    let errors = log.split(separator: "\n").filter { $0.hasPrefix("indexer: ") }
    #expect(errors.count == 1 && errors.first?.contains("was deleted or moved away") == true, "\(log)")
  }

  @Test func badSocketRequestsGetAnErrorAndHarmNoOne() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    let watcher = try WatcherProcess(root: ws.path)
    let socket = ws.path + "/.indexer/indexer.sock"
    #expect(try SocketLine.ask(socket, "this is not json\n").contains(#""ok":false"#))
    #expect(try SocketLine.ask(socket, #"{"op":"nope"}"# + "\n").contains("unknown op"))
    #expect(try SocketLine.ask(socket, String(repeating: "x", count: 100_000)).contains("too long"))
    // Many clients at once all get the right answer.
    let results = Locked([Int32]())
    DispatchQueue.concurrentPerform(iterations: 24) { _ in
      let run = try? IndexerProcess.run(["query", "symbol", "Application", "--root", ws.path])
      results.append(run?.lines.count == 2 ? 0 : 1)
    }
    #expect(results.value == Array(repeating: 0, count: 24))
    let stats = try IndexerProcess.run(["stats", "--json", "--root", ws.path]).json()
    let service = stats["service"] as? [String: Any]
    #expect((service?["pid"] as? NSNumber)?.int32Value == watcher.process.processIdentifier)
    #expect((service?["hotLayer"] as? [String: Any])?["hits"] != nil)
    #expect(watcher.stop().status == 0)
  }

  /// The CLI prints the same bytes whether the watcher's socket or the database answered.
  @Test func theWatcherAnswersExactlyAsTheDatabaseDoes() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    let commands: [[String]] = [
      ["symbol", "Application", "--json"], ["symbol", "app", "--fuzzy", "--json"], ["symbol", "run", "--prefix"],
      ["symbol", "name", "--lang", "python", "--kind", "function", "--json"], ["file", "Sources/App/Application.swift", "--json"],
      ["file", "scripts/tool.py"], ["file", "not/indexed.swift"],
    ]
    let watcher = try WatcherProcess(root: ws.path)
    let viaWatcher = try commands.map { try IndexerProcess.run(["query"] + $0 + ["--root", ws.path]) }
    let service = try IndexerProcess.run(["stats", "--json", "--root", ws.path]).json()["service"] as? [String: Any]
    let hot = service?["hotLayer"] as? [String: Any]
    #expect((hot?["misses"] as? Int ?? 0) >= commands.count - 1, "the watcher answered the queries")
    #expect(watcher.stop().status == 0)
    let viaDatabase = try commands.map { try IndexerProcess.run(["query"] + $0 + ["--root", ws.path]) }
    for (command, (a, b)) in zip(commands, zip(viaWatcher, viaDatabase)) {
      #expect(a.status == b.status, "\(command)")
      guard command.first == "symbol" && command.contains("--json") else {
        #expect(a.stdout == b.stdout, "\(command)")
        continue
      }
      // The records are the same bytes; the summary says who answered: the watcher knows what is pending.
      #expect(a.lines.dropLast() == b.lines.dropLast(), "\(command)")
      let (watched, unwatched) = (try a.summary(), try b.summary())
      #expect(watched?["generation"] as? Int == unwatched?["generation"] as? Int && watched?["generation"] != nil, "\(command)")
      #expect((watched?["pending"] as? [String: Any])?["count"] as? Int == 0, "\(command)")
      #expect(unwatched?["pending"] is NSNull, "\(command)")
    }
    #expect(viaWatcher[0].stdout.contains(#""access":"public""#), "access levels travel over the socket")
  }

  static let queueLimitPath = "/proc/sys/fs/inotify/max_queued_events"
  static var canLowerQueueLimit: Bool { access(queueLimitPath, W_OK) == 0 }

  /// A real IN_Q_OVERFLOW: the kernel queue is made tiny for this watcher only (the limit is read when an
  /// inotify instance is created), then flooded. The rescan must bring the index to the truth.
  @Test(.enabled(if: canLowerQueueLimit, "needs root to lower /proc/sys/fs/inotify/max_queued_events"))
  func queueOverflowTriggersARescanThatConverges() throws {
    let ws = try TemporaryDirectory()
    try ws.write("flood/seed.py", "x = 1\n")
    InotifyQueueLimit.lock.lock()
    defer { InotifyQueueLimit.lock.unlock() }
    let original = try String(contentsOfFile: Self.queueLimitPath, encoding: .utf8)
    try "32\n".write(toFile: Self.queueLimitPath, atomically: false, encoding: .utf8)
    let watcher: WatcherProcess
    do {
      defer { try? original.write(toFile: Self.queueLimitPath, atomically: false, encoding: .utf8) }
      watcher = try WatcherProcess(root: ws.path)
    }
    // Freeze the watcher so the kernel queue fills while nobody reads it, then let it go.
    kill(watcher.process.processIdentifier, SIGSTOP)
    for i in 0..<500 { try ws.write("flood/f\(i).py", "def flood_\(i)(): pass\n") }
    kill(watcher.process.processIdentifier, SIGCONT)
    try expectConverged(ws)
    let stats = try IndexerProcess.run(["stats", "--json", "--root", ws.path]).json()
    let rescans = ((stats["service"] as? [String: Any])?["rescans"] as? NSNumber)?.intValue ?? 0
    #expect(rescans >= 1, "the flood overflowed a 32-event queue, which must cause a rescan")
    #expect(watcher.stop().status == 0)
  }

  static let watchLimitPath = "/proc/sys/fs/inotify/max_user_watches"

  /// Out of watches: the watcher says how to raise the limit and falls back to periodic rescans.
  @Test(.enabled(if: access(watchLimitPath, W_OK) == 0, "needs root to lower /proc/sys/fs/inotify/max_user_watches"))
  func runningOutOfWatchesFallsBackToPolling() throws {
    let ws = try TemporaryDirectory()
    for i in 0..<20 { try ws.write("d\(i)/m.py", "def m\(i)(): pass\n") }
    InotifyQueueLimit.lock.lock()
    defer { InotifyQueueLimit.lock.unlock() }
    let original = try String(contentsOfFile: Self.watchLimitPath, encoding: .utf8)
    try "1\n".write(toFile: Self.watchLimitPath, atomically: false, encoding: .utf8)
    let watcher: WatcherProcess
    do {
      defer { try? original.write(toFile: Self.watchLimitPath, atomically: false, encoding: .utf8) }
      watcher = try WatcherProcess(root: ws.path, arguments: ["--poll-interval", "0.2"])
    }
    try ws.write("d7/late.py", "def arrived_late(): pass\n")
    try expectConverged(ws)
    #expect(try IndexerProcess.run(["query", "symbol", "arrived_late", "--root", ws.path]).status == 0)
    let stopped = watcher.stop()
    #expect(stopped.status == 0)
    #expect(stopped.log.contains("out of inotify watches"))
    #expect(stopped.log.contains("sysctl fs.inotify.max_user_watches="))
  }

  @Test func theSocketIsPrivateToItsUser() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    let watcher = try WatcherProcess(root: ws.path)
    let attributes = try FileManager.default.attributesOfItem(atPath: ws.path + "/.indexer/indexer.sock")
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    #expect(watcher.stop().status == 0)
  }

  @Test func killedMidBatchRestartsCleanly() throws {
    let ws = try TemporaryDirectory()
    try ws.write("seed.py", "x = 1\n")
    let watcher = try WatcherProcess(root: ws.path)
    for i in 0..<3000 { try ws.write("bulk/m\(i).py", "def bulk_\(i)(): pass\n") }
    usleep(100_000)
    _ = watcher.stop(signal: SIGKILL)
    let restarted = try WatcherProcess(root: ws.path)
    let running = restarted.process.isRunning
    try expectConverged(ws)
    #expect(try IndexerProcess.run(["query", "symbol", "bulk_2999", "--root", ws.path]).status == 0)
    let stopped = restarted.stop()
    #expect(running && stopped.status == 0, "\(stopped.log)")
  }
}

/// A deterministic generator so a failing seed can be replayed (the seed is the test's argument).
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

final class Locked<T>: @unchecked Sendable {
  private var stored: T
  private let lock = NSLock()
  init(_ value: T) { stored = value }
  var value: T { lock.withLock { stored } }
  func append<E>(_ element: E) where T == [E] { lock.withLock { stored.append(element) } }
}

/// Sends raw bytes to the watcher's socket and returns its first reply line.
enum SocketLine {
  /// A connected client socket (the caller closes it).
  static func connect(_ path: String) throws -> Int32 {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      let bytes = Array(path.utf8)
      raw.copyBytes(from: bytes)
      raw[bytes.count] = 0
    }
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard connected == 0 else {
      close(fd)
      throw CocoaError(.fileNoSuchFile)
    }
    return fd
  }

  /// Sends one request and reads one line back, giving up after 10 s of silence.
  static func ask(_ path: String, _ request: String) throws -> String {
    let fd = try connect(path)
    defer { close(fd) }
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    _ = request.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
    var reply = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 4096)
    while !reply.contains(0x0A) {
      let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if n <= 0 { break }
      reply += chunk[..<n]
    }
    return String(decoding: reply, as: UTF8.self)
  }
}
