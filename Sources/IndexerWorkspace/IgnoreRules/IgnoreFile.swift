/// The patterns of one ignore file (`.gitignore`, `.ignore`, or `--exclude` flags), and the folder they apply to.
public struct IgnoreFile: Sendable {
  /// The folder relative to the root ("" for the root), `/`-separated, no trailing slash.
  public let base: String
  public let patterns: [IgnorePattern]
  private let baseBytes: [UInt8]
  private let baseLength: Int

  public init(base: String, text: some StringProtocol) {
    self.init(base: base, patterns: text.split(whereSeparator: \.isNewline).compactMap { IgnorePattern(line: Substring($0)) })
  }

  public init(base: String, patterns: [IgnorePattern]) {
    self.base = base
    self.patterns = patterns
    self.baseBytes = base.isEmpty ? [] : Array(base.utf8) + [UInt8(ascii: "/")]
    self.baseLength = baseBytes.count
  }

  /// The verdict of the last matching pattern: true ignore, false re-include, nil no opinion.
  ///
  /// Asked for every entry of every folder below `base`: the loop walks the patterns by index and the
  /// path through one buffer pointer, so it neither copies nor retains per pattern.
  public func verdict(path: [UInt8], nameStart: Int, isDirectory: Bool) -> Bool? {
    guard path.count > baseLength, path.starts(with: baseBytes), nameStart >= 0, nameStart <= path.count else { return nil }
    return path.withUnsafeBufferPointer { bytes in
      let relative = UnsafeBufferPointer(rebasing: bytes[baseLength...])
      let name = UnsafeBufferPointer(rebasing: bytes[nameStart...])
      var i = patterns.count
      while i > 0 {
        i -= 1
        if patterns[i].matches(relativePath: relative, name: name, isDirectory: isDirectory) { return !patterns[i].isNegated }
      }
      return nil
    }
  }
}

/// The ignore files in force for the folder being walked, deepest last.
///
/// A deeper file overrides a shallower one, and within a file the last match wins (gitignore(5)).
/// Folders that are ignored are never entered, so a file cannot be re-included below them, as in git.
public struct IgnoreStack: Sendable {
  private var files: [IgnoreFile]
  /// Rules that outrank every ignore file in the tree (`--exclude`).
  private let overrides: IgnoreFile?

  public init(overrides: IgnoreFile? = nil) {
    self.files = []
    self.overrides = overrides
  }

  public mutating func push(_ file: IgnoreFile) { files.append(file) }
  public mutating func pop() { files.removeLast() }

  /// Drops the ignore files of `base` from the top of the stack (they are about to be pushed again).
  public mutating func popLast(ifBase base: String) {
    while let last = files.last, last.base == base { files.removeLast() }
  }

  public func isIgnored(path: [UInt8], isDirectory: Bool) -> Bool {
    var nameStart = path.count
    while nameStart > 0 && path[nameStart - 1] != UInt8(ascii: "/") { nameStart -= 1 }
    if let overrides, overrides.verdict(path: path, nameStart: nameStart, isDirectory: isDirectory) == true {
      return true
    }
    var i = files.count
    while i > 0 {
      i -= 1
      if let verdict = files[i].verdict(path: path, nameStart: nameStart, isDirectory: isDirectory) { return verdict }
    }
    return false
  }
}
