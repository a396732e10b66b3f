/// A Python token as the extractor needs it: where it is, and what sort of thing it is.
struct PythonToken {
  enum Kind: Equatable {
    case name
    case string
    case number
    case op
  }
  var kind: Kind
  var start: Int
  var end: Int
  var line: Int
  var column: Int
  /// Bracket depth before this token.
  var depth: Int
}

/// Splits Python source into logical lines of tokens, skipping comments, strings' insides and
/// continuation lines, so that keywords in strings or after `#` are never mistaken for definitions.
struct PythonTokenizer {
  let src: SourceBytes
  private(set) var pos = 0
  private(set) var line = 1
  private var lineStart = 0

  /// Every name outside strings and comments, keywords aside, as the lines go by.
  private(set) var references: ReferenceCollector

  init(_ buffer: UnsafeBufferPointer<UInt8>) {
    self.src = SourceBytes(buffer)
    self.references = ReferenceCollector(source: buffer, keywords: Keywords.python)
  }

  /// Position just after the last token returned, for the end of a block.
  private(set) var lastTokenEndLine = 1
  private(set) var lastTokenEndColumn = 1

  var atEnd: Bool { pos >= src.count }

  /// Skips blank and comment-only lines; returns the indentation width of the next logical line, or nil at the end.
  mutating func nextLineIndent() -> Int? {
    while pos < src.count {
      var width = 0
      while pos < src.count {
        let b = src[pos]
        if b == 0x20 {
          width += 1
        } else if b == 0x09 {
          width = (width / 8 + 1) * 8
        } else if b == 0x0C {
          width = 0
        } else {
          break
        }
        pos += 1
      }
      guard pos < src.count else { return nil }
      let b = src[pos]
      if b == UInt8(ascii: "#") {
        skipComment()
        continue
      }
      if b == 0x0A || b == 0x0D {
        newline()
        continue
      }
      if b == UInt8(ascii: "\\") && pos + 1 < src.count && (src[pos + 1] == 0x0A || src[pos + 1] == 0x0D) {
        pos += 1
        newline()
        continue
      }
      return width
    }
    return nil
  }

  /// Reads one logical line (through bracketed and backslash continuations), keeping its tokens in
  /// `tokens` only when the line can define something: it starts with `def`, `class` or `async`, or,
  /// when `wantsAssignments`, with any other name. Other lines are scanned, not collected: that is most
  /// of a file (function bodies), and collecting them was the tokenizer's main cost.
  /// With `collectsAll`, every line's tokens are kept (scope reading needs function bodies too).
  mutating func readLogicalLine(into tokens: inout [PythonToken], wantsAssignments: Bool, collectsAll: Bool = false) {
    tokens.removeAll(keepingCapacity: true)
    collecting = true
    decided = collectsAll
    self.wantsAssignments = wantsAssignments
    var depth = 0
    while pos < src.count {
      let b = src[pos]
      switch b {
      case 0x20, 0x09, 0x0C:
        pos += 1
      case 0x0A, 0x0D:
        newline()
        if depth == 0 { return }
      case UInt8(ascii: "#"):
        skipComment()
      case UInt8(ascii: "\\"):
        pos += 1
        if pos < src.count && (src[pos] == 0x0A || src[pos] == 0x0D) { newline() }
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        let start = pos
        let (line0, col0) = (line, pos - lineStart + 1)
        skipString(prefix: [])
        push(&tokens, .string, start, line0, col0, depth)
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        let start = pos
        let col = pos - lineStart + 1
        while pos < src.count && (isNameByte(src[pos]) || src[pos] == UInt8(ascii: ".")) { pos += 1 }
        push(&tokens, .number, start, line, col, depth)
      case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
        let col = pos - lineStart + 1
        pos += 1
        push(&tokens, .op, pos - 1, line, col, depth)
        depth += 1
      case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
        depth = max(0, depth - 1)
        let col = pos - lineStart + 1
        pos += 1
        push(&tokens, .op, pos - 1, line, col, depth)
      default:
        if isNameStart(b) {
          let start = pos
          let col = pos - lineStart + 1
          while pos < src.count && isNameByte(src[pos]) { pos += 1 }
          if pos < src.count && (src[pos] == UInt8(ascii: "\"") || src[pos] == UInt8(ascii: "'"))
            && isStringPrefix(start, pos)
          {
            let prefix = Array(src.span(start, pos))
            skipString(prefix: prefix)
            push(&tokens, .string, start, line, col, depth)
          } else {
            references.add(start: start, end: pos, line: line, column: col)
            push(&tokens, .name, start, line, col, depth)
          }
        } else {
          let col = pos - lineStart + 1
          let start = pos
          pos += 1
          // Keep two-byte operators whole so `==`, `->`, `:=` are one token.
          if pos < src.count, isOperatorPair(src[start], src[pos]) { pos += 1 }
          push(&tokens, .op, start, line, col, depth)
        }
      }
    }
  }

  private var collecting = true
  private var decided = false
  private var wantsAssignments = true

  private mutating func push(_ tokens: inout [PythonToken], _ kind: PythonToken.Kind, _ start: Int, _ line0: Int, _ col0: Int, _ depth: Int) {
    lastTokenEndLine = line
    lastTokenEndColumn = pos - lineStart + 1
    guard collecting else { return }
    tokens.append(PythonToken(kind: kind, start: start, end: pos, line: line0, column: col0, depth: depth))
    if !decided {
      decided = true
      collecting = kind == .name && (wantsAssignments || isDefinitionKeyword(start, pos))
    }
  }

