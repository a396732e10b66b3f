import Foundation
import IndexerTestSupport
import Testing

/// `--cache` against the real things: a folder, Debian's nginx with WebDAV PUT, redis-server — each
/// started by the test on a loopback port. A second checkout takes its results from the cache and ends
/// up with the same index; a damaged, missing or killed cache costs speed, never the run or its answers.
@Suite(.serialized) struct CacheCommandTests {
  enum Backend: String, CaseIterable, CustomTestStringConvertible {
    case folder, http, redis
    var testDescription: String { rawValue }
  }

  /// A server (or folder) for one test, kept alive by the returned object.
  private func start(_ backend: Backend) throws -> (url: String, keepAlive: AnyObject) {
    switch backend {
    case .folder:
      let dir = try TemporaryDirectory("cache")
      return (dir.path + "/cache", dir)
    case .http:
      let server = try CacheServer.nginx()
      return (server.url, server)
    case .redis:
      let server = try CacheServer.redis()
      return (server.url, server)
    }
  }

  private func cache(_ report: [String: Any]) -> [String: Any] { report["cache"] as? [String: Any] ?? [:] }

  @Test(arguments: Backend.allCases)
  func aSecondCheckoutTakesEveryResultFromTheCache(backend: Backend) throws {
    let (url, server) = try start(backend)
    defer { withExtendedLifetime(server) {} }
    let ws = try mixedTreeWithEveryLanguage()
    let first = try indexJSON(ws.path, ["--cache", url])
    let parsed = try #require(int(first, "parsed"))
    #expect(int(cache(first), "misses") == parsed, "a cold cache misses every file it is asked for")
    #expect(int(cache(first), "bytesStored")! > 0)
    #expect(cache(first)["failure"] is NSNull)

    let checkout = try mixedTreeWithEveryLanguage()
    let second = try indexJSON(checkout.path, ["--cache", url])
    #expect(int(cache(second), "hits") == parsed, "every file comes from the cache: \(second)")
    #expect(int(second, "fromCache") == parsed)
    #expect(int(cache(second), "misses") == 0 && int(cache(second), "bytesStored") == 0)
    #expect(try dump(checkout.path + "/.indexer/index.sqlite") == dump(ws.path + "/.indexer/index.sqlite"))
    #expect(try IndexerProcess.run(["check", checkout.path]).stdout.hasPrefix("sound"))

    let stats = try IndexerProcess.run(["stats", "--json", "--root", checkout.path]).json()
    #expect((stats["cache"] as? [String: Any]).flatMap { int($0, "hits") } == parsed)
  }

  /// Values that are not records of this version (damaged on disk, another program's) are misses: the
  /// file is extracted locally and its entry written again.
  @Test func damagedFolderEntriesAreMissesAndAreRewritten() throws {
    let (url, server) = try start(.folder)
    defer { withExtendedLifetime(server) {} }
    let ws = try mixedTreeWithEveryLanguage()
    let parsed = try #require(int(try indexJSON(ws.path, ["--cache", url]), "parsed"))
    var damaged = 0
    let enumerator = FileManager.default.enumerator(atPath: url)
    while let name = enumerator?.nextObject() as? String {
      let path = url + "/" + name
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
      let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
      try (damaged % 2 == 0 ? bytes.prefix(bytes.count / 2) : Data("garbage".utf8)).write(to: URL(fileURLWithPath: path))
      damaged += 1
    }
    #expect(damaged == parsed)
    let checkout = try mixedTreeWithEveryLanguage()
    let second = try indexJSON(checkout.path, ["--cache", url])
    #expect(int(cache(second), "invalid") == parsed && int(cache(second), "hits") == 0)
    #expect(try dump(checkout.path + "/.indexer/index.sqlite") == dump(ws.path + "/.indexer/index.sqlite"))
    let third = try mixedTreeWithEveryLanguage()
    #expect(int(cache(try indexJSON(third.path, ["--cache", url])), "hits") == parsed, "the entries were written again")
  }

  @Test(arguments: [Backend.http, .redis])
  func aCacheThatIsDownCostsOneWarning(backend: Backend) throws {
    let (url, server) = try start(backend)
    (server as? CacheServer)?.stop()
    let ws = try mixedTreeWithEveryLanguage()
    let run = try IndexerProcess.run(["index", ws.path, "--cache", url])
    #expect(run.status == 0)
    #expect(run.stderr.split(separator: "\n").filter { $0.contains("stopped answering") }.count == 1, "\(run.stderr)")
    let reference = try TemporaryDirectory()
    #expect(try IndexerProcess.run(["index", ws.path, "--db", reference.path + "/i.sqlite", "-q"]).status == 0)
    #expect(try dump(ws.path + "/.indexer/index.sqlite") == dump(reference.path + "/i.sqlite"))
  }

