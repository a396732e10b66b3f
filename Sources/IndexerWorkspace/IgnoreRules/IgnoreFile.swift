/// The patterns of one ignore file (`.gitignore`, `.ignore`, or `--exclude` flags), and the folder they apply to.
///
/// A class: asked about every entry below its folder, a struct of five arrays was copied (five retains) on
/// each question.
public final class IgnoreFile: Sendable {
  /// The folder relative to the root ("" for the root), `/`-separated, no trailing slash.
  public let base: String
  public let patterns: [IgnorePattern]
  private let baseBytes: [UInt8]
  private let baseLength: Int
  /// For each possible last byte of a name, the patterns that can match it, last first: those whose last
  /// byte is fixed to it and those whose last byte is not fixed. Linux's root `.gitignore` has 80
  /// patterns, most `*.ext`; a `.c` file needs about ten of them tried, not all 80, for each of 78,000
  /// entries. (`candidateLists[candidateIndex[b]]`; empty when the file has too many patterns to index.)
  private let candidateIndex: [UInt8]
  private let candidateLists: [[Int32]]

  public convenience init(base: String, text: some StringProtocol) {
    self.init(base: base, patterns: text.split(whereSeparator: \.isNewline).compactMap { IgnorePattern(line: Substring($0)) })
  }

  public init(base: String, patterns: [IgnorePattern]) {
    self.base = base
    self.patterns = patterns
    self.baseBytes = base.isEmpty ? [] : Array(base.utf8) + [UInt8(ascii: "/")]
    self.baseLength = baseBytes.count
    (candidateIndex, candidateLists) = Self.candidates(patterns)
  }

  /// List 0 holds the patterns with no fixed last byte; each fixed last byte gets its own list of those
  /// plus its own patterns (at most 255 lists, each at most the file's patterns).
  private static func candidates(_ patterns: [IgnorePattern]) -> ([UInt8], [[Int32]]) {
    guard patterns.count <= 4096 else { return ([], []) }
    var index = [UInt8](repeating: 0, count: 256)
    var lists: [[Int32]] = [[]]
    for i in patterns.indices.reversed() {
      guard let last = patterns[i].lastByte else {
        for k in lists.indices { lists[k].append(Int32(i)) }
        continue
      }
      if index[Int(last)] == 0 {
        guard lists.count < 256 else { return ([], []) }
        index[Int(last)] = UInt8(lists.count)
        lists.append(lists[0])
      }
      lists[Int(index[Int(last)])].append(Int32(i))
    }
    return (index, lists)
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
      if !candidateLists.isEmpty {
        // Through buffer pointers: copying a pattern out of the array retained its byte arrays each time.
        return patterns.withUnsafeBufferPointer { all in
          candidateLists[Int(candidateIndex[Int(name.last ?? 0)])].withUnsafeBufferPointer { candidates in
            for i in candidates where all[Int(i)].matches(relativePath: relative, name: name, isDirectory: isDirectory) {
              return !all[Int(i)].isNegated
            }
            return nil
          }
        }
      }
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
    if overrides?.verdict(path: path, nameStart: nameStart, isDirectory: isDirectory) == true { return true }
    // Borrowed through a buffer pointer: `files[i]` copied the whole ignore file (five retains) per entry.
    return files.withUnsafeBufferPointer { files in
      var i = files.count
      while i > 0 {
        i -= 1
        if let verdict = files[i].verdict(path: path, nameStart: nameStart, isDirectory: isDirectory) { return verdict }
      }
      return false
    }
  }
}
