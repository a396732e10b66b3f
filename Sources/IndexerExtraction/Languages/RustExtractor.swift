import IndexerModel

/// Rust items from the shared C-family tokenizer (with Rust's raw strings, lifetimes and nested comments):
/// fn, struct (and fields), enum (and variants), union, trait (`interface`), impl blocks (`extension`,
/// named after the type, trait impls too), mod, const, static, type aliases and `macro_rules!`.
///
/// Items are read at module level and inside `mod`, `impl` and `trait` bodies; function bodies are
/// skipped by matching braces, so locals and closures never appear.
public struct RustExtractor: Extractor {
  public var language: Language { .rust }

  public init() {}

  public func extract(_ source: UnsafeBufferPointer<UInt8>) -> FileIndex {
    let tokens = CFamilyTokenizer(rustLiterals: true).tokenize(source).filter { $0.kind != .newline }
    var reader = RustItemReader(source: source, tokens: tokens)
    reader.readItems(from: 0, to: tokens.count, container: "", parent: -1, inImplOrTrait: false)
    return reader.index
  }
}

private struct RustItemReader {
  let source: UnsafeBufferPointer<UInt8>
  let tokens: [CFamilyToken]
  var index = FileIndex(language: .rust)

  private static let modifiers: Set<String> = ["pub", "unsafe", "async", "const", "extern", "default", "crate", "in", "self", "super"]

  init(source: UnsafeBufferPointer<UInt8>, tokens: [CFamilyToken]) {
    self.source = source
    self.tokens = tokens
  }

