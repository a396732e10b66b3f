import IndexerModel

/// One file's C-family tokens with what every hand-written reader asks of them: a token's text,
/// punctuation tests, the bracket that closes another, a span as a one-line signature, a symbol's range.
struct CFamilyTokens {
  let source: SourceBytes
  let tokens: TokenList

  /// For each opening bracket, the index of the bracket that closes it (`count - 1` when none does);
  /// -1 for every other token. Built in one pass: readers ask `matching` for nearly every bracket, and
  /// scanning forward each time made nested code quadratic.
  private let partners: [Int32]

  /// `bracketTable: false` for a pass that asks `matching` rarely (the preprocessor): it then scans.
  init(source: UnsafeBufferPointer<UInt8>, tokens: [CFamilyToken], bracketTable: Bool = true) {
    let bytes = SourceBytes(source)
    self.source = bytes
    self.tokens = TokenList(tokens, sourceCount: source.count)
    // Past Int32's range (no file within the size limits gets there) `matching` scans too.
    var partners = [Int32](repeating: -1, count: bracketTable && tokens.count <= Int(Int32.max) ? tokens.count : 0)
    var open: [Int32] = []
    for (k, t) in tokens.enumerated() where t.kind == .punct && k < partners.count {
      switch bytes[t.start] {
      case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
        partners[k] = Int32(truncatingIfNeeded: max(0, tokens.count - 1))
        open.append(Int32(truncatingIfNeeded: k))
      case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
        if let o = open.popLast() { partners[Int(o)] = Int32(truncatingIfNeeded: k) }
      default: break
      }
    }
    self.partners = partners
  }

  var count: Int { tokens.count }

  /// Where token `k` starts and ends, for the scope builders' records.
  func position(_ k: Int) -> SourcePosition { SourcePosition(line: tokens[k].line, column: tokens[k].column) }
  func endPosition(_ k: Int) -> SourcePosition { SourcePosition(line: tokens[k].endLine, column: tokens[k].endColumn) }

  /// A string literal's text without its quotes (`"a/b"` → `a/b`), escapes as written.
  func unquoted(_ k: Int) -> String {
    let text = text(k)
    guard text.count >= 2 else { return text }
    return String(text.dropFirst().dropLast())
  }

  /// For each closing bracket, the index of the bracket it closes (-1 for every other token): for readers
  /// that read chains backwards (`a.b(…).c`), where `matching` only goes forwards.
  func openingBrackets() -> [Int32] {
    var openers = [Int32](repeating: -1, count: count)
    var stack: [Int32] = []
    for k in 0..<count {
      if isOpen(k) {
        stack.append(Int32(truncatingIfNeeded: k))
      } else if isClose(k), let open = stack.popLast() {
        openers[k] = open
      }
    }
    return openers
  }

  /// How deep the readers follow nested declarations; deeper bodies are skipped (real code stays far below).
  static let maxNesting = 100

  /// Whether `NAME(…)` at `k` is an attribute macro before a declaration (`FORMAT_PRESERVING(1) const char
  /// *_(…)`, the kernel's `__printf(1, 2) int f(…)`): an upper-case or `__` name whose arguments a name follows.
  func isAttributeMacroCall(_ k: Int) -> Bool {
    guard tokens[k].kind == .name, isPunct(k + 1, "(") else { return false }
    let name = source.span(tokens[k].start, tokens[k].end)
    let looksLikeMacro = isMacroSpelling(tokens[k]) || (name.count > 2 && name[name.startIndex] == UInt8(ascii: "_")
      && name[name.startIndex + 1] == UInt8(ascii: "_"))
    return looksLikeMacro && tokens[matching(k + 1) + 1].kind == .name
  }

