import Foundation
import IndexerTestSupport
import Testing

/// The watch service under the conditions a month of uptime brings: signals at awkward moments, a client
/// that connects and says nothing, the process out of file descriptors.
@Suite(.serialized) struct ServiceRobustnessTests {
  /// A workspace whose warm start cannot finish soon: one file makes its extractor spin (a real hang, via
  /// the test-only marker), with a 60 s budget, so the initial index is still running when the signal comes.
  private func slowWorkspace() throws -> TemporaryDirectory {
    let ws = try TemporaryDirectory("slow-start")
    // More than one batch of files (256) before the spinning one, which sorts last.
    for i in 0..<300 { try ws.write("m/f\(i).py", "def early_\(i)(): pass\n") }
    try ws.write("z/spins.py", "def spin(): pass\n# SPIN_HERE\n")
    return ws
  }

  private func startWatcher(_ ws: TemporaryDirectory) throws -> (Process, Pipe) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: IndexerProcess.executable)
    process.arguments = ["watch", ws.path, "--extract-timeout", "60", "--max-batch", "8"]
    process.environment = ProcessInfo.processInfo.environment.merging(["INDEXER_TEST_EXTRACTOR_HANG": "SPIN_HERE"]) { _, b in b }
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    return (process, errors)
  }

  /// Waits until the warm start has committed its first batch, then a moment more: it is then stuck on the
  /// spinning file in its second.
  private func waitForWarmStart(_ ws: TemporaryDirectory) {
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline {
      if let stats = try? IndexerProcess.run(["stats", "--json", "--root", ws.path]).json(), (int(stats, "files") ?? 0) >= 256 { break }
      usleep(50_000)
    }
    usleep(500_000)
  }

  private func waitForExit(_ process: Process, seconds: Double) -> Double? {
    let started = Date()
    while process.isRunning {
      if Date().timeIntervalSince(started) > seconds { return nil }
      usleep(5_000)
    }
    return Date().timeIntervalSince(started)
  }

  @Test func ctrlCDuringTheWarmStartStopsWithinASecondKeepingCommittedBatches() throws {
    let ws = try slowWorkspace()
    let (process, errors) = try startWatcher(ws)
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    waitForWarmStart(ws)
    #expect(process.isRunning, "the warm start must still be running (stuck on the spinning file)")
    kill(process.processIdentifier, SIGINT)
    let took = waitForExit(process, seconds: 10)
    #expect(took != nil && took! < 1.0, "stopped after \(took ?? -1) s")
    #expect(process.terminationStatus == 0)
    let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(log.contains("stopping on signal during the initial index"), "\(log)")
    // What committed before the signal is there, and the index is sound.
    #expect(try IndexerProcess.run(["check", ws.path]).status == 0)
    let stats = try IndexerProcess.run(["stats", "--json", "--root", ws.path]).json()
    #expect((int(stats, "files") ?? 0) >= 256, "the first batch was committed before the signal")
    // The next run finishes the job.
    #expect(try IndexerProcess.run(["index", ws.path, "--extract-timeout", "1"], environment: ["INDEXER_TEST_EXTRACTOR_HANG": "SPIN_HERE"]).status == 0)
    #expect(try IndexerProcess.run(["query", "symbol", "early_39", "--root", ws.path]).status == 0)
  }

  @Test func aSecondCtrlCNeverHangsOrDamages() throws {
    let ws = try slowWorkspace()
    let (process, _) = try startWatcher(ws)
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    waitForWarmStart(ws)
    kill(process.processIdentifier, SIGINT)
    kill(process.processIdentifier, SIGINT)
    let took = waitForExit(process, seconds: 10)
    #expect(took != nil && took! < 1.0, "stopped after \(took ?? -1) s")
    // 130 when the second signal found it still stopping, 0 when the first had already finished the job.
    #expect([0, 130].contains(process.terminationStatus))
    #expect(try IndexerProcess.run(["check", ws.path]).status == 0)
  }

  @Test func aSilentClientIsHungUpOn() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    let watcher = try WatcherProcess(root: ws.path, arguments: ["--client-timeout", "1"])
    let fd = try SocketLine.connect(ws.path + "/.indexer/indexer.sock")
    defer { close(fd) }
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let started = Date()
    var reply = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 512)
    while true {
      let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if n <= 0 {
        #expect(n == 0, "the service closes the connection (recv: \(n))")
        break
      }
      reply += chunk[..<n]
    }
    #expect(Date().timeIntervalSince(started) < 5)
    #expect(String(decoding: reply, as: UTF8.self).contains("no request in time"))
    #expect(try SocketLine.ask(ws.path + "/.indexer/indexer.sock", #"{"op":"stats"}"# + "\n").contains(#""ok":true"#))
    #expect(watcher.stop().status == 0)
  }

  /// Out of file descriptors: clients hold every free descriptor, so `accept` fails with EMFILE. The accept
  /// loop must back off and serve again once they go, not end for good.
  @Test func acceptSurvivesRunningOutOfDescriptors() throws {
    let ws = try Fixtures.copy("workspaces/mixed")
    let watcher = try WatcherProcess(root: ws.path, arguments: ["--client-timeout", "30"])
    let pid = watcher.process.processIdentifier
    let used = (try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")).count
    let limit = used + 6
    let prlimit = Process()
    prlimit.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
    prlimit.arguments = ["--pid", "\(pid)", "--nofile=\(limit):\(limit)"]
    try prlimit.run()
    prlimit.waitUntilExit()
    #expect(prlimit.terminationStatus == 0)
    let socket = ws.path + "/.indexer/indexer.sock"
    var held: [Int32] = []
    for _ in 0..<20 { if let fd = try? SocketLine.connect(socket) { held.append(fd) } }
    usleep(500_000)
    let descriptors = (try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")).count
    #expect(descriptors >= limit - 1, "the service should be out of descriptors (\(descriptors) of \(limit))")
    for fd in held { close(fd) }
    usleep(300_000)
    #expect(try SocketLine.ask(socket, #"{"op":"stats"}"# + "\n").contains(#""ok":true"#), "the service serves again")
    #expect(watcher.process.isRunning)
    #expect(watcher.stop().status == 0)
  }
}
