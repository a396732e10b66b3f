import IndexerModel

/// Gathers identifier occurrences into `FileReferences`, interning names by their bytes so a name
/// seen a thousand times in a file costs one `String`.
struct ReferenceCollector {
  private let source: SourceBytes
  private var slots = SpanTable()
  private var names: [String] = []
  private var positions: [[SourcePosition]] = []

  init(source: UnsafeBufferPointer<UInt8>) {
    self.source = SourceBytes(source)
  }

  /// Records the identifier in bytes `start..<end`, which begins at `line`:`column`.
  mutating func add(start: Int, end: Int, line: Int, column: Int) {
    let bytes = source.span(start, end)
    add(bytes, hash: SpanTable.hash(bytes), line: line, column: column)
  }

  /// Records the identifier unless its bytes spell one of `keywords`; the bytes are hashed once for both.
  mutating func add(start: Int, end: Int, line: Int, column: Int, unlessOneOf keywords: SpanTable) {
    let bytes = source.span(start, end)
    let hash = SpanTable.hash(bytes)
    if keywords.value(of: bytes, hash: hash) != nil { return }
    add(bytes, hash: hash, line: line, column: column)
  }

  private mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, line: Int, column: Int) {
    let position = SourcePosition(line: line, column: column)
    if let slot = slots.value(of: bytes, hash: hash) {
      positions[Int(slot)].append(position)
    } else {
      slots.insert(bytes, hash: hash, value: Int32(truncatingIfNeeded: names.count))
      names.append(String(decoding: bytes, as: UTF8.self))
      positions.append([position])
    }
  }

  var references: FileReferences { FileReferences(names: names, positions: positions) }

  /// The references of a C-family token stream: every name that is not a keyword (nor a Rust lifetime).
  static func collect(_ tokens: [CFamilyToken], in source: UnsafeBufferPointer<UInt8>, keywords: SpanTable) -> FileReferences {
    var collector = ReferenceCollector(source: source)
    let bytes = SourceBytes(source)
    for t in tokens where t.kind == .name && bytes[t.start] != UInt8(ascii: "'") {
      collector.add(start: t.start, end: t.end, line: t.line, column: t.column, unlessOneOf: keywords)
    }
    return collector.references
  }
}
