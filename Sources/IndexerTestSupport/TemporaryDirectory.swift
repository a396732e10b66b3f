import Foundation

/// A fresh folder under the system temp dir, removed when the test is done with it.
public final class TemporaryDirectory: Sendable {
  public let path: String

  public init(_ label: String = "indexer-test") throws {
    let base = FileManager.default.temporaryDirectory.path
    path = base + "/" + label + "-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Writes `text` at the relative path, creating folders as needed.
  public func write(_ relative: String, _ text: String) throws {
    try write(relative, Data(text.utf8))
  }

  public func write(_ relative: String, _ data: Data) throws {
    let url = URL(fileURLWithPath: path + "/" + relative)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url)
  }

  public func remove(_ relative: String) throws {
    try FileManager.default.removeItem(atPath: path + "/" + relative)
  }

  public func move(_ from: String, _ to: String) throws {
    try FileManager.default.moveItem(atPath: path + "/" + from, toPath: path + "/" + to)
  }

  public func read(_ relative: String) throws -> String {
    try String(contentsOfFile: path + "/" + relative, encoding: .utf8)
  }
}
