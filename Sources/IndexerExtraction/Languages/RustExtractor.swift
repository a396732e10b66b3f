import IndexerModel

/// Rust items from the shared C-family tokenizer (with Rust's raw strings, lifetimes and nested comments):
/// fn, struct (and fields), enum (and variants), union, trait (`interface`), impl blocks (`extension`,
/// named after the type, trait impls too), mod, const, static, type aliases and `macro_rules!`.
///
/// Items are read at module level and inside `mod`, `impl` and `trait` bodies; function bodies are
/// skipped by matching braces, so locals and closures never appear there; `RustScopeBuilder` reads the
/// bodies for resolution.
public struct RustExtractor: Extractor {
  public var language: Language { .rust }

  public init() {}

  public func extract(_ source: UnsafeBufferPointer<UInt8>) -> FileIndex {
    let tokens = CFamilyTokenizer(rustLiterals: true).tokenize(source).filter { $0.kind != .newline }
    var reader = RustItemReader(CFamilyTokens(source: source, tokens: tokens))
    reader.readItems(from: 0, to: tokens.count, container: "", parent: -1, inImplOrTrait: false)
    reader.index.references = ReferenceCollector.collect(tokens, in: source, keywords: Keywords.rust)
    var scopeBuilder = RustScopeBuilder(reader.lex)
    reader.index.scopes = scopeBuilder.build()
    return reader.index
  }
}

private struct RustItemReader {
  let lex: CFamilyTokens
  var tokens: TokenList { lex.tokens }
  var index = FileIndex(language: .rust)
  private var nesting = 0

  private static let modifiers: Set<String> = ["pub", "unsafe", "async", "const", "extern", "default", "crate", "in", "self", "super"]
  private static let itemKeywords: Set<String> = [
    "fn", "struct", "union", "enum", "trait", "mod", "impl", "const", "static", "type", "macro_rules",
  ]

  init(_ lex: CFamilyTokens) {
    self.lex = lex
  }

  /// `inBody`: the tokens are a function body, where only items at the start of a statement are
  /// definitions (`fn`, `struct`, `impl`, ... — ctags and rust-analyzer both show them) and nested blocks
  /// are entered; `let` bindings and expressions are stepped over.
  mutating func readItems(from start: Int, to end: Int, container: String, parent: Int, inImplOrTrait: Bool, inBody: Bool = false) {
    // Declarations nest through recursion: past the limit a body is skipped whole, so no input can
    // exhaust the stack (10,000 nested classes crashed every reader before this).
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= CFamilyTokens.maxNesting else { return }
    var i = start
    while i < end {
      if inBody && i > start && !(lex.isPunct(i - 1, "{") || lex.isPunct(i - 1, "}") || lex.isPunct(i - 1, ";") || lex.isPunct(i - 1, "]")) {
        i += 1
        continue
      }
      if inBody && lex.isPunct(i, "{") {
        i += 1
        continue
      }
      // Attributes: #[...] and #![...].
      if lex.isPunct(i, "#") {
        var k = i + 1
        if lex.isPunct(k, "!") { k += 1 }
        if lex.isPunct(k, "[") { i = lex.matching(k) + 1; continue }
      }
      guard tokens[i].kind == .name else {
        i = lex.isPunct(i, "{") || lex.isPunct(i, "(") || lex.isPunct(i, "[") ? lex.matching(i) + 1 : i + 1
        continue
      }
      let first = i
      // Visibility and qualifiers: pub, pub(crate), unsafe, async, const fn, extern "C".
      var k = i
      while k < end, tokens[k].kind == .name, Self.modifiers.contains(lex.text(k)) || isExternABI(k) {
        if lex.text(k) == "const", k + 1 < end, tokens[k + 1].kind == .name, lex.text(k + 1) != "fn" { break }
        k += 1
        if lex.isPunct(k, "(") { k = lex.matching(k) + 1 }
        if k < end, tokens[k].kind == .literal { k += 1 }
      }
      guard k < end, tokens[k].kind == .name else { i = k + 1; continue }
      let keyword = lex.text(k)
      if inBody && !Self.itemKeywords.contains(keyword) {
        i = k + 1
        continue
      }
      switch keyword {
      case "fn":
        i = readFn(first: first, keyword: k, end: end, container: container, parent: parent, isMethod: inImplOrTrait)
      case "struct", "union", "enum", "trait", "mod":
        i = readTypeLike(first: first, keyword: k, end: end, container: container, parent: parent)
      case "impl":
        i = readImpl(first: first, keyword: k, end: end, container: container, parent: parent)
      case "const", "static", "type":
        var name = k + 1
        if lex.text(k) == "static", name < end, tokens[name].kind == .name, lex.text(name) == "mut" { name += 1 }
        let stop = statementEnd(k, end)
        if name < end, tokens[name].kind == .name, lex.text(name) != "_" {
          let kind: SymbolKind = keyword == "const" ? .constant : (keyword == "static" ? .variable : .typealias)
          let signatureEnd = tokenRange(k, stop).first { lex.isPunct($0, "=") } ?? stop
          lex.record(into: &index, name: name, kind: kind, container: container, start: first, end: stop, signature: lex.joined(first, signatureEnd), parent: parent)
        }
        i = stop + 1
      case "macro_rules":
        // macro_rules! name { ... }
        if lex.isPunct(k + 1, "!"), k + 2 < end, tokens[k + 2].kind == .name {
          let open = k + 3
          let close = lex.isPunct(open, "{") || lex.isPunct(open, "(") || lex.isPunct(open, "[") ? lex.matching(open) : open
          lex.record(into: &index, name: k + 2, kind: .macro, container: container, start: first, end: close, signature: "macro_rules! " + lex.text(k + 2), parent: parent)
          i = close + 1
        } else {
          i = k + 1
        }
      default:
        i = statementEnd(k, end) + 1
      }
    }
  }

