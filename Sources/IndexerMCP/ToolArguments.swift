import MCP

/// A tool call's arguments, checked: every problem becomes a `ToolFailure` naming the argument and what
/// it accepts, which the client sees as a tool error (`isError`), never as a crash or a protocol error.
struct ToolArguments {
  let values: [String: Value]

  init(_ values: [String: Value]?) {
    self.values = values ?? [:]
  }

  func string(_ key: String) throws(ToolFailure) -> String? {
    guard let value = values[key], !value.isNull else { return nil }
    guard let text = value.stringValue else { throw ToolFailure("`\(key)` must be a string") }
    return text
  }

  func requiredString(_ key: String) throws(ToolFailure) -> String {
    guard let text = try string(key), !text.isEmpty else { throw ToolFailure("`\(key)` is required (a non-empty string)") }
    return text
  }

  func bool(_ key: String) throws(ToolFailure) -> Bool? {
    guard let value = values[key], !value.isNull else { return nil }
    guard let flag = value.boolValue else { throw ToolFailure("`\(key)` must be true or false") }
    return flag
  }

  /// The same arguments without `key` (one every tool takes, handled before the tool runs).
  func removing(_ key: String) -> ToolArguments {
    var values = self.values
    values[key] = nil
    return ToolArguments(values)
  }

  func integer(_ key: String, default fallback: Int, range: ClosedRange<Int>) throws(ToolFailure) -> Int {
    guard let value = values[key], !value.isNull else { return fallback }
    let number: Int?
    if let int = value.intValue {
      number = int
    } else if let double = value.doubleValue, double.rounded() == double, abs(double) < 1e15 {
      number = Int(double)
    } else {
      number = nil
    }
    guard let number, range.contains(number) else {
      throw ToolFailure("`\(key)` must be an integer from \(range.lowerBound) to \(range.upperBound)")
    }
    return number
  }

  /// One of `allowed` (the raw values of an enum), or nil when absent.
  func choice<T: RawRepresentable>(_ key: String, of type: T.Type, allowed: [T]) throws(ToolFailure) -> T? where T.RawValue == String {
    guard let text = try string(key) else { return nil }
    guard let value = T(rawValue: text), allowed.contains(where: { $0.rawValue == value.rawValue }) else {
      throw ToolFailure("`\(key)` must be one of: " + allowed.map(\.rawValue).joined(separator: ", "))
    }
    return value
  }

  /// Arguments the tool does not declare are refused, so a typo is not silently a no-op filter.
  func refuseUnknown(except known: [String]) throws(ToolFailure) {
    if let unknown = values.keys.sorted().first(where: { !known.contains($0) }) {
      throw ToolFailure("unknown argument `\(unknown)`; this tool takes: " + known.joined(separator: ", "))
    }
  }
}

/// A tool call that cannot be answered, with the one line the caller should read.
struct ToolFailure: Error {
  let message: String

  init(_ message: String) {
    self.message = message
  }
}
