import IndexerModel

/// Java definitions from the shared C-family tokenizer: classes, interfaces, enums and their constants,
/// records, annotation types, methods, constructors and fields, nested to any depth.
///
/// A class body is read as a run of statements ending in `;` or `{` (outside parentheses and generics):
/// a type keyword makes a type, `name(` before the brace or semicolon makes a method (a constructor when
/// the name is the class's), anything else ending in `;` declares fields. Method bodies are skipped by
/// matching braces, so locals and anonymous classes never appear.
public struct JavaExtractor: Extractor {
  public var language: Language { .java }

  public init() {}

  public func extract(_ source: UnsafeBufferPointer<UInt8>) -> FileIndex {
    let tokens = CFamilyTokenizer(tripleQuoteTextBlocks: true).tokenize(source).filter { $0.kind != .newline }
    var reader = JavaDeclarationReader(source: source, tokens: tokens)
    reader.readBody(from: 0, to: tokens.count, container: "", parent: -1, className: nil, isEnum: false)
    return reader.index
  }
}

private struct JavaDeclarationReader {
  let source: UnsafeBufferPointer<UInt8>
  let tokens: [CFamilyToken]
  var index = FileIndex(language: .java)

  private static let typeKeywords: [String: SymbolKind] = [
    "class": .class, "interface": .interface, "enum": .enum, "record": .record,
  ]

  init(source: UnsafeBufferPointer<UInt8>, tokens: [CFamilyToken]) {
    self.source = source
    self.tokens = tokens
  }

  mutating func readBody(from start: Int, to end: Int, container: String, parent: Int, className: String?, isEnum: Bool) {
    var i = start
    if isEnum { i = readEnumConstants(from: i, to: end, container: container, parent: parent) }
    while i < end {
      if isPunct(i, ";") || isPunct(i, "}") {
        i += 1
        continue
      }
      // One statement: up to `;` or `{` outside (), [] and <>.
      var k = i
      var depth = 0
      while k < end {
        if isPunct(k, "(") || isPunct(k, "[") || isPunct(k, "<") { depth += 1 }
        if isPunct(k, ")") || isPunct(k, "]") || isPunct(k, ">") { depth = max(0, depth - 1) }
        if depth == 0 && (isPunct(k, ";") || isPunct(k, "{") || isPunct(k, "=")) { break }
        k += 1
      }
      let first = skipAnnotations(i, k)
      if isPunct(k, "=") {
        // A field with an initializer: names are before the first `=`; the value runs to `;` at depth 0.
        recordFields(first, k, container: container, parent: parent)
        k = statementEnd(k, end)
        i = k + 1
        continue
      }
      if let (keyword, kind) = typeKeyword(first, k), keyword + 1 < k, tokens[keyword + 1].kind == .name {
        let name = keyword + 1
        let close = isPunct(k, "{") ? matching(k) : k
        let at = record(name: name, kind: kind, container: container, start: first, end: close, signature: joined(first, k), parent: parent)
        if isPunct(k, "{") {
          let inner = container.isEmpty ? text(name) : container + "." + text(name)
          readBody(from: k + 1, to: close, container: inner, parent: at, className: text(name), isEnum: kind == .enum)
        }
        i = close + 1
        continue
      }
      if let open = (first..<k).first(where: { isPunct($0, "(") }), open > first, tokens[open - 1].kind == .name {
        let name = open - 1
        let isConstructor = text(name) == className
        let close = isPunct(k, "{") ? matching(k) : k
        record(
          name: name, kind: isConstructor ? .initializer : .method, container: container, start: first, end: close,
          signature: joined(first, k), parent: parent)
        i = close + 1
        continue
      }
      if isPunct(k, "{") {
        i = matching(k) + 1  // an initializer block or something unrecognized: skip it whole
        continue
      }
      if first < k, !["package", "import"].contains(text(first)) {
        recordFields(first, k, container: container, parent: parent)
      }
      i = k + 1
    }
  }

  /// `RED, GREEN("g") { ... }, BLUE;` at the start of an enum body.
  private mutating func readEnumConstants(from start: Int, to end: Int, container: String, parent: Int) -> Int {
    var i = start
    while i < end {
      if isPunct(i, ";") { return i + 1 }
      let first = skipAnnotations(i, end)
      guard first < end, tokens[first].kind == .name else { return first }
      var k = first + 1
      if isPunct(k, "(") { k = matching(k) + 1 }
      let signatureEnd = k
      if isPunct(k, "{") { k = matching(k) + 1 }
      record(
        name: first, kind: .enumCase, container: container, start: first, end: k - 1, signature: joined(first, signatureEnd),
        parent: parent)
      if isPunct(k, ",") { k += 1 }
      if !(k < end && (tokens[k].kind == .name || isPunct(k, "@") || isPunct(k, ";"))) { return k }
      i = k
    }
    return i
  }

  /// `private final Map<K, V> a, b;` declares a and b: each name is followed by `,`, `=`, `[` or the end.
  private mutating func recordFields(_ first: Int, _ end: Int, container: String, parent: Int) {
    guard !container.isEmpty else { return }
    var depth = 0
    var names: [Int] = []
    var k = first
    while k < end {
      if isPunct(k, "<") || isPunct(k, "(") { depth += 1 }
      if isPunct(k, ">") || isPunct(k, ")") { depth -= 1 }
      if depth == 0, tokens[k].kind == .name, k > first, k + 1 == end || isPunct(k + 1, ",") || isPunct(k + 1, "[") {
        names.append(k)
      }
      k += 1
    }
    let statementEnd = end < tokens.count ? statementEnd(end, tokens.count) : end
    for name in names {
      record(
        name: name, kind: .field, container: container, start: first, end: statementEnd,
        signature: joined(first, end), parent: parent)
    }
  }

  private func statementEnd(_ from: Int, _ limit: Int) -> Int {
    var k = from
    var depth = 0
    while k < limit {
      if isPunct(k, "(") || isPunct(k, "[") || isPunct(k, "{") { depth += 1 }
      if isPunct(k, ")") || isPunct(k, "]") || isPunct(k, "}") {
        if depth == 0 { return k }
        depth -= 1
      }
      if depth == 0 && isPunct(k, ";") { return k }
      k += 1
    }
    return min(k, limit - 1)
  }

  /// The type keyword of a statement (`class`, `@interface`, ...) and the kind it makes.
  private func typeKeyword(_ from: Int, _ to: Int) -> (Int, SymbolKind)? {
    for k in from..<max(from, to) where tokens[k].kind == .name {
      if isPunct(k, "(") { return nil }
      if text(k) == "interface", k > from, isPunct(k - 1, "@") { return (k, .annotation) }
      if let kind = Self.typeKeywords[text(k)] { return (k, kind) }
    }
    return nil
  }

  /// Skips `@Name` and `@Name(...)` annotations (but not `@interface`).
  private func skipAnnotations(_ from: Int, _ limit: Int) -> Int {
    var k = from
    while k < limit, isPunct(k, "@"), k + 1 < limit, tokens[k + 1].kind == .name, text(k + 1) != "interface" {
      k += 2
      while isPunct(k, "."), k + 1 < limit { k += 2 }  // @java.lang.Deprecated
      if isPunct(k, "(") { k = matching(k) + 1 }
    }
    return k
  }

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
    for k in from..<min(to, tokens.count) {
      builder.append(source, from: tokens[k].start, to: tokens[k].end)
    }
    return builder.text
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
