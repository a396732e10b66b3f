import Foundation
import IndexerModel

#if canImport(Glibc)
  import Glibc
#endif

/// What `search_text` looks for: a literal or a POSIX extended regular expression, in the files the index
/// holds (that `pathGlob` matches), with context lines around each match.
public struct TextQuery: Sendable {
  public var pattern: String
  public var regex: Bool
  public var caseSensitive: Bool
  public var pathGlob: String?
  /// Lines shown before and after each matching line (at most `maximumContext`).
  public var context: Int
  /// Matching lines wanted (from the first, in path and line order): the search stops once it has this many.
  public var limit: Int

  public static let maximumContext = 10

  public init(pattern: String, regex: Bool = false, caseSensitive: Bool = true, pathGlob: String? = nil, context: Int = 0, limit: Int) {
    self.pattern = pattern
    self.regex = regex
    self.caseSensitive = caseSensitive
    self.pathGlob = pathGlob
    self.context = min(max(0, context), Self.maximumContext)
    self.limit = max(0, limit)
  }
}

/// One matching line, with its neighbours (MCP's `search_text` items, as they are).
public struct TextMatch: Codable, Sendable, Hashable {
  public var path: String
  public var line: Int
  /// The first byte of the first match on the line (1-based).
  public var column: Int
  public var text: String
  public var before: [String]
  public var after: [String]
}

/// A pattern the regular-expression compiler refused.
public struct TextPatternError: Error, CustomStringConvertible {
  public let description: String
}

/// Searches file contents from disk: each file read whole, scanned with `memmem` (a literal) or `regexec` (a
/// POSIX extended expression, line by line), files in path order spread over every core. A line longer than
/// `maximumLineBytes` is shown cut.
enum TextSearch {
  static let maximumLineBytes = 400

  /// The matches in `paths` (relative to `root`), in path and line order, at most `query.limit`; and how many
  /// files were read.
  static func run(_ query: TextQuery, root: String, paths: [String]) throws(TextPatternError) -> (matches: [TextMatch], filesRead: Int) {
    let matcher = try Matcher(query)
    // Files in chunks, each chunk searched on every core; a chunk's results are kept in path order and the
    // search stops after the chunk that reaches the limit.
    var matches: [TextMatch] = []
    var read = 0
    let chunk = 256
    var start = 0
    while start < paths.count && matches.count < query.limit {
      let slice = Array(paths[start..<min(paths.count, start + chunk)])
      let results = Results(count: slice.count)
      DispatchQueue.concurrentPerform(iterations: slice.count) { i in
        results.set(i, Self.search(root: root, path: slice[i], matcher: matcher, context: query.context, limit: query.limit))
      }
      for found in results.all() where matches.count < query.limit {
        matches += found.prefix(query.limit - matches.count)
      }
      read += slice.count
      start += chunk
    }
    return (matches, read)
  }

  private static func search(root: String, path: String, matcher: Matcher, context: Int, limit: Int) -> [TextMatch] {
    guard let source = SourceText(root: root, path: path), !source.bytes.isEmpty else { return [] }
    let bytes = source.bytes
    let lines = source.lineRanges
    let hits = matcher.matchingLines(bytes, lines: lines, limit: limit)
    return hits.map { (index, column) in
      func text(_ k: Int) -> String {
        let range = lines[k]
        let cut = range.lowerBound..<min(range.upperBound, range.lowerBound + maximumLineBytes)
        return String(decoding: bytes[cut], as: UTF8.self)
      }
      return TextMatch(
        path: path, line: index + 1, column: column + 1, text: text(index),
        before: (max(0, index - context)..<index).map(text), after: (index + 1..<min(lines.count, index + 1 + context)).map(text))
    }
  }

  /// Per file results, written by one worker each.
  private final class Results: @unchecked Sendable {
    private var values: [[TextMatch]]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: [], count: count) }
    func set(_ i: Int, _ found: [TextMatch]) { lock.withLock { values[i] = found } }
    func all() -> [[TextMatch]] { lock.withLock { values } }
  }
}

/// A compiled pattern. `@unchecked Sendable`: a compiled `regex_t` is only read by `regexec`, which POSIX
/// allows from several threads at once; the literal is immutable.
final class Matcher: @unchecked Sendable {
  private let literal: [UInt8]
  private let caseSensitive: Bool
  /// Allocated once and only passed by pointer: no Swift access to it is ever exclusive, so workers share it.
  private let compiled: UnsafeMutablePointer<regex_t>?

