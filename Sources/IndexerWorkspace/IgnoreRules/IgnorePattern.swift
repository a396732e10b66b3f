/// One line of a `.gitignore`, compiled for matching against `/`-separated relative paths.
///
/// Follows gitignore(5): `!` negates, a trailing `/` matches directories only, a `/` anywhere else
/// anchors the pattern to the file's own directory, `*` and `?` stop at `/`, `**` crosses folders.
public struct IgnorePattern: Sendable, Hashable {
  public let isNegated: Bool
  public let directoryOnly: Bool
  /// Anchored patterns match the path relative to the ignore file's folder; the others match the name.
  public let isAnchored: Bool
  let glob: [UInt8]
  private let fastPath: FastPath
  /// The byte every match ends with, when the pattern fixes it (`*.o`, `modules.order`, `*.tab.[ch]` does
  /// not): one compare turns most patterns away from most names, before anything else runs.
  let lastByte: UInt8?

  private enum FastPath: Hashable {
    case literal([UInt8])
    case suffix([UInt8])
    /// A glob, with bytes every match must start with and bytes every match must contain (empty when
    /// none): most names fail these before the matcher runs (`.*`, `*.asn1.[ch]`, `cscope.*`).
    case glob(prefix: [UInt8], contains: [UInt8])
  }

  /// Parses one line; nil for blank lines and comments.
  public init?(line rawLine: Substring) {
    var bytes = Array(rawLine.utf8)
    if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
    // Trailing spaces are ignored unless escaped with a backslash.
    while let last = bytes.last, last == UInt8(ascii: " ") {
      if bytes.count >= 2 && bytes[bytes.count - 2] == UInt8(ascii: "\\") { break }
      bytes.removeLast()
    }
    guard !bytes.isEmpty, bytes[0] != UInt8(ascii: "#") else { return nil }
    var negated = false
    if bytes[0] == UInt8(ascii: "!") {
      negated = true
      bytes.removeFirst()
    } else if bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"),
      bytes[1] == UInt8(ascii: "!") || bytes[1] == UInt8(ascii: "#")
    {
      bytes.removeFirst()
    }
    var dirOnly = false
    if bytes.last == UInt8(ascii: "/") {
      dirOnly = true
      while bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
    }
    guard !bytes.isEmpty else { return nil }
    var anchored = bytes.contains(UInt8(ascii: "/"))
    if bytes.first == UInt8(ascii: "/") { bytes.removeFirst() }
    // "**/foo" matches "foo" at any depth, which is what an unanchored "foo" means.
    while bytes.count > 3, bytes[0] == UInt8(ascii: "*"), bytes[1] == UInt8(ascii: "*"), bytes[2] == UInt8(ascii: "/"),
      !bytes[3...].contains(UInt8(ascii: "/"))
    {
      bytes.removeFirst(3)
      anchored = false
    }
    self.isNegated = negated
    self.directoryOnly = dirOnly
    self.isAnchored = anchored
    self.glob = bytes
    self.fastPath = Self.classify(bytes)
    self.lastByte = Self.fixedLastByte(bytes)
  }

  /// The pattern's last byte when it can only match itself: not `*`, `?` or a class's `]`, and not escaped
  /// (an escaped last byte is left to the matcher).
  private static func fixedLastByte(_ bytes: [UInt8]) -> UInt8? {
    guard let last = bytes.last, ![UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "]"), UInt8(ascii: "\\")].contains(last)
    else { return nil }
    if bytes.count >= 2 && bytes[bytes.count - 2] == UInt8(ascii: "\\") { return nil }
    return last
  }

  private static func classify(_ bytes: [UInt8]) -> FastPath {
    func isSpecial(_ b: UInt8) -> Bool {
      b == UInt8(ascii: "*") || b == UInt8(ascii: "?") || b == UInt8(ascii: "[") || b == UInt8(ascii: "\\")
    }
    if !bytes.contains(where: isSpecial) { return .literal(bytes) }
    if bytes.first == UInt8(ascii: "*"), bytes.count > 1, !bytes[1...].contains(where: isSpecial),
      !bytes.contains(UInt8(ascii: "/"))
    {
      return .suffix(Array(bytes[1...]))
    }
    return requiredBytes(bytes)
  }

  /// The literal bytes before the first special character, and the longest literal run outside bracket
  /// classes. A pattern with an escape or an unclosed bracket gets neither (the matcher decides alone).
  private static func requiredBytes(_ bytes: [UInt8]) -> FastPath {
    if bytes.contains(UInt8(ascii: "\\")) { return .glob(prefix: [], contains: []) }
    var runs: [[UInt8]] = [[]]
    var i = 0
    while i < bytes.count {
      switch bytes[i] {
      case UInt8(ascii: "*") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "*"):
        // `**/`, `/**` and `/**/` may match nothing, their slashes included.
        if runs[runs.count - 1].last == UInt8(ascii: "/") { runs[runs.count - 1].removeLast() }
        while i < bytes.count && bytes[i] == UInt8(ascii: "*") { i += 1 }
        if i < bytes.count && bytes[i] == UInt8(ascii: "/") { i += 1 }
        runs.append([])
      case UInt8(ascii: "*"), UInt8(ascii: "?"):
        runs.append([])
        i += 1
      case UInt8(ascii: "["):
        // A class: `[`, an optional `!`/`^`, a `]` taken literally right after, then up to the closing `]`.
        var j = i + 1
        if j < bytes.count && (bytes[j] == UInt8(ascii: "!") || bytes[j] == UInt8(ascii: "^")) { j += 1 }
        if j < bytes.count && bytes[j] == UInt8(ascii: "]") { j += 1 }
        while j < bytes.count && bytes[j] != UInt8(ascii: "]") { j += 1 }
        guard j < bytes.count else { return .glob(prefix: [], contains: []) }
        runs.append([])
        i = j + 1
      default:
        runs[runs.count - 1].append(bytes[i])
        i += 1
      }
    }
    let isPrefix = !bytes.isEmpty && bytes[0] != UInt8(ascii: "*") && bytes[0] != UInt8(ascii: "?") && bytes[0] != UInt8(ascii: "[")
    return .glob(prefix: isPrefix ? runs[0] : [], contains: runs.max { $0.count < $1.count } ?? [])
  }

  /// Whether the pattern matches. `relativePath` is relative to the ignore file's folder; `name` is its last part.
  public func matches(relativePath: ArraySlice<UInt8>, name: ArraySlice<UInt8>, isDirectory: Bool) -> Bool {
    relativePath.withUnsafeBufferPointer { r in
      name.withUnsafeBufferPointer { n in matches(relativePath: r, name: n, isDirectory: isDirectory) }
    }
  }

  func matches(relativePath: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>, isDirectory: Bool) -> Bool {
    if let lastByte, name.last != lastByte { return false }
    if directoryOnly && !isDirectory { return false }
    let subject = isAnchored ? relativePath : name
    switch fastPath {
    case .literal(let literal):
      return subject.count == literal.count && subject.elementsEqual(literal)
    case .suffix(let suffix):
      return subject.count >= suffix.count && UnsafeBufferPointer(rebasing: subject[(subject.count - suffix.count)...]).elementsEqual(suffix)
    case .glob(let prefix, let required):
      guard subject.count >= prefix.count, UnsafeBufferPointer(rebasing: subject[..<prefix.count]).elementsEqual(prefix),
        Self.contains(subject, required)
      else { return false }
      return glob.withUnsafeBufferPointer { p in Wildmatch.match(p, 0, subject, 0) }
    }
  }
}

