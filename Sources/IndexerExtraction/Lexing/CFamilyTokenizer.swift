/// A token of a C-family language: identifiers, literals, single-byte punctuation, and line ends
/// (Go's statements end there; the others ignore them).
struct CFamilyToken {
  enum Kind: Equatable {
    case name
    case literal
    case punct
    case newline
    /// Past the last token: what `TokenList` answers for any index outside the file.
    case end
  }
  let kind: Kind
  // Stored as 32-bit: readers walk these arrays several times per file, and at 28 bytes a token instead of
  // 56 the passes touch half the memory. The tokenizer refuses inputs past Int32's range.
  private let storedStart, storedEnd, storedLine, storedColumn, storedEndLine, storedEndColumn: Int32
  var start: Int { Int(storedStart) }
  var end: Int { Int(storedEnd) }
  var line: Int { Int(storedLine) }
  var column: Int { Int(storedColumn) }
  var endLine: Int { Int(storedEndLine) }
  var endColumn: Int { Int(storedEndColumn) }

  init(kind: Kind, start: Int, end: Int, line: Int, column: Int, endLine: Int, endColumn: Int) {
    self.kind = kind
    storedStart = Int32(truncatingIfNeeded: start)
    storedEnd = Int32(truncatingIfNeeded: end)
    storedLine = Int32(truncatingIfNeeded: line)
    storedColumn = Int32(truncatingIfNeeded: column)
    storedEndLine = Int32(truncatingIfNeeded: endLine)
    storedEndColumn = Int32(truncatingIfNeeded: endColumn)
  }
}

/// Splits C-family source into tokens, skipping `//` and `/* */` comments and the insides of string and
/// character literals, so a keyword in a string or a comment never looks like a declaration. The rules the
/// languages do not share are options: Go's backquoted raw strings, Java's `"""` text blocks.
struct CFamilyTokenizer {
  var backquoteRawStrings = false
  var tripleQuoteTextBlocks = false
  /// Rust: `r#"..."#` raw strings, `'a` lifetimes (not character literals), nested `/* /* */ */`.
  var rustLiterals = false
  /// JavaScript/TypeScript: `template ${literals}` (nesting) and `/regex/` literals where an operand may start.
  var javascriptLiterals = false
  /// Java, JavaScript, TypeScript: `$` is a letter (`$x`, `function $()`, `class A$B`).
  var dollarInNames = false