  /// For a regular expression, text every match must contain (lowercased when case is ignored): lines
  /// without it are not given to `regexec`, which is most of grep's lead. `alsoRequired`: the other runs
  /// every match holds, checked in a candidate line before it goes to `regexec`.
  private let required: [UInt8]
  private let alsoRequired: [[UInt8]]

  init(_ query: TextQuery) throws(TextPatternError) {
    caseSensitive = query.caseSensitive
    // Case is folded for ASCII letters only, in the pattern as in the text: `É` still finds `É`.
    literal = query.caseSensitive ? Array(query.pattern.utf8) : Self.lowered(Array(query.pattern.utf8))
    guard query.regex else {
      compiled = nil
      required = []
      alsoRequired = []
      return
    }
    let runs = Self.requiredLiterals(query.pattern).map { query.caseSensitive ? Array($0.utf8) : Self.lowered(Array($0.utf8)) }
      .sorted { $0.count > $1.count }
    required = runs.first ?? []
    alsoRequired = Array(runs.dropFirst())
    let expression = UnsafeMutablePointer<regex_t>.allocate(capacity: 1)
    expression.initialize(to: regex_t())
    let flags = REG_EXTENDED | REG_NEWLINE | (query.caseSensitive ? 0 : REG_ICASE)
    let code = regcomp(expression, query.pattern, flags)
    guard code == 0 else {
      var message = [CChar](repeating: 0, count: 256)
      regerror(code, expression, &message, message.count)
      expression.deallocate()
      let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      throw TextPatternError(description: "`\(query.pattern)` is not a POSIX extended regular expression: \(text)")
    }
    compiled = expression
  }

  deinit {
    if let compiled {
      regfree(compiled)
      compiled.deallocate()
    }
  }

