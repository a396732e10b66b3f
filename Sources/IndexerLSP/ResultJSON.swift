import IndexerModel
import IndexerQuery

/// The replies that carry many values (locations, symbols, outlines) written straight to JSON bytes.
///
/// Foundation's JSONEncoder built a tree of boxed values for every reply and was 40 % of the server's time
/// (2,821 locations of a common name took 75 ms); these types write themselves in one pass instead. The
/// field names are LSP's; `ResultJSONTests` checks the bytes decode to what JSONEncoder would have made.
protocol ResultJSON {
  func write(to out: inout JSONBytes)
}

struct JSONBytes {
  private(set) var bytes: [UInt8] = []

  init(capacity: Int = 4096) {
    bytes.reserveCapacity(capacity)
  }

  /// Writes into `buffer`'s storage, emptied but keeping its capacity (see `response(id:result:reusing:)`).
  init(reusing buffer: inout [UInt8]) {
    buffer.removeAll(keepingCapacity: true)
    swap(&bytes, &buffer)
  }

  mutating func reserve(_ more: Int) { bytes.reserveCapacity(bytes.count + max(0, more)) }

  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// Digits written straight into the buffer (no `String` per number: a large outline writes 150,000).
  mutating func int(_ value: Int) {
    guard value >= 0 else {
      bytes.append(contentsOf: String(value).utf8)
      return
    }
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var count = 0
      var rest = value
      repeat {
        digits[count] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
        count += 1
      } while rest > 0
      for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(digits[i]) }
    }
  }

  /// A JSON string, escaped as every front end escapes (`JSONObject.appendQuoted`).
  mutating func string(_ value: String) {
    JSONObject.appendQuoted(value, to: &bytes)
  }

  mutating func array<T: ResultJSON>(_ values: [T]) {
    // Room for the values up front: a large reply then grows its buffer a few times, not twenty.
    if values.count > 64 { bytes.reserveCapacity(bytes.count + values.count * 64) }
    bytes.append(UInt8(ascii: "["))
    for (i, value) in values.enumerated() {
      if i > 0 { bytes.append(UInt8(ascii: ",")) }
      value.write(to: &self)
    }
    bytes.append(UInt8(ascii: "]"))
  }

  /// The reply written into `buffer`, whose storage the next reply reuses: a long-running server's large
  /// replies (a 5 MB outline) then fault in no fresh pages each time, with malloc's mmap threshold fixed for
  /// flat memory (`MemoryTrim`). A buffer past `keptCapacity` is let go after use.
  static func response(id: RequestID, result: (some ResultJSON)?, reusing buffer: inout [UInt8], send: ([UInt8]) -> Void) {
    var out = JSONBytes(reusing: &buffer)
    out.envelope(id: id, result: result)
    send(out.bytes)
    swap(&out.bytes, &buffer)
    if buffer.capacity > keptCapacity { buffer = [] }
  }

  /// The largest reply buffer kept between replies.
  static let keptCapacity = 16 << 20

  /// `{"jsonrpc":"2.0","id":ID,"result":RESULT}` with `null` for no result.
  static func response(id: RequestID, result: (some ResultJSON)?) -> [UInt8] {
    var out = JSONBytes()
    out.envelope(id: id, result: result)
    return out.bytes
  }

  private mutating func envelope(id: RequestID, result: (some ResultJSON)?) {
    raw(#"{"jsonrpc":"2.0","id":"#)
    switch id {
    case .number(let n): int(n)
    case .string(let s): string(s)
    }
    raw(#","result":"#)
    if let result { result.write(to: &self) } else { raw("null") }
    raw("}")
  }
}

extension Array: ResultJSON where Element: ResultJSON {
  func write(to out: inout JSONBytes) { out.array(self) }
}

extension Position: ResultJSON {
  func write(to out: inout JSONBytes) {
    out.raw(#"{"line":"#)
    out.int(line)
    out.raw(#","character":"#)
    out.int(character)
    out.raw("}")
  }
}

extension TextRange: ResultJSON {
  func write(to out: inout JSONBytes) {
    out.raw(#"{"start":"#)
    start.write(to: &out)
    out.raw(#","end":"#)
    end.write(to: &out)
    out.raw("}")
  }
}

extension Location: ResultJSON {
  func write(to out: inout JSONBytes) {
    out.raw(#"{"uri":"#)
    out.string(uri)
    out.raw(#","range":"#)
    range.write(to: &out)
    out.raw("}")
  }
}

extension SymbolInformation: ResultJSON {
  func write(to out: inout JSONBytes) {
    out.raw(#"{"name":"#)
    out.string(name)
    out.raw(#","kind":"#)
    out.int(kind)
    out.raw(#","location":"#)
    location.write(to: &out)
    if let containerName {
      out.raw(#","containerName":"#)
      out.string(containerName)
    }
    out.raw("}")
  }
}

extension DocumentSymbol: ResultJSON {
  /// Recursion depth is the outline's, capped by `FileIndex.tree`.
  func write(to out: inout JSONBytes) {
    Self.writeOpening(name: name, detail: detail, kind: kind, range: range, selectionRange: selectionRange, to: &out)
    out.array(children)
    out.raw("}")
  }

  /// Every field up to `"children":`, for this type and for `DocumentOutline`, which writes the same objects.
  static func writeOpening(
    name: String, detail: String?, kind: Int, range: TextRange, selectionRange: TextRange, to out: inout JSONBytes
  ) {
    out.raw(#"{"name":"#)
    out.string(name)
    if let detail {
      out.raw(#","detail":"#)
      out.string(detail)
    }
    out.raw(#","kind":"#)
    out.int(kind)
    out.raw(#","range":"#)
    range.write(to: &out)
    out.raw(#","selectionRange":"#)
    selectionRange.write(to: &out)
    out.raw(#","children":"#)
  }
}

/// `textDocument/documentSymbol`'s answer, written from the outline's flat symbols and their nesting: the same
/// bytes as `[DocumentSymbol]` (ResultJSONTests), without building a node and an array per definition first —
/// a large header's 18,000 made that half the request.
struct DocumentOutline: ResultJSON {
  /// Nesting is capped here by `FileIndex.shape`, so writing children recursively is bounded.
  static let maximumDepth = 48

  let symbols: [Symbol]
  let roots: [Int]
  let children: [[Int]]
  let ranges: [(range: TextRange, selection: TextRange)]

  func write(to out: inout JSONBytes) {
    out.reserve(symbols.count * 320)
    write(roots, to: &out, depth: 0)
  }

  private func write(_ indexes: [Int], to out: inout JSONBytes, depth: Int) {
    out.raw("[")
    var first = true
    for i in indexes where i >= 0 && i < symbols.count && i < ranges.count {
      if !first { out.raw(",") }
      first = false
      let symbol = symbols[i]
      DocumentSymbol.writeOpening(
        name: symbol.name, detail: symbol.signature.isEmpty ? nil : symbol.signature, kind: symbol.kind.lspKind,
        range: ranges[i].range, selectionRange: ranges[i].selection, to: &out)
      write(i < children.count && depth < Self.maximumDepth ? children[i] : [], to: &out, depth: depth + 1)
      out.raw("}")
    }
    out.raw("]")
  }
}

extension DocumentHighlight: ResultJSON {
  func write(to out: inout JSONBytes) {
    out.raw(#"{"range":"#)
    range.write(to: &out)
    out.raw(#","kind":1}"#)
  }
}

extension Hover: ResultJSON {
  func write(to out: inout JSONBytes) {
    out.raw(#"{"contents":{"kind":"#)
    out.string(contents.kind)
    out.raw(#","value":"#)
    out.string(contents.value)
    out.raw("}")
    if let range {
      out.raw(#","range":"#)
      range.write(to: &out)
    }
    out.raw("}")
  }
}
