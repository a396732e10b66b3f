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
  /// The bytes written are `storage[..<used]`; past them is room already in the array, so a write is a copy
  /// into it, not an `Array.append` (about 50 instructions each: a large header's outline makes a million).
  private var storage: [UInt8] = []
  private var used = 0

  init(capacity: Int = 4096) {
    storage = [UInt8](repeating: 0, count: max(capacity, 16))
  }

  /// Writes into `buffer`'s storage, keeping its capacity (see `response(id:result:reusing:)`). The room is
  /// the last reply's length, grown within the capacity as this one needs: zero-filling all of a kept 8 MB
  /// buffer would cost every small reply after a large one a millisecond.
  init(reusing buffer: inout [UInt8]) {
    swap(&storage, &buffer)
    if storage.count < 4096 { storage.append(contentsOf: repeatElement(0, count: 4096 - storage.count)) }
  }

  /// The storage cut to the bytes written.
  private mutating func finished() -> [UInt8] {
    storage.removeSubrange(used...)
    return storage
  }

  mutating func reserve(_ more: Int) { room(max(0, more)) }

  /// Room for `more` bytes past the written ones: the storage at least doubles, so growth is amortized.
  @inline(__always) private mutating func room(_ more: Int) {
    guard storage.count - used < more else { return }
    storage.append(contentsOf: repeatElement(0, count: max(storage.count, used + more - storage.count)))
  }

  @inline(__always) private mutating func write(_ source: UnsafeRawBufferPointer) {
    guard let from = source.baseAddress, !source.isEmpty else { return }
    room(source.count)
    let at = used
    storage.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: at).copyMemory(from: from, byteCount: source.count) }
    used += source.count
  }

  @inline(__always) mutating func byte(_ value: UInt8) {
    room(1)
    storage[used] = value
    used += 1
  }

  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { write(UnsafeRawBufferPointer($0)) }
  }

  /// Digits written straight into the buffer (no `String` per number: a large outline writes 150,000).
  mutating func int(_ value: Int) {
    guard value >= 0 else {
      var text = String(value)
      text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
      return
    }
    guard value >= 10 else {
      byte(UInt8(ascii: "0") + UInt8(value))
      return
    }
    var digits = 1
    var rest = value / 10
    while rest > 0 {
      digits += 1
      rest /= 10
    }
    room(digits)
    rest = value
    let end = used + digits
    storage.withUnsafeMutableBufferPointer { out in
      var at = end
      repeat {
        at -= 1
        out[at] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
      } while rest > 0 && at > 0
    }
    used = end
  }

  /// A JSON string, escaped as every front end escapes (`JSONObject.appendQuoted`).
  mutating func string(_ value: String) {
    var text = value
    text.withUTF8 { utf8 in
      guard JSONObject.needsNoEscape(utf8) else {
        var escaped: [UInt8] = []
        JSONObject.appendQuoted(value, to: &escaped)
        escaped.withUnsafeBytes { write($0) }
        return
      }
      room(utf8.count + 2)
      byte(UInt8(ascii: "\""))
      write(UnsafeRawBufferPointer(utf8))
      byte(UInt8(ascii: "\""))
    }
  }

  mutating func array<T: ResultJSON>(_ values: [T]) {
    // Room for the values up front: a large reply then grows its buffer a few times, not twenty.
    if values.count > 64 { reserve(values.count * 64) }
    byte(UInt8(ascii: "["))
    for (i, value) in values.enumerated() {
      if i > 0 { byte(UInt8(ascii: ",")) }
      value.write(to: &self)
    }
    byte(UInt8(ascii: "]"))
  }

  /// The reply written into `buffer`, whose storage the next reply reuses: a long-running server's large
  /// replies (a 5 MB outline) then fault in no fresh pages each time, with malloc's mmap threshold fixed for
  /// flat memory (`MemoryTrim`). A buffer past `keptCapacity` is let go after use.
  static func response(id: RequestID, result: (some ResultJSON)?, reusing buffer: inout [UInt8], send: ([UInt8]) -> Void) {
    var out = JSONBytes(reusing: &buffer)
    out.envelope(id: id, result: result)
    buffer = out.finished()
    send(buffer)
    if buffer.capacity > keptCapacity { buffer = [] }
  }

  /// The largest reply buffer kept between replies.
  static let keptCapacity = 16 << 20

  /// `{"jsonrpc":"2.0","id":ID,"result":RESULT}` with `null` for no result.
  static func response(id: RequestID, result: (some ResultJSON)?) -> [UInt8] {
    var out = JSONBytes()
    out.envelope(id: id, result: result)
    return out.finished()
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