  /// The server is killed while a run is using it: the run finishes, whole, with one warning.
  @Test(arguments: [Backend.http, .redis])
  func aServerKilledMidRunDoesNotFailTheRun(backend: Backend) throws {
    let (url, keepAlive) = try start(backend)
    let server = try #require(keepAlive as? CacheServer)
    let ws = try TemporaryDirectory()
    for i in 0..<3_000 { try ws.write("pkg/m\(i).py", "def function_\(i)(argument):\n    return helper_\(i % 7)(argument)\n") }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: IndexerProcess.executable)
    process.arguments = ["index", ws.path, "--cache", url, "--json"]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Kill the server once the run has stored a few hundred entries.
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning && Date() < deadline && storedEntries(backend, server) < 300 { usleep(2_000) }
    #expect(process.isRunning, "the run was still going when the server died")
    server.stop()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(stderr)")
    #expect(stderr.contains("stopped answering"), "\(stderr)")
    let report = try #require(try JSONSerialization.jsonObject(with: stdout) as? [String: Any])
    #expect(int(report, "parsed") == 3_000)
    #expect(try IndexerProcess.run(["query", "symbol", "function_2999", "--root", ws.path]).status == 0)
    #expect(try IndexerProcess.run(["check", ws.path]).stdout.hasPrefix("sound"))
  }

  /// Entries the server holds: files under nginx's root, keys in Redis (counted with redis-cli).
  private func storedEntries(_ backend: Backend, _ server: CacheServer) -> Int {
    switch backend {
    case .http:
      return (try? FileManager.default.contentsOfDirectory(atPath: server.directory.path + "/data/cache"))?.count ?? 0
    case .redis:
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/redis-cli")
      process.arguments = ["-p", "\(server.port)", "DBSIZE"]
      let out = Pipe()
      process.standardOutput = out
      process.standardError = FileHandle.nullDevice
      guard (try? process.run()) != nil else { return 0 }
      let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    case .folder:
      return 0
    }
  }

  @Test func aFolderCacheStaysWithinItsBound() throws {
    let (url, server) = try start(.folder)
    defer { withExtendedLifetime(server) {} }
    let ws = try mixedTreeWithEveryLanguage()
    #expect(try IndexerProcess.run(["index", ws.path, "--cache", url, "--cache-size", "16K", "-q"]).status == 0)
    var total = 0
    let enumerator = FileManager.default.enumerator(atPath: url)
    while let name = enumerator?.nextObject() as? String {
      total += ((try? FileManager.default.attributesOfItem(atPath: url + "/" + name))?[.type] as? FileAttributeType == .typeRegular)
        ? ((try? FileManager.default.attributesOfItem(atPath: url + "/" + name))?[.size] as? Int ?? 0) : 0
    }
    #expect(total > 0 && total <= 16 * 1024, "\(total) bytes")
  }

  /// The watcher looks up what it re-reads too.
  @Test func theWatcherUsesTheCache() throws {
    let (url, server) = try start(.folder)
    defer { withExtendedLifetime(server) {} }
    let seed = try TemporaryDirectory()
    try seed.write("shared.py", "def shared_helper():\n    return 42\n")
    #expect(try IndexerProcess.run(["index", seed.path, "--cache", url, "-q"]).status == 0)
    let ws = try Fixtures.copy("workspaces/mixed")
    let watcher = try WatcherProcess(root: ws.path, arguments: ["--cache", url])
    defer { _ = watcher.stop() }
    let before = try IndexerProcess.run(["stats", "--json", "--root", ws.path]).json()["cache"] as? [String: Any]
    try ws.write("copied.py", "def shared_helper():\n    return 42\n")
    #expect(try IndexerProcess.run(["query", "symbol", "shared_helper", "--sync", "--root", ws.path]).status == 0)
    let after = try IndexerProcess.run(["stats", "--json", "--root", ws.path]).json()["cache"] as? [String: Any]
    #expect((after.flatMap { int($0, "hits") } ?? 0) == (before.flatMap { int($0, "hits") } ?? 0) + 1, "\(String(describing: after))")
  }
}
