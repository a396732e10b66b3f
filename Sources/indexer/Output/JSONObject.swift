/// A JSON object written by hand, so field order is stable and output costs no encoder.
struct JSONObject {
  private var fields: [String] = []

  mutating func add(_ key: String, _ value: String?) {
    fields.append(Self.quote(key) + ":" + (value.map(Self.quote) ?? "null"))
  }

  mutating func add(_ key: String, _ value: Int) { fields.append(Self.quote(key) + ":" + String(value)) }
  mutating func add(_ key: String, _ value: Int64) { fields.append(Self.quote(key) + ":" + String(value)) }
  mutating func add(_ key: String, _ value: Bool) { fields.append(Self.quote(key) + ":" + (value ? "true" : "false")) }

  mutating func add(_ key: String, _ value: Double) {
    fields.append(Self.quote(key) + ":" + (value.isFinite ? String(value) : "null"))
  }

  /// Replaces the value of a field added earlier (or adds it), keeping its place.
  mutating func set(_ key: String, _ value: String) {
    let prefix = Self.quote(key) + ":"
    let field = prefix + Self.quote(value)
    if let i = fields.firstIndex(where: { $0.hasPrefix(prefix) }) { fields[i] = field } else { fields.append(field) }
  }

  /// Adds an already-encoded JSON value (an object or array).
  mutating func add(_ key: String, raw: String) { fields.append(Self.quote(key) + ":" + raw) }

  var text: String { "{" + fields.joined(separator: ",") + "}" }

  static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

  static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
