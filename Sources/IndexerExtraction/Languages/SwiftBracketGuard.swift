/// Keeps swift-syntax (602) out of its exponential case: each nested `[` doubles its parse time
/// (it tries a collection literal, then backtracks and tries a type), so 25 levels took 6.7 s in a
/// release build and 40 would take days. Brackets nested deeper than `maxDepth` (64x the work at most) are parsed as
/// parentheses instead: the same byte count, so every position is unchanged, and no declaration
/// lives that deep inside an expression. Strings and comments are skipped approximately; an error
/// only changes how a deeply nested expression is read, never a position.
enum SwiftBracketGuard {
  static let maxDepth = 6

  /// The source to parse: `source` itself unless it nests `[` deeper than `maxDepth`.
  static func guarded(_ source: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    let bytes = SourceBytes(source)
    var depth = 0
    var replaced: [Bool] = []
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
      case UInt8(ascii: "["):
        depth += 1
        let deep = depth > maxDepth
        replaced.append(deep)
        if deep {
          if copy == nil { copy = Array(source) }
          copy?[i] = UInt8(ascii: "(")
        }
      case UInt8(ascii: "]"):
        if let wasReplaced = replaced.popLast() {
          depth -= 1
          if wasReplaced { copy?[i] = UInt8(ascii: ")") }
        }
      default:
        break
      }
      i += 1
    }
    return copy
  }
}