  func tokenize(_ buffer: UnsafeBufferPointer<UInt8>) -> [CFamilyToken] {
    // Positions are stored in 32 bits; no file within the workspace limits comes near 2 GiB.
    guard buffer.count < Int(Int32.max) else { return [] }
    let src = SourceBytes(buffer)
    var tokens: [CFamilyToken] = []
    tokens.reserveCapacity(src.count / 4)
    var pos = 0
    var line = 1
    var lineStart = 0
    func emit(_ kind: CFamilyToken.Kind, _ start: Int, _ startLine: Int, _ startColumn: Int) {
      // An escape or a closing delimiter may step past the last byte: a token never ends beyond the input.
      pos = min(pos, src.count)
      tokens.append(
        CFamilyToken(
          kind: kind, start: start, end: pos, line: startLine, column: startColumn, endLine: line,
          endColumn: pos - lineStart + 1))
    }
    func newline() {
      line += 1
      lineStart = pos
    }
    // JavaScript templates: the brace depth at which each open `${` substitution was entered, innermost last.
    var braceDepth = 0
    var substitutions: [Int] = []
    /// A backslash and what it escapes; an escaped line break (C's continued string) still counts as a line.
    func skipEscape() {
      pos += 1
      guard pos < src.count else { return }
      if src[pos] == 0x0D && pos + 1 < src.count && src[pos + 1] == 0x0A { pos += 1 }
      let escapedNewline = src[pos] == 0x0A
      pos += 1
      if escapedNewline { newline() }
    }
    /// One step through a string body: an escape whole, a line break counted, any other byte.
    func stepInsideLiteral() {
      if src[pos] == UInt8(ascii: "\\") {
        skipEscape()
      } else if src[pos] == 0x0A {
        pos += 1
        newline()
      } else {
        pos += 1
      }
    }
    while pos < src.count {
      let b = src[pos]
      let start = pos
      let (startLine, startColumn) = (line, pos - lineStart + 1)
      // The commonest bytes first: indentation runs, then names (Rust's `r#`/`r"` forms go below).
      if b == 0x20 || b == 0x09 {
        pos += 1
        while pos < src.count && (src[pos] == 0x20 || src[pos] == 0x09) { pos += 1 }
        continue
      }
      if !rustLiterals && isNameStart(b) {
        pos += 1
        if dollarInNames {
          while pos < src.count && (isNameByte(src[pos]) || src[pos] == UInt8(ascii: "$")) { pos += 1 }
        } else {
          while pos < src.count && isNameByte(src[pos]) { pos += 1 }
        }
        emit(.name, start, startLine, startColumn)
        continue
      }
      switch b {
      case 0x0A:
        pos += 1
        emit(.newline, start, startLine, startColumn)
        newline()
      case 0x0D, 0x0C:  // spaces and tabs were taken above
        pos += 1
      case UInt8(ascii: "/") where pos + 1 < src.count && src[pos + 1] == UInt8(ascii: "/"):
        pos = ByteScan.first(0x0A, in: buffer, from: pos)
      case UInt8(ascii: "/") where !rustLiterals && pos + 1 < src.count && src[pos + 1] == UInt8(ascii: "*"):
        let close = ByteScan.blockCommentClose(in: buffer, from: pos + 2)
        let (breaks, lastEnd) = ByteScan.lineBreaks(in: buffer, from: pos + 2, to: close)
        pos = min(close + 2, src.count)
        line += breaks
        if let lastEnd { lineStart = lastEnd }
        // A block comment holding a line break ends the statement, as Go's lexer says.
        if breaks > 0 { emit(.newline, start, startLine, startColumn) }
      case UInt8(ascii: "/") where pos + 1 < src.count && src[pos + 1] == UInt8(ascii: "*"):
        // Rust's block comments nest.
        pos += 2
        var sawNewline = false
        var nesting = 1
        while pos < src.count && nesting > 0 {
          if src[pos] == UInt8(ascii: "*") && pos + 1 < src.count && src[pos + 1] == UInt8(ascii: "/") {
            nesting -= 1
            pos += 2
          } else if src[pos] == UInt8(ascii: "/") && pos + 1 < src.count && src[pos + 1] == UInt8(ascii: "*") {
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
          stepInsideLiteral()
        }
        pos = min(pos + 3, src.count)
        emit(.literal, start, startLine, startColumn)
      case UInt8(ascii: "'") where rustLiterals && !Self.isCharLiteral(src, pos):
        // A lifetime or loop label ('a, 'static): a name, not the start of a literal.
        pos += 1
        while pos < src.count && isNameByte(src[pos]) { pos += 1 }
        emit(.name, start, startLine, startColumn)
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        // Rust's strings may hold line breaks; everyone else's end at one (an unterminated literal).
        let spansLines = rustLiterals && b == UInt8(ascii: "\"")
        pos += 1
        while pos < src.count && src[pos] != b && (spansLines || src[pos] != 0x0A) {
          stepInsideLiteral()
        }
        pos = min(pos + 1, src.count)
        emit(.literal, start, startLine, startColumn)
      case UInt8(ascii: "`") where javascriptLiterals:
        // A template's text up to its end or its first `${`: the substitution's expression is tokens like any
        // other (its names are references), and the `}` that closes it resumes the template.
        let (end, opensSubstitution) = Self.templateChunk(src, pos + 1, &line, &lineStart)
        pos = end
        emit(.literal, start, startLine, startColumn)
        if opensSubstitution { substitutions.append(braceDepth) }
      case UInt8(ascii: "{") where javascriptLiterals:
        pos += 1
        braceDepth += 1
        emit(.punct, start, startLine, startColumn)
      case UInt8(ascii: "}") where javascriptLiterals:
        if let open = substitutions.last, open == braceDepth {
          substitutions.removeLast()
          let (end, opensSubstitution) = Self.templateChunk(src, pos + 1, &line, &lineStart)
          pos = end
          emit(.literal, start, startLine, startColumn)
          if opensSubstitution { substitutions.append(braceDepth) }
        } else {
          pos += 1
          braceDepth -= 1
          emit(.punct, start, startLine, startColumn)
        }
      case UInt8(ascii: "/") where javascriptLiterals && Self.regexMayStart(after: tokens.last(where: { $0.kind != .newline }), src):
        pos += 1
        var inClass = false
        while pos < src.count && src[pos] != 0x0A {
          let c = src[pos]
          if c == UInt8(ascii: "\\") {
            pos += 2
            continue
          }
          if c == UInt8(ascii: "[") { inClass = true }
          if c == UInt8(ascii: "]") { inClass = false }
          pos += 1
          if c == UInt8(ascii: "/") && !inClass { break }
        }
        while pos < src.count && isNameByte(src[pos]) { pos += 1 }  // flags
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
        if rustLiterals && b == UInt8(ascii: "r") && src[pos + 1] == UInt8(ascii: "#") && isNameStart(src[pos + 2]) {
          // A raw identifier, `r#type`: the name is `type`, found where `type` starts.
          pos += 2
          let nameStart = pos
          while pos < src.count && isNameByte(src[pos]) { pos += 1 }
          emit(.name, nameStart, startLine, startColumn + 2)
          continue
        }
        if isNameStart(b) || (dollarInNames && b == UInt8(ascii: "$")) {
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
          while pos < src.count && (isNameByte(src[pos]) || (dollarInNames && src[pos] == UInt8(ascii: "$"))) { pos += 1 }
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
  private static func isCharLiteral(_ src: SourceBytes, _ quote: Int) -> Bool {
    var k = quote + 1
    guard k < src.count else { return false }
    if src[k] == UInt8(ascii: "\\") { return true }
    // One UTF-8 scalar, then the closing quote.
    k += 1
    while k < src.count && src[k] & 0xC0 == 0x80 { k += 1 }
    return k < src.count && src[k] == UInt8(ascii: "'")
  }

  /// The end of a raw string `r"..."`, `r#"..."#`, `br##"..."##` starting at `start`, or nil if none starts there.
  private static func rustRawStringEnd(_ src: SourceBytes, _ start: Int) -> Int? {
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

  /// Where a template's text starting at `start` stops: after its closing backquote, or after a `${` that
  /// opens a substitution (then `true`); the input's end when neither comes.
  private static func templateChunk(
    _ src: SourceBytes, _ start: Int, _ line: inout Int, _ lineStart: inout Int
  ) -> (end: Int, opensSubstitution: Bool) {
    var pos = start
    while pos < src.count {
      let c = src[pos]
      if c == UInt8(ascii: "\\") {
        pos += 1
        if pos < src.count && src[pos] == 0x0A {
          line += 1
          lineStart = pos + 1
        }
        pos += 1
        continue
      }
      if c == 0x0A {
        pos += 1
        line += 1
        lineStart = pos
        continue
      }
      if c == UInt8(ascii: "`") { return (pos + 1, false) }
      if c == UInt8(ascii: "$") && pos + 1 < src.count && src[pos + 1] == UInt8(ascii: "{") { return (pos + 2, true) }
      pos += 1
    }
    return (src.count, false)
  }

  /// A `/` starts a regex where an operand may start: at the beginning, after an operator or an opening
  /// bracket, or after a keyword such as `return`; after a name, a literal or a closing bracket it divides.
  private static func regexMayStart(after previous: CFamilyToken?, _ src: SourceBytes) -> Bool {
    guard let previous else { return true }
    switch previous.kind {
    case .literal: return false
    case .name:
      let word = src.string(previous.start, previous.end)
      return ["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await"].contains(word)
    case .punct:
      let c = src[previous.start]
      return !(c == UInt8(ascii: ")") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}"))
    case .newline, .end: return true
    }
  }
}
