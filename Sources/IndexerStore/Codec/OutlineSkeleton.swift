import IndexerModel

/// A stored outline read for placing references: each symbol's range, parent and where its strings lie,
/// without making a `String` or a `Symbol` for any of them until one is printed. `query refs` reads the
/// outline of every file a name occurs in, and building every symbol of every such file cost more than
/// the rest of the query.
package struct OutlineSkeleton {
  package struct Entry {
    package var kind: SymbolKind
    var flags: UInt8
    package var parent: Int
    var name: Range<Int>
    var signature: Range<Int>
    /// The container written out when it differs from the one the tree implies.
    var container: Range<Int>?
    package var range: SourceRange
  }

  let language: Language
  private let bytes: [UInt8]
  package private(set) var entries: [Entry] = []

  /// Reads the layout `OutlineCodec.encode` writes; every read is bounds-checked, since blobs come from disk.
  package init(_ bytes: [UInt8], language: Language) throws(OutlineDecodingError) {
    self.bytes = bytes
    self.language = language
    var r = ByteReader(bytes)
    guard try r.byte() == OutlineCodec.version else { throw OutlineDecodingError() }
    let count = try r.int()
    // Each symbol takes at least eight bytes: a larger count is a corrupt blob, not a reason to loop.
    guard count <= bytes.count else { throw OutlineDecodingError() }
    entries.reserveCapacity(count)
    var previousLine = 0
    for i in 0..<count {
      guard let kind = SymbolKind(code: try r.byte()) else { throw OutlineDecodingError() }
      let flags = try r.byte()
      let distance = try r.int()
      guard distance <= i else { throw OutlineDecodingError() }
      let name = try r.span()
      let line = try ByteReader.adding(previousLine, try r.zigzag())
      let column = try r.int()
      let endLine = try ByteReader.adding(line, try r.int())
      let endColumn = try r.int()
      let signature = try r.span()
      let container = flags & 0x80 != 0 ? try r.span() : nil
      entries.append(
        Entry(
          kind: kind, flags: flags & 0x7F, parent: distance == 0 ? -1 : i - distance, name: name, signature: signature,
          container: container,
          range: SourceRange(start: SourcePosition(line: line, column: column), end: SourcePosition(line: endLine, column: endColumn))))
      previousLine = line
    }
  }

  package func nameEquals(_ i: Int, _ expected: [UInt8]) -> Bool {
    let span = entries[i].name
    return span.count == expected.count && bytes[span].elementsEqual(expected)
  }

  /// The container of symbol `i`, as the full decoder computes it; `qualified` caches names by index.
  package func container(_ i: Int, _ qualified: inout [Int: String]) -> String {
    if let span = entries[i].container { return text(span) }
    let parent = entries[i].parent
    return parent >= 0 ? qualifiedName(parent, &qualified) : ""
  }

  /// Walks up to the nearest symbol whose name is known (cached, at file level, or with a written container)
  /// and back down: a loop, not a recursion, since a blob from disk may chain any number of parents.
  package func qualifiedName(_ i: Int, _ qualified: inout [Int: String]) -> String {
    var chain: [Int] = []
    var k = i
    var prefix = ""
    while true {
      if let known = qualified[k] {
        prefix = known
        break
      }
      chain.append(k)
      if let span = entries[k].container {
        prefix = text(span)
        break
      }
      let parent = entries[k].parent  // always before k: the decoder checked the distance
      if parent < 0 { break }
      k = parent
    }
    for index in chain.reversed() {
      let name = text(entries[index].name)
      prefix = prefix.isEmpty ? name : prefix + language.scopeSeparator + name
      qualified[index] = prefix
    }
    return prefix  // chain[0] is `i`, or `i` was cached
  }

  /// Symbol `i` whole, as `OutlineCodec.decode` would give it.
  package func symbol(_ i: Int, _ qualified: inout [Int: String]) -> Symbol {
    let entry = entries[i]
    var symbol = Symbol(
      name: text(entry.name), kind: entry.kind, container: container(i, &qualified), range: entry.range, signature: text(entry.signature))
    OutlineCodec.applyFlags(entry.flags, to: &symbol)
    return symbol
  }

  private func text(_ span: Range<Int>) -> String {
    String(decoding: bytes[span], as: UTF8.self)
  }
}
