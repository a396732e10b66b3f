import IndexerModel

/// Takes the preprocessor lines out of a C/C++ token stream so the declaration reader sees plain code.
///
/// `#define` lines become macro symbols. Conditionals keep the first branch whole and each later
/// branch only when its brackets balance, the way ctags resolves them: `#ifdef A int f(int a) { #else
/// int f(int a, int b) { #endif` stays one function instead of an unclosed brace that would swallow the
/// file, while balanced alternatives (a real function and its `static inline` stub) both stay. `#if 0`
/// branches are dropped. Line breaks go too: C does not end statements at them.
struct CPreprocessor {
  let source: UnsafeBufferPointer<UInt8>
  let raw: [CFamilyToken]

  struct Output {
    var tokens: [CFamilyToken] = []
    /// `#define`s with the byte offset of their `#`, in source order.
    var macros: [(symbol: Symbol, offset: Int)] = []
  }

  private struct Branch {
    var start: Int
    var isFirstKept: Bool
    var dropping: Bool
    var outerDropping: Bool
    var keptAny: Bool
  }

  func run() -> Output {
    var out = Output()
    out.tokens.reserveCapacity(raw.count)
    let lex = CFamilyTokens(source: source, tokens: raw, bracketTable: false)
    var branches: [Branch] = []
    var dropping = false
    var k = 0
    var atLineStart = true
    while k < raw.count {
      let t = raw[k]
      if t.kind == .newline {
        atLineStart = true
        k += 1
        continue
      }
      if atLineStart && lex.isPunct(k, "#") {
        let end = directiveEnd(k)
        let word = k + 1 < end && raw[k + 1].kind == .name ? lex.text(k + 1) : ""
        switch word {
        case "define" where !dropping:
          if let macro = macro(lex, k, end) { out.macros.append((macro, t.start)) }
        case "if", "ifdef", "ifndef":
          let isZero = word == "if" && isLiteralZero(lex, k + 2, end)
          branches.append(
            Branch(start: out.tokens.count, isFirstKept: !isZero, dropping: dropping || isZero, outerDropping: dropping, keptAny: !isZero))
          dropping = dropping || isZero
        case "elif", "else":
          guard var branch = branches.popLast() else { break }
          close(&branch, &out.tokens)
          let isZero = word == "elif" && isLiteralZero(lex, k + 2, end)
          branch.isFirstKept = !branch.keptAny && !isZero
          branch.keptAny = branch.keptAny || !isZero
          branch.dropping = branch.outerDropping || isZero
          branch.start = out.tokens.count
          branches.append(branch)
          dropping = branch.dropping
        case "endif":
          guard var branch = branches.popLast() else { break }
          close(&branch, &out.tokens)
          dropping = branch.outerDropping
        default:
          break
        }
        k = end
        continue
      }
      // The cheap test of the token itself first: most lines start with no upper-case macro.
      if atLineStart && isBareMacroLine(lex, k) && followsBoundary(lex, out.tokens) {
        k += 1  // `ABSL_NAMESPACE_BEGIN` alone on its line: a macro that expands to nothing we can read
        continue
      }
      if atLineStart, let past = attributeMacroLineEnd(lex, k), followsBoundary(lex, out.tokens) {
        k = past  // `JSON_HEDLEY_NON_NULL(1)` on the line before a declaration: an attribute, not a function
        continue
      }
      atLineStart = false
      if !dropping { out.tokens.append(t) }
      k += 1
    }
    return out
  }

  /// Words a declaration can start with: what may follow a bare macro line.
  private static let declarationStarts = Keywords.set([
    "namespace", "class", "struct", "union", "enum", "template", "typedef", "using", "extern", "inline", "static",
    "constexpr", "export", "module", "void", "int", "bool", "auto", "const",
  ])

  /// An upper-case name alone on its line, between two statements (after `;`, `{`, `}` or at the top) and
  /// before a declaration keyword: `FMT_BEGIN_NAMESPACE`, `ABSL_NAMESPACE_BEGIN`. Read as code it would join
  /// the next declaration (`ABSL_NAMESPACE_BEGIN namespace x {` became a variable that swallowed the namespace).
  private func isBareMacroLine(_ lex: CFamilyTokens, _ k: Int) -> Bool {
    guard raw[k].kind == .name, k + 1 >= raw.count || raw[k + 1].kind == .newline, isUpperCaseName(lex, k) else { return false }
    // Past any further bare macro lines (`NLOHMANN_JSON_NAMESPACE_BEGIN` then `NLOHMANN_BASIC_JSON_TPL_DECLARATION`
    // then `class basic_json`), a declaration must follow.
    var next = k + 1
    while true {
      while next < raw.count && raw[next].kind == .newline { next += 1 }
      guard next < raw.count, raw[next].kind == .name else { return false }
      if isUpperCaseName(lex, next), next + 1 >= raw.count || raw[next + 1].kind == .newline {
        next += 1
        continue
      }
      if lex.isPunct(next + 1, "(") {
        // then `JSON_HEDLEY_DEPRECATED_FOR(3.8.0, f(p))` before a declaration, or a macro statement of its own
        // (`NLOHMANN_CAN_CALL_STD_FUNC_IMPL(begin);`)
        guard let close = callClose(lex, next) else { return false }
        return lex.isPunct(close + 1, ";") || attributeMacroLineEnd(lex, next) != nil
      }
      return lex.isOneOf(next, Self.declarationStarts)
    }
  }

