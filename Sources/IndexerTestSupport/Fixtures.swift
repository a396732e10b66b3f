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

  /// The `<language>/<case>` folders under `Fixtures/languages` that hold a file accepted by `isCase`.
  public static func languageCases(where isCase: (String) -> Bool) -> [String] {
    let base = root + "/languages"
    let fm = FileManager.default
    var result: [String] = []
    for language in (try? fm.contentsOfDirectory(atPath: base))?.sorted() ?? [] {
      for name in (try? fm.contentsOfDirectory(atPath: base + "/" + language))?.sorted() ?? [] {
        let files = (try? fm.contentsOfDirectory(atPath: base + "/" + language + "/" + name)) ?? []
        if files.contains(where: isCase) { result.append(language + "/" + name) }
      }
    }
    return result
  }

  /// The golden text at `path` to compare `actual` with; when recording, writes `actual` there instead and
  /// returns nil (the caller records an issue so a recording run never passes).
  public static func golden(_ actual: String, at path: String) throws -> String? {
    if isRecording {
      try actual.write(toFile: path, atomically: true, encoding: .utf8)
      return nil
    }
    return try String(contentsOfFile: path, encoding: .utf8)
  }

  /// Whether golden files should be rewritten instead of compared (`INDEXER_RECORD_FIXTURES=1`).
  public static var isRecording: Bool {
    ProcessInfo.processInfo.environment["INDEXER_RECORD_FIXTURES"] == "1"
  }
}
