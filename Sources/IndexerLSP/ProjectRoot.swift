import Foundation

/// Where a project starts, for a server that was given no workspace: the nearest folder, at or above a path,
/// holding one of the files or folders projects are marked by.
enum ProjectRoot {
  static let markers = [
    ".git", ".hg", "Package.swift", "pyproject.toml", "setup.py", "go.mod", "Cargo.toml", "package.json", "pom.xml",
    "build.gradle", ".indexer",
  ]

  /// The nearest folder at or above `path` holding a marker; nil when no folder up to `/` does.
  static func nearest(from path: String) -> String? {
    var folder = URL(fileURLWithPath: path).standardizedFileURL.path
    var steps = 0
    while steps < 256 {
      steps += 1
      if markers.contains(where: { FileManager.default.fileExists(atPath: folder + "/" + $0) }) { return folder }
      guard folder != "/" else { return nil }
      folder = URL(fileURLWithPath: folder).deletingLastPathComponent().standardizedFileURL.path
    }
    return nil
  }

  /// Folders never indexed as a project: the whole disk and the home folder.
  static func isTooBroad(_ path: String) -> Bool {
    if path == "/" { return true }
    guard let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty, let real = realpath(home, nil) else { return false }
    defer { free(real) }
    return path == String(cString: real)
  }
}
