import ArgumentParser

/// A size on the command line: `1048576`, `512K`, `1M`, `1MiB`, `2G`, `2GB` (binary units throughout).
struct ByteCount: ExpressibleByArgument, Sendable {
  var bytes: Int64

  init(bytes: Int64) { self.bytes = bytes }

  init?(argument: String) {
    var digits = Substring(argument.trimmingPrefixSpaces())
    var unit = Substring("")
    while let last = digits.last, !last.isNumber {
      unit.insert(last, at: unit.startIndex)
      digits.removeLast()
    }
    guard let value = Int64(digits), value >= 0 else { return nil }
    let multiplier: Int64
    switch unit.lowercased() {
    case "", "b": multiplier = 1
    case "k", "kb", "kib": multiplier = 1 << 10
    case "m", "mb", "mib": multiplier = 1 << 20
    case "g", "gb", "gib": multiplier = 1 << 30
    default: return nil
    }
    let (result, overflow) = value.multipliedReportingOverflow(by: multiplier)
    guard !overflow else { return nil }
    bytes = result
  }

  static var defaultCompletionKind: CompletionKind { .default }
}

extension String {
  fileprivate func trimmingPrefixSpaces() -> Substring { self.drop { $0 == " " } }
}
