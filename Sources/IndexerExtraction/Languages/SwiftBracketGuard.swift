/// Keeps swift-syntax (602) out of its exponential case: each nested `[` doubles its parse time
/// (it tries a collection literal, then backtracks and tries a type), so 25 levels took 6.7 s in a
/// release build and 40 would take days. Brackets nested deeper than `maxDepth` (64x the work at most) are parsed as
/// parentheses instead: the same byte count, so every position is unchanged, and no declaration
/// lives that deep inside an expression. Strings and comments are skipped approximately; an error
/// only changes how a deeply nested expression is read, never a position.
///
/// Past `maxTotalDepth` levels of any bracket, brackets become spaces: swift-syntax's nesting limit bounds
/// its parser but not its lookahead (`canParseType` recurses once per `(` with no limit: 1,000 `(` after a
/// `[` overflowed the stack of a sanitizer build, and 100,000 would overflow any).
enum SwiftBracketGuard {
  static let maxDepth = 6
  static let maxTotalDepth = 100

  /// The source to parse: `source` itself unless it nests `[` deeper than `maxDepth` or any bracket deeper
  /// than `maxTotalDepth`.
  static func guarded(_ source: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    let bytes = SourceBytes(source)
    var depth = 0  // of `[` alone
    var stack: [(opener: UInt8, replacement: UInt8?)] = []
    var copy: [UInt8]?
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      switch b {
      case UInt8(ascii: "/") where bytes[i + 1] == UInt8(ascii: "/"):
        while i < bytes.count && bytes[i] != 0x0A { i += 1 }
      case UInt8(ascii: "/") where bytes[i + 1] == UInt8(ascii: "*"):
        i += 2
        var nesting = 1
        while i < bytes.count && nesting > 0 {
          if bytes[i] == UInt8(ascii: "*") && bytes[i + 1] == UInt8(ascii: "/") {
            nesting -= 1
            i += 1
          } else if bytes[i] == UInt8(ascii: "/") && bytes[i + 1] == UInt8(ascii: "*") {
            nesting += 1
            i += 1
          }
          i += 1
        }
        continue
      case UInt8(ascii: "\""):
        let triple = bytes[i + 1] == b && bytes[i + 2] == b
        i += triple ? 3 : 1
        while i < bytes.count {
          if bytes[i] == UInt8(ascii: "\\") {
            i += 2
            continue
          }
          if !triple && bytes[i] == 0x0A { break }
          if bytes[i] == b && (!triple || (bytes[i + 1] == b && bytes[i + 2] == b)) {
            i += triple ? 2 : 0
            break
          }
          i += 1
        }
      case UInt8(ascii: "["), UInt8(ascii: "("), UInt8(ascii: "{"):
        if b == UInt8(ascii: "[") { depth += 1 }
        let replacement: UInt8?
        if stack.count >= maxTotalDepth {
          replacement = 0x20
        } else if b == UInt8(ascii: "[") && depth > maxDepth {
          replacement = UInt8(ascii: "(")
        } else {
          replacement = nil
        }
        stack.append((b, replacement))
        if let replacement {
          if copy == nil { copy = Array(source) }
          copy?[i] = replacement
        }
      case UInt8(ascii: "]"), UInt8(ascii: ")"), UInt8(ascii: "}"):
        if let (opener, replacement) = stack.popLast() {
          if opener == UInt8(ascii: "[") { depth -= 1 }
          if let replacement {
            copy?[i] = replacement == 0x20 ? 0x20 : UInt8(ascii: ")")
          }
        }
      default:
        break
      }
      i += 1
    }
    return copy
  }
}
