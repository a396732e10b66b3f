/// A token of a C-family language: identifiers, literals, single-byte punctuation, and line ends
/// (Go's statements end there; the others ignore them).
struct CFamilyToken {
  enum Kind: Equatable {
    case name
    case literal
    case punct
    case newline
  }
  var kind: Kind
  var start: Int
  var end: Int
  var line: Int
  var column: Int
  var endLine: Int
  var endColumn: Int
}

/// Splits C-family source into tokens, skipping `//` and `/* */` comments and the insides of string and
/// character literals, so a keyword in a string or a comment never looks like a declaration. The rules the
/// languages do not share are options: Go's backquoted raw strings, Java's `"""` text blocks.
struct CFamilyTokenizer {
  var backquoteRawStrings = false
  var tripleQuoteTextBlocks = false
  /// Rust: `r#"..."#` raw strings, `'a` lifetimes (not character literals), nested `/* /* */ */`.
  var rustLiterals = false

  func tokenize(_ src: UnsafeBufferPointer<UInt8>) -> [CFamilyToken] {
    var tokens: [CFamilyToken] = []
    tokens.reserveCapacity(src.count / 4)
    var pos = 0
    var line = 1
    var lineStart = 0
    func emit(_ kind: CFamilyToken.Kind, _ start: Int, _ startLine: Int, _ startColumn: Int) {
      tokens.append(
        CFamilyToken(
          kind: kind, start: start, end: pos, line: startLine, column: startColumn, endLine: line,
          endColumn: pos - lineStart + 1))
    }
    func newline() {
      line += 1
      lineStart = pos
    }
    while pos < src.count {
      let b = src[pos]
      let start = pos
      let (startLine, startColumn) = (line, pos - lineStart + 1)
      switch b {
      case 0x0A:
        pos += 1
        emit(.newline, start, startLine, startColumn)
        newline()
      case 0x20, 0x09, 0x0D, 0x0C:
        pos += 1
      case UInt8(ascii: "/") where pos + 1 < src.count && src[pos + 1] == UInt8(ascii: "/"):
        while pos < src.count && src[pos] != 0x0A { pos += 1 }
      case UInt8(ascii: "/") where pos + 1 < src.count && src[pos + 1] == UInt8(ascii: "*"):
        pos += 2
        var sawNewline = false
        var nesting = 1
        while pos < src.count && nesting > 0 {
          if src[pos] == UInt8(ascii: "*") && pos + 1 < src.count && src[pos + 1] == UInt8(ascii: "/") {
            nesting -= 1
            pos += 2
          } else if rustLiterals && src[pos] == UInt8(ascii: "/") && pos + 1 < src.count && src[pos + 1] == UInt8(ascii: "*") {
            nesting += 1
            pos += 2
          } else if src[pos] == 0x0A {
            pos += 1
            newline()
            sawNewline = true
          } else {
            pos += 1
          }
        }
        // A block comment holding a line break ends the statement, as Go's lexer says.
        if sawNewline { emit(.newline, start, startLine, startColumn) }
      case UInt8(ascii: "\"") where tripleQuoteTextBlocks && pos + 2 < src.count && src[pos + 1] == b && src[pos + 2] == b:
        pos += 3
        while pos < src.count && !(src[pos] == b && pos + 2 < src.count && src[pos + 1] == b && src[pos + 2] == b) {
          if src[pos] == UInt8(ascii: "\\") {
            pos += 2
          } else if src[pos] == 0x0A {
            pos += 1
            newline()
          } else {
            pos += 1
          }
        }
        pos = min(pos + 3, src.count)
        emit(.literal, start, startLine, startColumn)
      case UInt8(ascii: "'") where rustLiterals && !Self.isCharLiteral(src, pos):
        // A lifetime or loop label ('a, 'static): a name, not the start of a literal.
        pos += 1
        while pos < src.count && isNameByte(src[pos]) { pos += 1 }
        emit(.name, start, startLine, startColumn)
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        pos += 1
        while pos < src.count && src[pos] != b && src[pos] != 0x0A {
          pos += src[pos] == UInt8(ascii: "\\") ? 2 : 1
        }
        pos = min(pos + 1, src.count)
        emit(.literal, start, startLine, startColumn)
      case UInt8(ascii: "`") where backquoteRawStrings:
        pos += 1
        while pos < src.count && src[pos] != UInt8(ascii: "`") {
          if src[pos] == 0x0A {
            pos += 1
            newline()
          } else {
            pos += 1
          }
        }
        pos = min(pos + 1, src.count)
        emit(.literal, start, startLine, startColumn)
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        while pos < src.count && (isNameByte(src[pos]) || src[pos] == UInt8(ascii: ".")) { pos += 1 }
        emit(.literal, start, startLine, startColumn)
      default:
        if isNameStart(b) {
          if rustLiterals, let end = Self.rustRawStringEnd(src, pos) {
            while pos < end {
              if src[pos] == 0x0A {
                pos += 1
                newline()
              } else {
                pos += 1
              }
            }
            emit(.literal, start, startLine, startColumn)
            continue
          }
          while pos < src.count && isNameByte(src[pos]) { pos += 1 }
          emit(.name, start, startLine, startColumn)
        } else {
          pos += 1
          emit(.punct, start, startLine, startColumn)
        }
      }
    }
    return tokens
  }

  /// `'x'`, `'\n'`, `'\u{1F600}'` are characters; `'a` in `&'a str` is a lifetime.
  private static func isCharLiteral(_ src: UnsafeBufferPointer<UInt8>, _ quote: Int) -> Bool {
    var k = quote + 1
    guard k < src.count else { return false }
    if src[k] == UInt8(ascii: "\\") { return true }
    // One UTF-8 scalar, then the closing quote.
    k += 1
    while k < src.count && src[k] & 0xC0 == 0x80 { k += 1 }
    return k < src.count && src[k] == UInt8(ascii: "'")
  }

  /// The end of a raw string `r"..."`, `r#"..."#`, `br##"..."##` starting at `start`, or nil if none starts there.
  private static func rustRawStringEnd(_ src: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
    var k = start
    if k < src.count && src[k] == UInt8(ascii: "b") { k += 1 }
    guard k < src.count, src[k] == UInt8(ascii: "r") else { return nil }
    k += 1
    var hashes = 0
    while k < src.count && src[k] == UInt8(ascii: "#") {
      hashes += 1
      k += 1
    }
    guard k < src.count, src[k] == UInt8(ascii: "\"") else { return nil }
    k += 1
    while k < src.count {
      if src[k] == UInt8(ascii: "\"") {
        var h = 0
        while h < hashes && k + 1 + h < src.count && src[k + 1 + h] == UInt8(ascii: "#") { h += 1 }
        if h == hashes { return k + 1 + hashes }
      }
      k += 1
    }
    return src.count
  }
}
