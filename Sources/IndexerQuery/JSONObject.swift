/// One JSON object, written field by field into one byte buffer in the order the fields are added; and
/// the one JSON string escape every front end writes with (the CLI's `--json`, LSP responses).
///
/// Bytes rather than a `String` per field joined at the end: `query refs --json` writes one object per
/// occurrence (thousands for a common name), and building each out of small strings took as long as the
/// query itself.
public struct JSONObject {
  private var bytes: [UInt8] = [UInt8(ascii: "{")]
  /// Where each field's `"key":value` lies in `bytes`, for `set`.
  private var fields: [(key: String, range: Range<Int>)] = []

  public init() {}

  public mutating func add(_ key: String, _ value: String?) {
    field(key) { out in
      if let value { Self.appendQuoted(value, to: &out) } else { out += "null".utf8 }
    }
  }

  public mutating func add(_ key: String, _ value: Int) { field(key) { $0 += String(value).utf8 } }
  public mutating func add(_ key: String, _ value: Int64) { field(key) { $0 += String(value).utf8 } }
  public mutating func add(_ key: String, _ value: Bool) { field(key) { $0 += (value ? "true" : "false").utf8 } }

  public mutating func add(_ key: String, _ value: Double) {
    field(key) { $0 += (value.isFinite ? String(value) : "null").utf8 }
  }

  /// Replaces the value of a field added earlier (or adds it), keeping its place.
  public mutating func set(_ key: String, _ value: String) {
    guard let i = fields.firstIndex(where: { $0.key == key }) else { return add(key, value) }
    var replacement: [UInt8] = []
    Self.appendQuoted(key, to: &replacement)
    replacement.append(UInt8(ascii: ":"))
    Self.appendQuoted(value, to: &replacement)
    let old = fields[i].range
    bytes.replaceSubrange(old, with: replacement)
    let shift = replacement.count - old.count
    fields[i].range = old.lowerBound..<old.lowerBound + replacement.count
    for k in fields.indices where k > i {
      fields[k].range = fields[k].range.lowerBound + shift..<fields[k].range.upperBound + shift
    }
  }

  /// Adds an already-encoded JSON value (an object or array).
  public mutating func add(_ key: String, raw: String) { field(key) { $0 += raw.utf8 } }

  public var text: String { String(decoding: bytes + [UInt8(ascii: "}")], as: UTF8.self) }

  private mutating func field(_ key: String, _ value: (inout [UInt8]) -> Void) {
    if !fields.isEmpty { bytes.append(UInt8(ascii: ",")) }
    let start = bytes.count
    Self.appendQuoted(key, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    value(&bytes)
    fields.append((key, start..<bytes.count))
  }

  public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

  public static func quote(_ s: String) -> String {
    var out: [UInt8] = []
    appendQuoted(s, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// `s` as a JSON string. Most values (names, paths, kinds) need no escape and are copied whole.
  public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    // Scanned and copied as one contiguous buffer: a 5 MB outline reply is mostly names that need no escape.
    var text = s
    text.withUTF8 { bytes in
      if needsNoEscape(bytes) {
        out.append(contentsOf: bytes)
      } else {
        appendEscaped(bytes, to: &out)
      }
    }
    out.append(UInt8(ascii: "\""))
  }

  /// Whether UTF-8 text goes into a JSON string as it is: no control byte, quote or backslash.
  public static func needsNoEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
  }

  private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
      for byte in bytes {
        switch byte {
        case UInt8(ascii: "\""): out += #"\""#.utf8
        case UInt8(ascii: "\\"): out += #"\\"#.utf8
        case UInt8(ascii: "\n"): out += #"\n"#.utf8
        case UInt8(ascii: "\r"): out += #"\r"#.utf8
        case UInt8(ascii: "\t"): out += #"\t"#.utf8
        case 0..<0x20:
          let hex = String(byte, radix: 16)
          out += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
        default: out.append(byte)
        }
      }
  }
}
