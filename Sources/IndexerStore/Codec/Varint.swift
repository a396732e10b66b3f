/// LEB128 varints with zigzag for signed deltas: small numbers (line deltas, lengths) take one byte.
package struct ByteWriter {
  package private(set) var bytes: [UInt8] = []

  package init() {}

  package mutating func varint(_ value: UInt64) {
    var v = value
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  package mutating func varint(_ value: Int) { varint(UInt64(max(value, 0))) }

  mutating func zigzag(_ value: Int) {
    let v = Int64(value)
    varint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
  }

  mutating func byte(_ value: UInt8) { bytes.append(value) }

  /// Bytes as they are, no length.
  package mutating func raw(_ value: some Sequence<UInt8>) { bytes.append(contentsOf: value) }

  package mutating func blob(_ value: [UInt8]) {
    varint(value.count)
    bytes.append(contentsOf: value)
  }

  package mutating func string(_ value: String) {
    var value = value
    value.withUTF8 { utf8 in
      varint(utf8.count)
      bytes.append(contentsOf: utf8)
    }
  }
}

/// Reads what `ByteWriter` wrote; every read checks bounds, since blobs come from disk.
/// A stored blob ended early or held a value out of range.
package struct OutlineDecodingError: Error {}

struct ByteReader {
  typealias Truncated = OutlineDecodingError

  private let bytes: [UInt8]
  private var offset = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  var isAtEnd: Bool { offset >= bytes.count }

  mutating func varint() throws(Truncated) -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard offset < bytes.count, shift < 64 else { throw Truncated() }
      let b = bytes[offset]
      offset += 1
      result |= UInt64(b & 0x7F) << shift
      if b < 0x80 { return result }
      shift += 7
    }
  }

  /// Steps over `count` varints without decoding them: a query passing other names' positions only needs
  /// to find where each number ends. A varint longer than `varint()` accepts is damage here too.
  mutating func skipVarints(_ count: Int) throws(Truncated) {
    var left = count
    var continued = 0
    while left > 0 {
      guard offset < bytes.count else { throw Truncated() }
      let b = bytes[offset]
      offset += 1
      if b < 0x80 {
        left -= 1
        continued = 0
      } else {
        continued += 1
        guard continued < 10 else { throw Truncated() }
      }
    }
  }

  mutating func int() throws(Truncated) -> Int {
    let v = try varint()
    guard v <= UInt64(Int.max) else { throw Truncated() }
    return Int(v)
  }

  mutating func zigzag() throws(Truncated) -> Int {
    let v = try varint()
    return Int(Int64(bitPattern: (v >> 1)) ^ -Int64(bitPattern: v & 1))
  }

  mutating func byte() throws(Truncated) -> UInt8 {
    guard offset < bytes.count else { throw Truncated() }
    defer { offset += 1 }
    return bytes[offset]
  }

  mutating func blob() throws(Truncated) -> [UInt8] {
    Array(bytes[try span()])
  }

  /// `base + delta`, refusing a sum that does not fit (a corrupt blob must throw, never trap).
  static func adding(_ base: Int, _ delta: Int) throws(Truncated) -> Int {
    let (sum, overflow) = base.addingReportingOverflow(delta)
    guard !overflow else { throw Truncated() }
    return sum
  }

  /// Reads a length-prefixed string and says whether its bytes are `expected`, without making a `String`.
  mutating func stringEquals(_ expected: [UInt8]) throws(Truncated) -> Bool {
    let span = try span()
    return span.count == expected.count && bytes[span].elementsEqual(expected)
  }

  /// Where a length-prefixed string lies, skipped over without reading it.
  mutating func span() throws(Truncated) -> Range<Int> {
    let n = try int()
    guard n <= bytes.count - offset else { throw Truncated() }
    defer { offset += n }
    return offset..<offset + n
  }

  mutating func string() throws(Truncated) -> String {
    String(decoding: bytes[try span()], as: UTF8.self)
  }
}