  private func isDefinitionKeyword(_ start: Int, _ end: Int) -> Bool {
    switch end - start {
    case 3: src[start] == UInt8(ascii: "d") && src[start + 1] == UInt8(ascii: "e") && src[start + 2] == UInt8(ascii: "f")
    case 5:
      (src[start] == UInt8(ascii: "c") && src[start + 1] == UInt8(ascii: "l") && src[start + 2] == UInt8(ascii: "a")
        && src[start + 3] == UInt8(ascii: "s") && src[start + 4] == UInt8(ascii: "s"))
        || (src[start] == UInt8(ascii: "a") && src[start + 1] == UInt8(ascii: "s") && src[start + 2] == UInt8(ascii: "y")
          && src[start + 3] == UInt8(ascii: "n") && src[start + 4] == UInt8(ascii: "c"))
    default: false
    }
  }

  private mutating func newline() {
    if src[pos] == 0x0D && pos + 1 < src.count && src[pos + 1] == 0x0A { pos += 1 }
    pos += 1
    line += 1
    lineStart = pos
  }

  private mutating func skipComment() {
    while pos < src.count && src[pos] != 0x0A && src[pos] != 0x0D { pos += 1 }
  }

  /// Skips a string literal starting at the quote at `pos`; f-strings' replacement fields may hold nested strings.
  private mutating func skipString(prefix: [UInt8]) {
    let quote = src[pos]
    let isFormat = prefix.contains { $0 == UInt8(ascii: "f") || $0 == UInt8(ascii: "F") || $0 == UInt8(ascii: "t") || $0 == UInt8(ascii: "T") }
    let triple = pos + 2 < src.count && src[pos + 1] == quote && src[pos + 2] == quote
    pos += triple ? 3 : 1
    while pos < src.count {
      let b = src[pos]
      if b == UInt8(ascii: "\\") {
        pos += 1
        if pos < src.count {
          if src[pos] == 0x0A || src[pos] == 0x0D { newline() } else { pos += 1 }
        }
        continue
      }
      if b == quote {
        if !triple {
          pos += 1
          return
        }
        if pos + 2 < src.count && src[pos + 1] == quote && src[pos + 2] == quote {
          pos += 3
          return
        }
        pos += 1
        continue
      }
      if b == 0x0A || b == 0x0D {
        // An unterminated single-quoted string ends at the line's end, as the tokenizer reports it.
        if !triple { return }
        newline()
        continue
      }
      if isFormat && b == UInt8(ascii: "{") {
        if pos + 1 < src.count && src[pos + 1] == UInt8(ascii: "{") {
          pos += 2
          continue
        }
        skipReplacementField()
        continue
      }
      pos += 1
    }
  }

  /// Skips `{expr!r:fmt}` inside an f-string, including nested brackets and strings.
  private mutating func skipReplacementField() {
    var depth = 0
    while pos < src.count {
      let b = src[pos]
      switch b {
      case UInt8(ascii: "{"), UInt8(ascii: "("), UInt8(ascii: "["):
        depth += 1
        pos += 1
      case UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "]"):
        depth -= 1
        pos += 1
        if depth == 0 { return }
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        var p = pos
        while p > 0 && isNameByte(src[p - 1]) { p -= 1 }
        skipString(prefix: Array(src.span(p, pos)))
      case 0x0A, 0x0D:
        newline()
      default:
        pos += 1
      }
    }
  }

  private func isStringPrefix(_ start: Int, _ end: Int) -> Bool {
    guard end - start <= 2 else { return false }
    for i in start..<end {
      switch src[i] | 0x20 {
      case UInt8(ascii: "r"), UInt8(ascii: "b"), UInt8(ascii: "u"), UInt8(ascii: "f"), UInt8(ascii: "t"): continue
      default: return false
      }
    }
    return true
  }

  private func isOperatorPair(_ a: UInt8, _ b: UInt8) -> Bool {
    switch (a, b) {
    case (UInt8(ascii: "="), UInt8(ascii: "=")), (UInt8(ascii: "!"), UInt8(ascii: "=")),
      (UInt8(ascii: "<"), UInt8(ascii: "=")), (UInt8(ascii: ">"), UInt8(ascii: "=")),
      (UInt8(ascii: "-"), UInt8(ascii: ">")), (UInt8(ascii: ":"), UInt8(ascii: "=")),
      (UInt8(ascii: "*"), UInt8(ascii: "*")), (UInt8(ascii: "/"), UInt8(ascii: "/")),
      (UInt8(ascii: "+"), UInt8(ascii: "=")), (UInt8(ascii: "-"), UInt8(ascii: "=")),
      (UInt8(ascii: "*"), UInt8(ascii: "=")), (UInt8(ascii: "/"), UInt8(ascii: "=")),
      (UInt8(ascii: "|"), UInt8(ascii: "=")), (UInt8(ascii: "&"), UInt8(ascii: "=")),
      (UInt8(ascii: "%"), UInt8(ascii: "=")), (UInt8(ascii: "^"), UInt8(ascii: "=")),
      (UInt8(ascii: "@"), UInt8(ascii: "=")), (UInt8(ascii: "<"), UInt8(ascii: "<")),
      (UInt8(ascii: ">"), UInt8(ascii: ">")):
      true
    default: false
    }
  }
}

@inline(__always) func isNameStart(_ b: UInt8) -> Bool {
  (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || b == UInt8(ascii: "_") || b >= 0x80
}

/// A letter, digit, `_` or any byte of a UTF-8 sequence. Names are most of a file's bytes, so this is one
/// shift of a 64-bit mask (bit `b % 64` set for the ASCII name bytes of that half) instead of four ranges.
@inline(__always) func isNameByte(_ b: UInt8) -> Bool {
  let mask: UInt64 = b < 64 ? 0x03FF_0000_0000_0000 : 0x07FF_FFFE_87FF_FFFE
  return b >= 0x80 || (mask >> UInt64(b & 63)) & 1 != 0
}