extension IgnorePattern {
  static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
    guard let first = needle.first else { return true }
    guard haystack.count >= needle.count else { return false }
    var i = 0
    while i <= haystack.count - needle.count {
      if haystack[i] == first && UnsafeBufferPointer(rebasing: haystack[i..<i + needle.count]).elementsEqual(needle) { return true }
      i += 1
    }
    return false
  }
}

/// Glob matching with gitignore's rules for `*`, `**`, `?`, `[...]` and `\`.
enum Wildmatch {
  static let slash = UInt8(ascii: "/")

  static func match(_ p: UnsafeBufferPointer<UInt8>, _ pStart: Int, _ t: UnsafeBufferPointer<UInt8>, _ tStart: Int)
    -> Bool
  {
    var pi = pStart
    var ti = tStart
    while pi < p.count {
      let c = p[pi]
      switch c {
      case UInt8(ascii: "?"):
        guard ti < t.count, t[ti] != slash else { return false }
        pi += 1
        ti += 1
      case UInt8(ascii: "*"):
        var q = pi
        while q < p.count && p[q] == UInt8(ascii: "*") { q += 1 }
        let isDoubleStar = q - pi >= 2
        if isDoubleStar && (pi == 0 || p[pi - 1] == slash) && (q == p.count || p[q] == slash) {
          if q == p.count { return true }
          // "**/" matches zero or more whole folders.
          if match(p, q + 1, t, ti) { return true }
          var k = ti
          while k < t.count {
            if t[k] == slash && match(p, q + 1, t, k + 1) { return true }
            k += 1
          }
          return false
        }
        if q == p.count {
          if isDoubleStar { return true }
          var k = ti
          while k < t.count {
            if t[k] == slash { return false }
            k += 1
          }
          return true
        }
        var k = ti
        while k <= t.count {
          if match(p, q, t, k) { return true }
          if k < t.count && t[k] == slash && !isDoubleStar { return false }
          k += 1
        }
        return false
      case UInt8(ascii: "["):
        guard ti < t.count, t[ti] != slash else { return false }
        guard let (matched, next) = matchClass(p, pi, t[ti]) else {
          // An unclosed bracket is a literal '['.
          guard t[ti] == c else { return false }
          pi += 1
          ti += 1
          continue
        }
        guard matched else { return false }
        pi = next
        ti += 1
      case UInt8(ascii: "\\") where pi + 1 < p.count:
        guard ti < t.count, t[ti] == p[pi + 1] else { return false }
        pi += 2
        ti += 1
      default:
        guard ti < t.count, t[ti] == c else { return false }
        pi += 1
        ti += 1
      }
    }
    return ti == t.count
  }

  /// Matches one byte against the class starting at `p[start] == '['`; returns nil when the class is unclosed.
  private static func matchClass(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ b: UInt8) -> (Bool, Int)? {
    var i = start + 1
    var negate = false
    if i < p.count && (p[i] == UInt8(ascii: "!") || p[i] == UInt8(ascii: "^")) {
      negate = true
      i += 1
    }
    var matched = false
    var first = true
    while i < p.count {
      var lo = p[i]
      if lo == UInt8(ascii: "]") && !first { return (matched != negate, i + 1) }
      first = false
      if lo == UInt8(ascii: "\\") && i + 1 < p.count {
        i += 1
        lo = p[i]
      }
      if i + 2 < p.count && p[i + 1] == UInt8(ascii: "-") && p[i + 2] != UInt8(ascii: "]") {
        var hi = p[i + 2]
        var skip = 3
        if hi == UInt8(ascii: "\\") && i + 3 < p.count {
          hi = p[i + 3]
          skip = 4
        }
        if lo <= b && b <= hi { matched = true }
        i += skip
      } else {
        if lo == b { matched = true }
        i += 1
      }
    }
    return nil
  }
}