  /// An upper-case macro call alone on its line between two declarations, the next line starting one
  /// (`JSON_HEDLEY_DEPRECATED_FOR(3.8.0, f(p))` then `static basic_json from_cbor(…)`): the token after its
  /// `)`, or nil. A definition through a macro (`SYSCALL_DEFINE1(name, int, x)` then `{`) is not one.
  private func attributeMacroLineEnd(_ lex: CFamilyTokens, _ k: Int) -> Int? {
    guard let close = callClose(lex, k), close + 1 < raw.count, raw[close + 1].kind == .newline else { return nil }
    var next = close + 1
    while next < raw.count && raw[next].kind == .newline { next += 1 }
    guard next + 1 < raw.count, raw[next].kind == .name else { return nil }
    if lex.isOneOf(next, Self.declarationStarts) { return close + 1 }
    // A type then a name (`ValueType get_impl(`, `basic_json& at(`, `std::size_t n;`, `T<U> f(`) or a constructor.
    let after = raw[next + 1]
    guard after.kind == .name || lex.isPunct(next + 1, "*") || lex.isPunct(next + 1, "&") || lex.isPunct(next + 1, ":")
      || lex.isPunct(next + 1, "<") || lex.isPunct(next + 1, "(")
    else { return nil }
    return close + 1
  }

  /// The `)` of an upper-case macro call at `k` whose parentheses close on its own line, or nil.
  private func callClose(_ lex: CFamilyTokens, _ k: Int) -> Int? {
    guard raw[k].kind == .name, k + 1 < raw.count, lex.isPunct(k + 1, "("), isUpperCaseName(lex, k) else { return nil }
    var depth = 0
    var close = k + 1
    while close < raw.count {
      if raw[close].kind == .newline { return nil }
      if lex.isPunct(close, "(") { depth += 1 }
      if lex.isPunct(close, ")") {
        depth -= 1
        if depth == 0 { return close }
      }
      close += 1
    }
    return nil
  }

  /// Whether the kept tokens end between two declarations, or before one's name: at the top, after `;`, `{`
  /// or `}`, after an access label (`public:`; not `::`), or after a template header (`template<typename T>`
  /// then `JSON_HEDLEY_NON_NULL(1)` on its own line).
  private func followsBoundary(_ lex: CFamilyTokens, _ kept: [CFamilyToken]) -> Bool {
    guard let last = kept.last else { return true }
    guard last.kind == .punct, last.end - last.start == 1 else { return false }
    switch lex.source[last.start] {
    case UInt8(ascii: ";"), UInt8(ascii: "{"), UInt8(ascii: "}"): return true
    case UInt8(ascii: ":"):
      guard kept.count >= 2 else { return false }
      let label = kept[kept.count - 2]
      return label.kind == .name && ["public", "private", "protected"].contains(lex.source.string(label.start, label.end))
    case UInt8(ascii: ">"): return endsTemplateHeader(lex, kept)
    default: return false
    }
  }

  /// Whether the kept tokens end with `template <…>`: the `>` matched back to its `<` (within a bounded look-back).
  private func endsTemplateHeader(_ lex: CFamilyTokens, _ kept: [CFamilyToken]) -> Bool {
    var depth = 0
    var k = kept.count - 1
    let limit = max(1, kept.count - 512)
    while k >= limit {
      let t = kept[k]
      if t.kind == .punct, t.end - t.start == 1 {
        switch lex.source[t.start] {
        case UInt8(ascii: ">"): depth += 1
        case UInt8(ascii: "<"):
          depth -= 1
          if depth == 0 {
            let before = kept[k - 1]
            return before.kind == .name && lex.source.string(before.start, before.end) == "template"
          }
        case UInt8(ascii: ";"), UInt8(ascii: "{"), UInt8(ascii: "}"): return false
        default: break
        }
      }
      k -= 1
    }
    return false
  }

  private func isUpperCaseName(_ lex: CFamilyTokens, _ k: Int) -> Bool {
    k < raw.count && lex.isMacroSpelling(raw[k])
  }

  /// Ends a branch: a later branch whose brackets do not balance is taken back out.
  private func close(_ branch: inout Branch, _ tokens: inout [CFamilyToken]) {
    guard !branch.dropping, !branch.isFirstKept, branch.start < tokens.count else { return }
    var depth = 0
    for t in tokens[branch.start...] where t.kind == .punct {
      switch source[t.start] {
      case UInt8(ascii: "{"), UInt8(ascii: "("): depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: ")"): depth -= 1
      default: break
      }
    }
    if depth != 0 { tokens.removeSubrange(branch.start...) }
  }

  /// The token after a directive: its line ends at a line break not escaped by `\`.
  private func directiveEnd(_ hash: Int) -> Int {
    var k = hash + 1
    while k < raw.count {
      if raw[k].kind == .newline && !(k > 0 && raw[k - 1].kind == .punct && source[raw[k - 1].start] == UInt8(ascii: "\\")) {
        return k
      }
      k += 1
    }
    return k
  }

  private func isLiteralZero(_ lex: CFamilyTokens, _ k: Int, _ end: Int) -> Bool {
    k + 1 == end && raw[k].kind == .literal && lex.text(k) == "0"
  }

  /// `#define NAME ...` (object-like) or `#define NAME(a, b) ...` (function-like: no space before the paren).
  private func macro(_ lex: CFamilyTokens, _ hash: Int, _ end: Int) -> Symbol? {
    let name = hash + 2
    guard name < end, raw[name].kind == .name else { return nil }
    var signatureEnd = name + 1
    if lex.isPunct(name + 1, "("), raw[name + 1].start == raw[name].end {
      signatureEnd = min(lex.matching(name + 1), end - 1) + 1
    }
    return lex.symbol(
      name: lex.text(name), nameToken: name, kind: .macro, container: "", start: name, end: end - 1,
      signature: "#define " + lex.joined(name, signatureEnd))
  }
}
