import Foundation

/// Where the repository's `Fixtures/` folder is, found from this source file so tests run from any folder.
public enum Fixtures {
  public static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path + "/Fixtures"
  }()

  /// Copies `Fixtures/<relative>` into a new temporary folder and returns it; tests never write to the fixtures.
  public static func copy(_ relative: String) throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory(relative.replacingOccurrences(of: "/", with: "-"))
    let source = root + "/" + relative
    for item in try FileManager.default.contentsOfDirectory(atPath: source) {
      try FileManager.default.copyItem(atPath: source + "/" + item, toPath: directory.path + "/" + item)
    }
    return directory
  }

  /// Whether golden files should be rewritten instead of compared (`INDEXER_RECORD_FIXTURES=1`).
  public static var isRecording: Bool {
    ProcessInfo.processInfo.environment["INDEXER_RECORD_FIXTURES"] == "1"
  }
}