  private mutating func readFn(first: Int, keyword: Int, end: Int, container: String, parent: Int, isMethod: Bool) -> Int {
    let name = keyword + 1
    guard name < end, tokens[name].kind == .name else { return keyword + 1 }
    var k = name + 1
    var depth = 0
    while k < end {
      if lex.isPunct(k, "(") || lex.isPunct(k, "[") || lex.isPunct(k, "<") { depth += 1 }
      if lex.isPunct(k, ")") || lex.isPunct(k, "]") || (lex.isPunct(k, ">") && !lex.isPunct(k - 1, "-")) { depth = max(0, depth - 1) }
      if depth == 0 && (lex.isPunct(k, "{") || lex.isPunct(k, ";")) { break }
      k += 1
    }
    let close = lex.isPunct(k, "{") ? lex.matching(k) : k
    let at = lex.record(
      into: &index, name: name, kind: isMethod ? .method : .function, container: container, start: first, end: close,
      signature: lex.joined(first, k), parent: parent)
    if lex.isPunct(k, "{") {
      // Items inside the body (a helper `fn`, a local `struct` and its `impl`): the function is their container.
      let inner = container.isEmpty ? lex.text(name) : container + "::" + lex.text(name)
      readItems(from: k + 1, to: close, container: inner, parent: at, inImplOrTrait: false, inBody: true)
    }
    return close + 1
  }

  private mutating func readTypeLike(first: Int, keyword: Int, end: Int, container: String, parent: Int) -> Int {
    let name = keyword + 1
    guard name < end, tokens[name].kind == .name else { return keyword + 1 }
    let word = lex.text(keyword)
    let kind: SymbolKind =
      switch word {
      case "struct": .struct
      case "union": .union
      case "enum": .enum
      case "trait": .interface
      default: .module
      }
    // The body is the first `{` outside generics, or the item ends at `;` (unit/tuple structs, `mod x;`).
    var k = name + 1
    var depth = 0
    while k < end {
      if lex.isPunct(k, "<") || lex.isPunct(k, "(") || lex.isPunct(k, "[") { depth += 1 }
      if lex.isPunct(k, ">") || lex.isPunct(k, ")") || lex.isPunct(k, "]") { depth = max(0, depth - 1) }
      if depth == 0 && (lex.isPunct(k, "{") || lex.isPunct(k, ";")) { break }
      k += 1
    }
    let close = lex.isPunct(k, "{") ? lex.matching(k) : k
    let at = lex.record(into: &index, name: name, kind: kind, container: container, start: first, end: close, signature: lex.joined(first, k), parent: parent)
    guard lex.isPunct(k, "{") else { return close + 1 }
    let inner = container.isEmpty ? lex.text(name) : container + "::" + lex.text(name)
    switch word {
    case "struct", "union": readFields(from: k + 1, to: close, container: inner, parent: at)
    case "enum": readVariants(from: k + 1, to: close, container: inner, parent: at)
    case "trait": readItems(from: k + 1, to: close, container: inner, parent: at, inImplOrTrait: true)
    default: readItems(from: k + 1, to: close, container: inner, parent: at, inImplOrTrait: false)
    }
    return close + 1
  }