  /// Whether a token's bytes spell an upper-case name (`FMT_API`, `Q_SIGNALS`): by convention a macro.
  func isMacroSpelling(_ token: CFamilyToken) -> Bool {
    let name = source.span(token.start, token.end)
    return token.kind == .name && name.count >= 2
      && name.allSatisfy { ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "_") }
  }

  func text(_ k: Int) -> String {
    source.string(tokens[k].start, tokens[k].end)
  }

  /// Whether token `k` is the punctuation byte `c`. A scalar, not a `Character`: `Character.asciiValue`
  /// walks the character's scalars, and this runs for nearly every token several times (it was the
  /// JavaScript reader's top cost).
  func isPunct(_ k: Int, _ c: Unicode.Scalar) -> Bool {
    let t = tokens[k]
    return t.kind == .punct && c.value < 0x80 && source[t.start] == UInt8(truncatingIfNeeded: c.value)
  }

  /// The first byte of punctuation token `k`, 0 for any other token.
  private func punctByte(_ k: Int) -> UInt8 {
    let t = tokens[k]
    return t.kind == .punct ? source[t.start] : 0
  }

  func isOpen(_ k: Int) -> Bool {
    let b = punctByte(k)
    return b == UInt8(ascii: "(") || b == UInt8(ascii: "[") || b == UInt8(ascii: "{")
  }

  func isClose(_ k: Int) -> Bool {
    let b = punctByte(k)
    return b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}")
  }

  /// The bracket closing the one at `open`, any kind closing any kind; the last token when none does.
  func matching(_ open: Int) -> Int {
    if open >= 0 && open < partners.count && partners[open] >= 0 { return max(open, Int(partners[open])) }
    var depth = 0
    var k = open
    while k < tokens.count {
      if isOpen(k) { depth += 1 }
      if isClose(k) {
        depth -= 1
        if depth == 0 { return k }
      }
      k += 1
    }
    return max(open, tokens.count - 1)
  }

  /// The `>` closing the `<` at `open` (template argument lists nest; `>>` arrives as two tokens), skipping
  /// parentheses and brackets; the token before a `;`, `{` or `}` when none closes it first.
  func angleEnd(_ open: Int, _ end: Int) -> Int {
    var depth = 0
    var k = open
    while k < end {
      if isPunct(k, "<") { depth += 1 }
      if isPunct(k, ">") {
        depth -= 1
        if depth == 0 { return k }
      }
      if isPunct(k, "(") || isPunct(k, "[") {
        k = matching(k) + 1
        continue
      }
      if isPunct(k, ";") || isPunct(k, "{") || isPunct(k, "}") { return max(open, k - 1) }
      k += 1
    }
    return max(open, end - 1)
  }

  /// The `<` opening the `>` at `close`, looking back no further than `first` (`->` is no closer); nil when
  /// a `;` or a brace comes first or none opens it.
  func angleOpen(_ close: Int, notBefore first: Int) -> Int? {
    var depth = 0
    var k = close
    while k > first {
      if isPunct(k, ">"), !isPunct(k - 1, "-") { depth += 1 }
      if isPunct(k, "<") {
        depth -= 1
        if depth == 0 { return k }
      }
      if isPunct(k, ";") || isPunct(k, "{") || isPunct(k, "}") { return nil }
      k -= 1
    }
    return nil
  }

  /// The next `,` from `k` outside brackets (the end of an initializer or a literal's element), or `end`.
  func commaOrEnd(_ k: Int, _ end: Int) -> Int {
    var i = k
    while i < end {
      if isPunct(i, ",") { return i }
      i = isOpen(i) ? matching(i) + 1 : i + 1
    }
    return end
  }

  /// The tokens in `from..<to` as one line: line breaks and comments become at most one space.
  func joined(_ from: Int, _ to: Int) -> String {
    var builder = SignatureBuilder()
    let from = max(from, 0)
    let to = min(to, tokens.count)
    guard from < to else { return "" }
    builder.reserve(tokens[to - 1].end - tokens[from].start)
    for k in from..<to where tokens[k].kind != .newline {
      builder.append(source, from: tokens[k].start, to: tokens[k].end)
    }
    return builder.text
  }

  /// Whether token `k` is the word `word`, compared as bytes (no `String` per token).
  func isWord(_ k: Int, _ word: StaticString) -> Bool {
    let t = tokens[k]
    guard t.kind == .name, t.end - t.start == word.utf8CodeUnitCount else { return false }
    let span = source.span(t.start, t.end)
    return word.withUTF8Buffer { span.elementsEqual($0) }
  }

  /// Where name token `k` stands in `words` (a table from `Keywords.set`), or nil for any other token.
  /// The readers ask this of most tokens; as bytes it costs no `String` and no `Hasher`.
  func wordIndex(_ k: Int, in words: SpanTable) -> Int? {
    let t = tokens[k]
    guard t.kind == .name else { return nil }
    let span = source.span(t.start, t.end)
    return words.value(of: span, hash: SpanTable.hash(span)).map(Int.init)
  }

  /// Whether name token `k` is one of `words` (a table from `Keywords.set`).
  func isOneOf(_ k: Int, _ words: SpanTable) -> Bool {
    wordIndex(k, in: words) != nil
  }

  /// The access level and `static` spelled by the words in `from..<to`: Java, TypeScript and C++ keywords,
  /// C's `static`, Rust's `pub` (`pub(crate)` and friends are `internal`), TypeScript's `#name` (private).
  /// What a declaration does not spell stays nil.
  func modifiers(_ from: Int, _ to: Int) -> (access: AccessLevel?, isStatic: Bool) {
    var access: AccessLevel?
    var isStatic = false
    for k in tokenRange(from, to) {
      if isPunct(k, "#") && k + 1 == to {
        access = .private
      } else if isWord(k, "public") {
        access = .public
      } else if isWord(k, "private") {
        access = .private
      } else if isWord(k, "protected") {
        access = .protected
      } else if isWord(k, "static") {
        isStatic = true
      } else if isWord(k, "pub") {
        access = isPunct(k + 1, "(") ? .internal : .public
      }
    }
    return (access, isStatic)
  }

  /// Sets the access level and `static` of symbol `at` from the words in `from..<to`: for readers that place
  /// a symbol at its name (C, C++) while its specifiers come before.
  func applyModifiers(to index: inout FileIndex, at: Int, _ from: Int, _ to: Int) {
    let (access, isStatic) = modifiers(from, to)
    guard at >= 0, at < index.symbols.count else { return }
    if let access { index.symbols[at].access = access }
    if isStatic { index.symbols[at].isStatic = true }
  }

  /// Appends the symbol named by token `name` (or `label`, when the token is not the name as written),
  /// spanning tokens `start...end`, under `parent`; returns its index in the outline.
  @discardableResult
  func record(
    into index: inout FileIndex, name: Int, label: String? = nil, kind: SymbolKind, container: String, start: Int, end: Int,
    signature: String, parent: Int
  ) -> Int {
    var symbol = symbol(name: label ?? text(name), nameToken: name, kind: kind, container: container, start: start, end: end, signature: signature)
    // The words between the declaration's start and its name spell its access and `static`.
    let (access, isStatic) = modifiers(start, name)
    symbol.access = access
    symbol.isStatic = isStatic
    return index.append(symbol, parent: parent)
  }

  /// A symbol spanning tokens `start...end` (clamped; trailing line breaks are not part of it).
  func symbol(
    name: String, nameToken: Int, kind: SymbolKind, container: String, start: Int, end: Int, signature: String
  ) -> Symbol {
    let first = tokens[min(start, nameToken)]
    var last = max(start, min(end, tokens.count - 1))
    while last > start && tokens[last].kind == .newline { last -= 1 }
    let e = tokens[last]
    return Symbol(
      name: name, kind: kind, container: container,
      range: SourceRange(
        start: SourcePosition(line: first.line, column: first.column), end: SourcePosition(line: e.endLine, column: e.endColumn)),
      signature: signature)
  }
}
