import Foundation

/// A real `indexer watch` running on a folder for a test, stopped (SIGKILL) if the test forgets.
public final class WatcherProcess: @unchecked Sendable {
  public let process = Process()
  public let root: String
  private let errors: Pipe

  /// Starts the watcher and returns once it answers on its socket (its initial index is done).
  public init(root: String, arguments: [String] = [], environment: [String: String] = [:]) throws {
    self.root = root
    process.executableURL = URL(fileURLWithPath: IndexerProcess.executable)
    process.arguments = ["watch", root, "--settle-ms", "20"] + arguments
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    }
    errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline {
      if !process.isRunning { return }
      // Ready when the watcher itself answers (a socket left by a killed watcher refuses connections).
      if let stats = try? IndexerProcess.run(["stats", "--json", "--root", root]), stats.status == 0,
        let object = try? stats.json(), let service = object["service"] as? [String: Any],
        (service["pid"] as? NSNumber)?.int32Value == process.processIdentifier
      {
        return
      }
      usleep(20_000)
    }
  }

  deinit {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
  }

  /// SIGTERM, then the exit status and everything it logged on stderr.
  public func stop(signal: Int32 = SIGTERM) -> (status: Int32, log: String) {
    if process.isRunning { kill(process.processIdentifier, signal) }
    // A watcher that does not stop within a minute is a failure to see, not a test run that never ends.
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return (process.terminationStatus, log)
  }
}

/// Held by tests that create inotify instances while another test may have lowered the system-wide
/// `max_queued_events` (it applies to every instance created meanwhile, in this process or not).
public enum InotifyQueueLimit {
  public static let lock = NSLock()
}