  /// `impl<T> Trait for Type<T> where ... { ... }`: an `extension` named after Type; its fns are methods of Type.
  private mutating func readImpl(first: Int, keyword: Int, end: Int, container: String, parent: Int) -> Int {
    var k = keyword + 1
    if lex.isPunct(k, "<") { k = matchingAngle(k) + 1 }
    // The type is the last depth-0 name after `for` (a trait impl) or in the header (`impl<T> Stack<T>`),
    // before any `where` clause.
    var names: [Int] = []
    var depth = 0
    var inWhere = false
    var open = k
    while open < end {
      if lex.isPunct(open, "<") { depth += 1 }
      if lex.isPunct(open, ">") && !lex.isPunct(open - 1, "-") { depth -= 1 }
      if depth == 0 && (lex.isPunct(open, "{") || lex.isPunct(open, ";")) { break }
      if depth == 0, !inWhere, tokens[open].kind == .name {
        switch lex.text(open) {
        case "for": names.removeAll()
        case "where": inWhere = true
        default: names.append(open)
        }
      }
      open += 1
    }
    let typeName = names.last
    guard lex.isPunct(open, "{"), let typeName else { return open + 1 }
    let close = lex.matching(open)
    let name = lex.text(typeName)
    let at = lex.record(into: &index, name: typeName, kind: .extension, container: container, start: first, end: close, signature: lex.joined(first, open), parent: parent)
    let inner = container.isEmpty ? name : container + "::" + name
    readItems(from: open + 1, to: close, container: inner, parent: at, inImplOrTrait: true)
    return close + 1
  }

  /// `pub name: Type,` at depth 0 inside the braces.
  private mutating func readFields(from start: Int, to end: Int, container: String, parent: Int) {
    var k = start
    while k < end {
      if lex.isPunct(k, "#"), lex.isPunct(k + 1, "[") { k = lex.matching(k + 1) + 1; continue }
      var first = k
      while first < end, tokens[first].kind == .name, lex.text(first) == "pub" {
        first += 1
        if lex.isPunct(first, "(") { first = lex.matching(first) + 1 }
      }
      let stop = itemEnd(first, end)
      if first < stop, tokens[first].kind == .name, lex.isPunct(first + 1, ":") {
        lex.record(into: &index, name: first, kind: .field, container: container, start: k, end: stop - 1, signature: lex.joined(k, stop), parent: parent)
      }
      k = stop + 1
    }
  }

  /// `A`, `B(u8)`, `C { x: i32 }`, `D = 4` separated by commas.
  private mutating func readVariants(from start: Int, to end: Int, container: String, parent: Int) {
    var k = start
    while k < end {
      if lex.isPunct(k, "#"), lex.isPunct(k + 1, "[") { k = lex.matching(k + 1) + 1; continue }
      let stop = itemEnd(k, end)
      if k < stop, tokens[k].kind == .name {
        let signatureEnd = tokenRange(k, stop).first { lex.isPunct($0, "=") } ?? stop
        lex.record(into: &index, name: k, kind: .enumCase, container: container, start: k, end: stop - 1, signature: lex.joined(k, signatureEnd), parent: parent)
      }
      k = stop + 1
    }
  }

  /// The `,` ending a field or variant at depth 0 (or the end).
  private func itemEnd(_ from: Int, _ end: Int) -> Int {
    var k = from
    var depth = 0
    while k < end {
      if lex.isPunct(k, "(") || lex.isPunct(k, "[") || lex.isPunct(k, "{") || lex.isPunct(k, "<") { depth += 1 }
      if lex.isPunct(k, ")") || lex.isPunct(k, "]") || lex.isPunct(k, "}") || (lex.isPunct(k, ">") && !lex.isPunct(k - 1, "-")) { depth -= 1 }
      if depth == 0 && lex.isPunct(k, ",") { return k }
      k += 1
    }
    return end
  }

  private func statementEnd(_ from: Int, _ end: Int) -> Int {
    var k = from
    var depth = 0
    while k < end {
      if lex.isPunct(k, "(") || lex.isPunct(k, "[") || lex.isPunct(k, "{") { depth += 1 }
      if lex.isPunct(k, ")") || lex.isPunct(k, "]") || lex.isPunct(k, "}") {
        depth -= 1
        if depth == 0 && lex.isPunct(k, "}") && !lex.isPunct(k + 1, ";") { return k }
      }
      if depth == 0 && lex.isPunct(k, ";") { return k }
      k += 1
    }
    return max(from, end - 1)
  }

  private func isExternABI(_ k: Int) -> Bool { lex.text(k) == "extern" }


  private func matchingAngle(_ open: Int) -> Int {
    var depth = 0
    var k = open
    while k < tokens.count {
      if lex.isPunct(k, "<") { depth += 1 }
      if lex.isPunct(k, ">") && !lex.isPunct(k - 1, "-") {
        depth -= 1
        if depth == 0 { return k }
      }
      k += 1
    }
    return max(open, tokens.count - 1)
  }
}
