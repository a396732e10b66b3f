import Glibc
import IndexerModel

/// Gathers identifier occurrences into `FileReferences`, interning names by their bytes so a name
/// seen a thousand times in a file costs one `String`.
struct ReferenceCollector {
  private let source: SourceBytes
  private var slots: [ByteSpan: Int] = [:]
  private var names: [String] = []
  private var positions: [[SourcePosition]] = []

  init(source: UnsafeBufferPointer<UInt8>) {
    self.source = SourceBytes(source)
  }

  /// Records the identifier in bytes `start..<end`, which begins at `line`:`column`.
  mutating func add(start: Int, end: Int, line: Int, column: Int) {
    let span = ByteSpan(bytes: source.span(start, end))
    let position = SourcePosition(line: line, column: column)
    if let slot = slots[span] {
      positions[slot].append(position)
    } else {
      slots[span] = names.count
      names.append(String(decoding: span.bytes, as: UTF8.self))
      positions.append([position])
    }
  }

  /// Whether bytes `start..<end` spell one of `words` (keywords are not references).
  func spells(_ start: Int, _ end: Int, oneOf words: Set<ByteSpan>) -> Bool {
    words.contains(ByteSpan(bytes: source.span(start, end)))
  }

  var references: FileReferences { FileReferences(names: names, positions: positions) }

  /// The references of a C-family token stream: every name that is not a keyword (nor a Rust lifetime).
  static func collect(_ tokens: [CFamilyToken], in source: UnsafeBufferPointer<UInt8>, keywords: Set<ByteSpan>) -> FileReferences {
    var collector = ReferenceCollector(source: source)
    let bytes = SourceBytes(source)
    for t in tokens where t.kind == .name && bytes[t.start] != UInt8(ascii: "'") {
      if collector.spells(t.start, t.end, oneOf: keywords) { continue }
      collector.add(start: t.start, end: t.end, line: t.line, column: t.column)
    }
    return collector.references
  }
}

/// A run of source bytes compared and hashed by content.
struct ByteSpan: Hashable, @unchecked Sendable {
  let bytes: UnsafeBufferPointer<UInt8>

  static func == (a: ByteSpan, b: ByteSpan) -> Bool {
    a.bytes.count == b.bytes.count && (a.bytes.count == 0 || memcmp(a.bytes.baseAddress!, b.bytes.baseAddress!, a.bytes.count) == 0)
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
  }
}