  mutating func readItems(from start: Int, to end: Int, container: String, parent: Int, inImplOrTrait: Bool) {
    var i = start
    while i < end {
      // Attributes: #[...] and #![...].
      if isPunct(i, "#") {
        var k = i + 1
        if isPunct(k, "!") { k += 1 }
        if isPunct(k, "[") { i = matching(k) + 1; continue }
      }
      guard tokens[i].kind == .name else {
        i = isPunct(i, "{") || isPunct(i, "(") || isPunct(i, "[") ? matching(i) + 1 : i + 1
        continue
      }
      let first = i
      // Visibility and qualifiers: pub, pub(crate), unsafe, async, const fn, extern "C".
      var k = i
      while k < end, tokens[k].kind == .name, Self.modifiers.contains(text(k)) || isExternABI(k) {
        if text(k) == "const", k + 1 < end, tokens[k + 1].kind == .name, text(k + 1) != "fn" { break }
        k += 1
        if isPunct(k, "(") { k = matching(k) + 1 }
        if k < end, tokens[k].kind == .literal { k += 1 }
      }
      guard k < end, tokens[k].kind == .name else { i = k + 1; continue }
      let keyword = text(k)
      switch keyword {
      case "fn":
        i = readFn(first: first, keyword: k, end: end, container: container, parent: parent, isMethod: inImplOrTrait)
      case "struct", "union", "enum", "trait", "mod":
        i = readTypeLike(first: first, keyword: k, end: end, container: container, parent: parent)
      case "impl":
        i = readImpl(first: first, keyword: k, end: end, container: container, parent: parent)
      case "const", "static", "type":
        var name = k + 1
        if text(k) == "static", name < end, tokens[name].kind == .name, text(name) == "mut" { name += 1 }
        let stop = statementEnd(k, end)
        if name < end, tokens[name].kind == .name, text(name) != "_" {
          let kind: SymbolKind = keyword == "const" ? .constant : (keyword == "static" ? .variable : .typealias)
          let signatureEnd = (k..<stop).first { isPunct($0, "=") } ?? stop
          record(name: name, kind: kind, container: container, start: first, end: stop, signature: joined(first, signatureEnd), parent: parent)
        }
        i = stop + 1
      case "macro_rules":
        // macro_rules! name { ... }
        if isPunct(k + 1, "!"), k + 2 < end, tokens[k + 2].kind == .name {
          let open = k + 3
          let close = isPunct(open, "{") || isPunct(open, "(") || isPunct(open, "[") ? matching(open) : open
          record(name: k + 2, kind: .macro, container: container, start: first, end: close, signature: "macro_rules! " + text(k + 2), parent: parent)
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
      if isPunct(k, "(") || isPunct(k, "[") || isPunct(k, "<") { depth += 1 }
      if isPunct(k, ")") || isPunct(k, "]") || (isPunct(k, ">") && !isPunct(k - 1, "-")) { depth = max(0, depth - 1) }
      if depth == 0 && (isPunct(k, "{") || isPunct(k, ";")) { break }
      k += 1
    }
    let close = isPunct(k, "{") ? matching(k) : k
    record(
      name: name, kind: isMethod ? .method : .function, container: container, start: first, end: close,
      signature: joined(first, k), parent: parent)
    return close + 1
  }

  private mutating func readTypeLike(first: Int, keyword: Int, end: Int, container: String, parent: Int) -> Int {
    let name = keyword + 1
    guard name < end, tokens[name].kind == .name else { return keyword + 1 }
    let word = text(keyword)
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
      if isPunct(k, "<") || isPunct(k, "(") || isPunct(k, "[") { depth += 1 }
      if isPunct(k, ">") || isPunct(k, ")") || isPunct(k, "]") { depth = max(0, depth - 1) }
      if depth == 0 && (isPunct(k, "{") || isPunct(k, ";")) { break }
      k += 1
    }
    let close = isPunct(k, "{") ? matching(k) : k
    let at = record(name: name, kind: kind, container: container, start: first, end: close, signature: joined(first, k), parent: parent)
    guard isPunct(k, "{") else { return close + 1 }
    let inner = container.isEmpty ? text(name) : container + "::" + text(name)
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
    if isPunct(k, "<") { k = matchingAngle(k) + 1 }
    // The type is the last depth-0 name after `for` (a trait impl) or in the header (`impl<T> Stack<T>`),
    // before any `where` clause.
    var names: [Int] = []
    var depth = 0
    var inWhere = false
    var open = k
    while open < end {
      if isPunct(open, "<") { depth += 1 }
      if isPunct(open, ">") && !isPunct(open - 1, "-") { depth -= 1 }
      if depth == 0 && (isPunct(open, "{") || isPunct(open, ";")) { break }
      if depth == 0, !inWhere, tokens[open].kind == .name {
        switch text(open) {
        case "for": names.removeAll()
        case "where": inWhere = true
        default: names.append(open)
        }
      }
      open += 1
    }
    let typeName = names.last
    guard isPunct(open, "{"), let typeName else { return open + 1 }
    let close = matching(open)
    let name = text(typeName)
    let at = record(name: typeName, kind: .extension, container: container, start: first, end: close, signature: joined(first, open), parent: parent)
    let inner = container.isEmpty ? name : container + "::" + name
    readItems(from: open + 1, to: close, container: inner, parent: at, inImplOrTrait: true)
    return close + 1
  }

  /// `pub name: Type,` at depth 0 inside the braces.
  private mutating func readFields(from start: Int, to end: Int, container: String, parent: Int) {
    var k = start
    while k < end {
      if isPunct(k, "#"), isPunct(k + 1, "[") { k = matching(k + 1) + 1; continue }
      var first = k
      while first < end, tokens[first].kind == .name, text(first) == "pub" {
        first += 1
        if isPunct(first, "(") { first = matching(first) + 1 }
      }
      let stop = itemEnd(first, end)
      if first < stop, tokens[first].kind == .name, isPunct(first + 1, ":") {
        record(name: first, kind: .field, container: container, start: k, end: stop - 1, signature: joined(k, stop), parent: parent)
      }
      k = stop + 1
    }
  }

  /// `A`, `B(u8)`, `C { x: i32 }`, `D = 4` separated by commas.
  private mutating func readVariants(from start: Int, to end: Int, container: String, parent: Int) {
    var k = start
    while k < end {
      if isPunct(k, "#"), isPunct(k + 1, "[") { k = matching(k + 1) + 1; continue }
      let stop = itemEnd(k, end)
      if k < stop, tokens[k].kind == .name {
        let signatureEnd = (k..<stop).first { isPunct($0, "=") } ?? stop
        record(name: k, kind: .enumCase, container: container, start: k, end: stop - 1, signature: joined(k, signatureEnd), parent: parent)
      }
      k = stop + 1
    }
  }

  /// The `,` ending a field or variant at depth 0 (or the end).
  private func itemEnd(_ from: Int, _ end: Int) -> Int {
    var k = from
    var depth = 0
    while k < end {
      if isPunct(k, "(") || isPunct(k, "[") || isPunct(k, "{") || isPunct(k, "<") { depth += 1 }
      if isPunct(k, ")") || isPunct(k, "]") || isPunct(k, "}") || (isPunct(k, ">") && !isPunct(k - 1, "-")) { depth -= 1 }
      if depth == 0 && isPunct(k, ",") { return k }
      k += 1
    }
    return end
  }

  private func statementEnd(_ from: Int, _ end: Int) -> Int {
    var k = from
    var depth = 0
    while k < end {
      if isPunct(k, "(") || isPunct(k, "[") || isPunct(k, "{") { depth += 1 }
      if isPunct(k, ")") || isPunct(k, "]") || isPunct(k, "}") {
        depth -= 1
        if depth == 0 && isPunct(k, "}") && !isPunct(k + 1, ";") { return k }
      }
      if depth == 0 && isPunct(k, ";") { return k }
      k += 1
    }
    return max(from, end - 1)
  }

  private func isExternABI(_ k: Int) -> Bool { text(k) == "extern" }

  @discardableResult
  private mutating func record(
    name: Int, kind: SymbolKind, container: String, start: Int, end: Int, signature: String, parent: Int
  ) -> Int {
    let s = tokens[min(start, name)]
    let e = tokens[max(start, min(end, tokens.count - 1))]
    return index.append(
      Symbol(
        name: text(name), kind: kind, container: container,
        range: SourceRange(
          start: SourcePosition(line: s.line, column: s.column), end: SourcePosition(line: e.endLine, column: e.endColumn)),
        signature: signature),
      parent: parent)
  }

  private func joined(_ from: Int, _ to: Int) -> String {
    var builder = SignatureBuilder()
    guard from < min(to, tokens.count) else { return "" }
    for k in from..<min(to, tokens.count) { builder.append(source, from: tokens[k].start, to: tokens[k].end) }
    return builder.text
  }

  private func matchingAngle(_ open: Int) -> Int {
    var depth = 0
    var k = open
    while k < tokens.count {
      if isPunct(k, "<") { depth += 1 }
      if isPunct(k, ">") && !isPunct(k - 1, "-") {
        depth -= 1
        if depth == 0 { return k }
      }
      k += 1
    }
    return max(open, tokens.count - 1)
  }

  private func matching(_ open: Int) -> Int {
    var depth = 0
    var k = open
    while k < tokens.count {
      if tokens[k].kind == .punct {
        switch source[tokens[k].start] {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
          depth -= 1
          if depth == 0 { return k }
        default: break
        }
      }
      k += 1
    }
    return max(open, tokens.count - 1)
  }

  private func isPunct(_ k: Int, _ c: Character) -> Bool {
    k >= 0 && k < tokens.count && tokens[k].kind == .punct && source[tokens[k].start] == c.asciiValue!
  }

  private func text(_ k: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: source[tokens[k].start..<tokens[k].end]), as: UTF8.self)
  }
}