  /// Lines (index, byte column of the first match) that match, in order, at most `limit`.
  func matchingLines(_ bytes: [UInt8], lines: [Range<Int>], limit: Int) -> [(Int, Int)] {
    var found: [(Int, Int)] = []
    if let compiled, required.count >= 2 {
      // Lines holding the required text, each given to regexec alone.
      var text: [CChar] = []
      for index in candidateLines(bytes, lines: lines) where found.count < limit {
        text.removeAll(keepingCapacity: true)
        text.append(contentsOf: bytes[lines[index]].lazy.map { CChar(bitPattern: $0) })
        text.append(0)
        var match = regmatch_t()
        if text.withUnsafeBufferPointer({ regexec(compiled, $0.baseAddress!, 1, &match, 0) }) == 0 {
          found.append((index, Int(match.rm_so)))
        }
      }
      return found
    }
    if let compiled {
      // The whole file in one search per match (REG_NEWLINE keeps `^`, `$` and `.` within lines): a call per
      // line cost five times grep. The text ends with a NUL for regexec; a NUL inside it ends the search there.
      var text = bytes
      text.append(0)
      return text.withUnsafeBytes { buffer in
        guard let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self) else { return [] }
        return Self.firstHitPerLine(lines: lines, count: bytes.count, limit: limit) { offset in
          var match = regmatch_t()
          return regexec(compiled, base + offset, 1, &match, 0) == 0 ? offset + Int(match.rm_so) : nil
        }
      }
    }
    guard !literal.isEmpty else { return [] }
    let haystack = caseSensitive ? bytes : Self.lowered(bytes)
    return haystack.withUnsafeBytes { hay in
      literal.withUnsafeBytes { needle in
        Self.firstHitPerLine(lines: lines, count: hay.count, limit: limit) { Self.find(needle, in: hay, from: $0) }
      }
    }
  }

  /// The lines that hold `required` and every run of `alsoRequired` (case-blind when the search is), in order.
  private func candidateLines(_ bytes: [UInt8], lines: [Range<Int>]) -> [Int] {
    let haystack = caseSensitive ? bytes : Self.lowered(bytes)
    return haystack.withUnsafeBytes { hay in
      required.withUnsafeBytes { needle in
        Self.firstHitPerLine(lines: lines, count: hay.count, limit: Int.max) { Self.find(needle, in: hay, from: $0) }
      }.map(\.line).filter { index in
        let lineBytes = UnsafeRawBufferPointer(rebasing: hay[lines[index].lowerBound..<lines[index].upperBound])
        return alsoRequired.allSatisfy { other in other.withUnsafeBytes { Self.find($0, in: lineBytes, from: 0) != nil } }
      }
    }
  }

  /// ASCII letters lowercased (a case-blind literal is lowercased alike).
  private static func lowered(_ bytes: [UInt8]) -> [UInt8] {
    var copy = bytes
    for i in copy.indices where copy[i] >= 65 && copy[i] <= 90 { copy[i] += 32 }
    return copy
  }

  /// The line and column of the first hit on each line, `next(offset)` giving the next hit at or after an
  /// offset: after a hit the search goes on from the next line (one entry per matching line).
  private static func firstHitPerLine(
    lines: [Range<Int>], count: Int, limit: Int, next: (Int) -> Int?
  ) -> [(line: Int, column: Int)] {
    var found: [(line: Int, column: Int)] = []
    var lineIndex = 0
    var offset = 0
    while offset < count && found.count < limit, let at = next(offset) {
      while lineIndex < lines.count && lines[lineIndex].upperBound < at { lineIndex += 1 }
      guard lineIndex < lines.count else { break }
      found.append((lineIndex, at - lines[lineIndex].lowerBound))
      offset = lines[lineIndex].upperBound + 1
      lineIndex += 1
    }
    return found
  }

  /// The longest run of plain characters every match of a POSIX extended expression must contain; "" when
  /// none can be told (alternation or groups, whose parts may be optional, or no plain run at all).
  static func requiredLiteral(_ pattern: String) -> String {
    requiredLiterals(pattern).max { $0.count < $1.count } ?? ""
  }

  /// Every run of two or more plain characters every match must contain, in pattern order; none for
  /// alternation or groups.
  static func requiredLiterals(_ pattern: String) -> [String] {
    let chars = Array(pattern)
    var runs: [String] = []
    var run = ""
    func end() {
      if run.count >= 2 { runs.append(run) }
      run = ""
    }
    var i = 0
    while i < chars.count {
      var c = chars[i]
      var isPlain = true
      var width = 1
      switch c {
      case "\\":
        guard i + 1 < chars.count else { return [] }
        let escaped = chars[i + 1]
        width = 2
        // \w, \s, \d, \b, \< … are classes or anchors; an escaped punctuation mark is itself.
        if escaped.isLetter || escaped.isNumber || escaped == "<" || escaped == ">" || escaped == "`" || escaped == "'" { isPlain = false } else { c = escaped }
      case "[":
        // A bracket expression: skip to its end (`]` first is a member).
        var k = i + 1
        if k < chars.count && chars[k] == "^" { k += 1 }
        if k < chars.count && chars[k] == "]" { k += 1 }
        while k < chars.count && chars[k] != "]" { k += 1 }
        width = k - i + 1
        isPlain = false
      case "|", "(", ")":
        return []  // alternation or a group: a part may be optional
      case "{":
        // A repetition count `{m,n}`: no text of its own.
        var k = i + 1
        while k < chars.count && chars[k] != "}" { k += 1 }
        width = k - i + 1
        isPlain = false
      case ".", "^", "$", "*", "+", "?", "}":
        isPlain = false
      default:
        break
      }
      let next = i + width < chars.count ? chars[i + width] : nil
      if !isPlain {
        end()
      } else if next == "*" || next == "?" || next == "{" {
        end()  // this character may be absent (or repeated a counted number of times)
      } else {
        run.append(c)
        if next == "+" { end() }  // present, then maybe repeated: the run stops after it
      }
      i += width
    }
    end()
    return runs
  }

  /// The first place at or after `start` where `needle` occurs: `memchr` for its first byte, then `memcmp`.
  static func find(_ needle: UnsafeRawBufferPointer, in hay: UnsafeRawBufferPointer, from start: Int) -> Int? {
    guard let first = needle.first, let base = hay.baseAddress, let pattern = needle.baseAddress else { return nil }
    var offset = start
    while offset + needle.count <= hay.count {
      guard let hit = memchr(base + offset, Int32(first), hay.count - offset - needle.count + 1) else { return nil }
      let at = base.distance(to: UnsafeRawPointer(hit))
      if memcmp(base + at, pattern, needle.count) == 0 { return at }
      offset = at + 1
    }
    return nil
  }
}
