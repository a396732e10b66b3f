#if canImport(Glibc)
  import Glibc
#endif
import IndexerModel

/// A workspace file's bytes with its line starts: the identifier under a cursor, a definition's text,
/// and column conversions for clients that count UTF-16 code units.
///
/// Read from disk, not from the index: the editor's cursor is on the file as it is now. Every position
/// comes from a client or an index that may be older than the file, so every access is bounds-checked
/// and answers nil (or clamps) instead of trapping.
public struct SourceText: Sendable {
  public let bytes: [UInt8]
  /// Byte offset where each line starts; line n (1-based) starts at `lineStarts[n - 1]`.
  private let lineStarts: [Int]

  /// Files larger than this are not read for navigation (the indexer's own default size limit is lower).
  public static let readLimit = 64 << 20

  public init(bytes: [UInt8]) {
    self.bytes = bytes
    var starts = [0]
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      // memchr finds each line break at memory speed; a byte loop was the largest cost of a workspace/symbol.
      while offset < buffer.count, let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), buffer.count - offset) {
        let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        starts.append(at + 1)
        offset = at + 1
      }
    }
    lineStarts = starts
  }

  /// The file at `root/path`, or nil when it cannot be read (gone, a folder, too large).
  public init?(root: String, path: String) {
    guard let bytes = Self.bytes(of: root + "/" + path, atMost: Self.readLimit) else { return nil }
    self.init(bytes: bytes)
  }

  /// A regular file's bytes, or nil when it cannot be read or is longer than `limit`.
  static func bytes(of file: String, atMost limit: Int) -> [UInt8]? {
    let fd = open(file, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size >= 0, info.st_size <= limit else { return nil }
    var data = [UInt8](repeating: 0, count: Int(info.st_size))
    var filled = 0
    while filled < data.count {
      let got = data.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
      if got < 0 && errno == EINTR { continue }
      guard got > 0 else { break }
      filled += got
    }
    if filled < data.count { data.removeSubrange(filled...) }
    return data
  }

  public var lineCount: Int { lineStarts.count }

  /// Each line's bytes without its `\n` (a `\r` kept, as grep keeps it); no empty line after a final break.
  var lineRanges: [Range<Int>] {
    var ranges: [Range<Int>] = []
    ranges.reserveCapacity(lineStarts.count)
    for (k, start) in lineStarts.enumerated() {
      let end = k + 1 < lineStarts.count ? lineStarts[k + 1] - 1 : bytes.count
      if k + 1 == lineStarts.count && start == bytes.count { break }
      ranges.append(start..<max(start, end))
    }
    return ranges
  }

  /// The bytes of a 1-based line without its line break; nil past the end.
  public func line(_ number: Int) -> ArraySlice<UInt8>? {
    guard number >= 1, number <= lineStarts.count else { return nil }
    let start = lineStarts[number - 1]
    var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return bytes[start..<max(start, end)]
  }

  /// The identifier that the 1-based byte column touches (on it, or just after its last byte, where an
  /// editor's cursor sits after typing it), with the column of its first byte.
  public func identifier(at position: SourcePosition) -> (name: String, start: SourcePosition)? {
    guard let line = line(position.line), position.column >= 1 else { return nil }
    let base = line.startIndex
    var cursor = base + position.column - 1
    if cursor > line.endIndex { return nil }
    if cursor == line.endIndex || !Self.isIdentifierByte(line[cursor]) {
      guard cursor > base, Self.isIdentifierByte(line[cursor - 1]) else { return nil }
      cursor -= 1
    }
    var start = cursor
    while start > base, Self.isIdentifierByte(line[start - 1]) { start -= 1 }
    var end = cursor + 1
    while end < line.endIndex, Self.isIdentifierByte(line[end]) { end += 1 }
    // A number is not a name.
    if line[start] >= UInt8(ascii: "0") && line[start] <= UInt8(ascii: "9") { return nil }
    return (String(decoding: line[start..<end], as: UTF8.self), SourcePosition(line: position.line, column: start - base + 1))
  }

  /// The text from `range.start` up to the end of `range.end`'s line (a definition's stored end is its
  /// last token's position, so the whole last line is included); nil when the range is not in the file.
  public func text(lines range: SourceRange) -> String? {
    guard range.start.line >= 1, range.start.line <= range.end.line, let first = line(range.start.line) else { return nil }
    let last = line(min(range.end.line, lineCount)) ?? first
    return String(decoding: bytes[first.startIndex..<max(first.startIndex, last.endIndex)], as: UTF8.self)
  }

  /// Where `name` is written as a whole identifier in a definition (the store keeps where the definition
  /// starts — `public final class X` starts at `public` — not where its name is); nil when the file no
  /// longer has it there. Looks at most `lineWindow` lines from the start.
  public func nameStart(_ name: String, in range: SourceRange, lineWindow: Int = 32) -> SourcePosition? {
    let target = Array(name.utf8)
    guard !target.isEmpty, range.start.line >= 1 else { return nil }
    let lastLine = min(range.end.line, range.start.line &+ lineWindow, lineCount)
    guard range.start.line <= lastLine else { return nil }
    for number in range.start.line...lastLine {
      guard let line = line(number) else { return nil }
      var i = number == range.start.line ? line.startIndex + min(max(0, range.start.column - 1), line.count) : line.startIndex
      while i < line.endIndex {
        guard Self.isIdentifierByte(line[i]) else {
          i += 1
          continue
        }
        var end = i + 1
        while end < line.endIndex, Self.isIdentifierByte(line[end]) { end += 1 }
        if end - i == target.count && line[i..<end].elementsEqual(target) { return SourcePosition(line: number, column: i - line.startIndex + 1) }
        i = end
      }
    }
    return nil
  }

  /// The position just past the last byte of a line (where a range ending on that line should end).
  public func endOfLine(_ number: Int) -> SourcePosition? {
    guard let line = line(number) else { return nil }
    return SourcePosition(line: number, column: line.count + 1)
  }

  // MARK: Columns for UTF-16 clients

  /// The 0-based UTF-16 offset of a 1-based byte column (LSP's default position encoding). A column
  /// inside a multi-byte character counts the character whole; past the line's end it clamps.
  public func utf16Offset(line number: Int, byteColumn: Int) -> Int {
    guard let line = line(number) else { return max(0, byteColumn - 1) }
    let limit = min(max(0, byteColumn - 1), line.count)
    var units = 0
    var index = line.startIndex
    let end = line.startIndex + limit
    while index < end {
      let byte = line[index]
      let width = Self.sequenceLength(byte)
      units += width == 4 ? 2 : 1
      index += width
    }
    return units
  }

  /// The 1-based byte column of a 0-based UTF-16 offset (the inverse, clamped to the line).
  public func byteColumn(line number: Int, utf16Offset: Int) -> Int {
    guard let line = line(number) else { return max(0, utf16Offset) + 1 }
    var units = 0
    var index = line.startIndex
    while index < line.endIndex, units < utf16Offset {
      let width = Self.sequenceLength(line[index])
      units += width == 4 ? 2 : 1
      index += width
    }
    return min(index, line.endIndex) - line.startIndex + 1
  }

  /// Bytes of the UTF-8 sequence a lead byte starts (1 for ASCII, stray continuation or invalid bytes).
  private static func sequenceLength(_ lead: UInt8) -> Int {
    switch lead {
    case 0xC0..<0xE0: 2
    case 0xE0..<0xF0: 3
    case 0xF0..<0xF8: 4
    default: 1
    }
  }

  /// Letters, digits, `_`, `$` and every byte of a non-ASCII character (Swift and Java allow them in names).
  static func isIdentifierByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
      UInt8(ascii: "_"), UInt8(ascii: "$"):
      true
    default: byte >= 0x80
    }
  }
}
