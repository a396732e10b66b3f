import IndexerModel

/// Gathers identifier occurrences into `FileReferences`, interning names by their bytes so a name
/// seen a thousand times in a file costs one `String`.
///
/// The table of names starts as a copy of the language's keywords, so one lookup per identifier answers
/// both "is it a keyword?" and "which name is it?". Occurrences go into one flat list and are grouped by
/// name once at the end: appending to a list per name paid a uniqueness check and regrowth per occurrence.
struct ReferenceCollector {
  private let source: SourceBytes
  private var slots: SpanTable
  /// Values below this in `slots` are keywords; a name's value is `firstName` plus its index in `names`.
  private let firstName: Int32
  private var names: [String] = []
  private var occurrences: [Occurrence] = []

  private struct Occurrence {
    var name: Int32
    var line: Int32
    var column: Int32
  }

  init(source: UnsafeBufferPointer<UInt8>, keywords: SpanTable = SpanTable()) {
    self.source = SourceBytes(source)
    slots = keywords
    // About one distinct name per 64 bytes of source in C and Python files: sized once, the table rarely grows.
    slots.reserve(keywords.count + source.count / 64)
    firstName = keywords.valueLimit
    occurrences.reserveCapacity(source.count / 16)
  }

  /// Records the identifier in bytes `start..<end`, which begins at `line`:`column`, unless it is a keyword.
  mutating func add(start: Int, end: Int, line: Int, column: Int) {
    let bytes = source.span(start, end)
    let hash = SpanTable.hash(bytes)
    let name: Int32
    if let value = slots.value(of: bytes, hash: hash) {
      guard value >= firstName else { return }
      name = value - firstName
    } else {
      name = Int32(truncatingIfNeeded: names.count)
      slots.insert(bytes, hash: hash, value: firstName &+ name)
      names.append(String(decoding: bytes, as: UTF8.self))
    }
    occurrences.append(Occurrence(name: name, line: Int32(clamping: line), column: Int32(clamping: column)))
  }

  /// Each name's positions in the order they were added.
  var references: FileReferences {
    var counts = [Int](repeating: 0, count: names.count)
    for o in occurrences { counts[Int(o.name)] += 1 }
    var starts = [Int](repeating: 0, count: names.count + 1)
    for i in counts.indices { starts[i + 1] = starts[i] + counts[i] }
    var next = starts
    var grouped = [SourcePosition](repeating: SourcePosition(line: 0, column: 0), count: occurrences.count)
    for o in occurrences {
      let n = Int(o.name)
      grouped[next[n]] = SourcePosition(line: Int(o.line), column: Int(o.column))
      next[n] += 1
    }
    let positions = names.indices.map { Array(grouped[starts[$0]..<starts[$0 + 1]]) }
    return FileReferences(names: names, positions: positions)
  }

  /// The references of a C-family token stream: every name that is not a keyword (nor a Rust lifetime).
  static func collect(_ tokens: [CFamilyToken], in source: UnsafeBufferPointer<UInt8>, keywords: SpanTable) -> FileReferences {
    var collector = ReferenceCollector(source: source, keywords: keywords)
    let bytes = SourceBytes(source)
    for t in tokens where t.kind == .name && bytes[t.start] != UInt8(ascii: "'") {
      collector.add(start: t.start, end: t.end, line: t.line, column: t.column)
    }
    return collector.references
  }
}
