import Foundation

/// What one run of the real `indexer` binary printed and returned.
public struct IndexerRun: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String

  public var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }

  /// The stdout parsed as one JSON object.
  public func json() throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
      throw CocoaError(.propertyListReadCorrupt)
    }
    return object
  }

  /// The stdout parsed as JSON lines: the records, without the `{"summary": …}` line that ends a query's answer.
  public func jsonLines() throws -> [[String: Any]] {
    try allJSONLines().filter { $0["summary"] == nil }
  }

  /// The `summary` object of a query's JSON Lines answer (`generation`, `pending`, `complete`, …); nil when none.
  public func summary() throws -> [String: Any]? {
    try allJSONLines().compactMap { $0["summary"] as? [String: Any] }.last
  }

  private func allJSONLines() throws -> [[String: Any]] {
    try lines.map { line in
      guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
        throw CocoaError(.propertyListReadCorrupt)
      }
      return object
    }
  }
}

/// Runs the `indexer` executable that `swift build` put beside the test bundle.
public enum IndexerProcess {
  public static var executable: String {
    if let override = ProcessInfo.processInfo.environment["INDEXER_BINARY"] { return override }
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("indexer").path
  }

  /// Runs the binary to its end; one that runs past `timeoutSeconds` is killed (SIGKILL, status 9 shows as a
  /// failed expectation) so a hang fails its test instead of stalling the whole run.
  @discardableResult
  public static func run(
    _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:], timeoutSeconds: Double = 300
  ) throws -> IndexerRun {
    let process = Process()
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    }
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let pid = process.processIdentifier
    let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds, execute: watchdog)
    defer { watchdog.cancel() }
    // Read both pipes to the end before waiting, so a chatty run cannot fill a pipe and stall.
    let group = DispatchGroup()
    let errData = Locked(Data())
    group.enter()
    DispatchQueue.global().async {
      errData.set(err.fileHandleForReading.readDataToEndOfFile())
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return IndexerRun(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData.get(), as: UTF8.self))
  }
}

private final class Locked<T>: @unchecked Sendable {
  private var value: T
  private let lock = NSLock()
  init(_ value: T) { self.value = value }
  func set(_ v: T) { lock.withLock { value = v } }
  func get() -> T { lock.withLock { value } }
}
