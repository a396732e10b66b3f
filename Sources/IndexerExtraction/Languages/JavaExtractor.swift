import IndexerModel

/// Java definitions from the shared C-family tokenizer: classes, interfaces, enums and their constants,
/// records, annotation types, methods, constructors and fields, nested to any depth.
///
/// A class body is read as a run of statements ending in `;` or `{` (outside parentheses and generics):
/// a type keyword makes a type, `name(` before the brace or semicolon makes a method (a constructor when
/// the name is the class's), anything else ending in `;` declares fields. Method bodies are skipped by
/// matching braces, so locals and anonymous classes never appear in the outline; `JavaScopeBuilder` reads
/// the bodies for resolution.
public struct JavaExtractor: Extractor {
  public var language: Language { .java }

  public init() {}

  public func extract(_ source: UnsafeBufferPointer<UInt8>) -> FileIndex {
    let tokens = CFamilyTokenizer(tripleQuoteTextBlocks: true, dollarInNames: true).tokenize(source).filter { $0.kind != .newline }
    var reader = JavaDeclarationReader(CFamilyTokens(source: source, tokens: tokens))
    reader.readBody(from: 0, to: tokens.count, container: "", parent: -1, className: nil, isEnum: false)
    var scopeBuilder = JavaScopeBuilder(reader.lex)
    reader.index.scopes = scopeBuilder.build()
    reader.index.references = ReferenceCollector.collect(tokens, in: source, keywords: Keywords.java)
    return reader.index
  }
}

private struct JavaDeclarationReader {
  let lex: CFamilyTokens
  var tokens: TokenList { lex.tokens }
  var index = FileIndex(language: .java)
  private var nesting = 0

  private static let typeKeywords: [String: SymbolKind] = [
    "class": .class, "interface": .interface, "enum": .enum, "record": .record,
  ]

  init(_ lex: CFamilyTokens) {
    self.lex = lex
  }

  mutating func readBody(from start: Int, to end: Int, container: String, parent: Int, className: String?, isEnum: Bool) {
    // Declarations nest through recursion: past the limit a body is skipped whole, so no input can
    // exhaust the stack (10,000 nested classes crashed every reader before this).
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= CFamilyTokens.maxNesting else { return }
    var i = start
    if isEnum { i = readEnumConstants(from: i, to: end, container: container, parent: parent) }
    while i < end {
      if lex.isPunct(i, ";") || lex.isPunct(i, "}") {
        i += 1
        continue
      }
      // One statement: up to `;` or `{` outside (), [] and <>.
      var k = i
      var depth = 0
      while k < end {
        if lex.isPunct(k, "(") || lex.isPunct(k, "[") || lex.isPunct(k, "<") { depth += 1 }
        if lex.isPunct(k, ")") || lex.isPunct(k, "]") || lex.isPunct(k, ">") { depth = max(0, depth - 1) }
        if depth == 0 && (lex.isPunct(k, ";") || lex.isPunct(k, "{") || lex.isPunct(k, "=")) { break }
        k += 1
      }
      let first = skipAnnotations(i, k)
      if lex.isPunct(k, "=") {
        // Fields with initializers: the statement runs to `;` at depth 0, and may declare more after commas.
        let stop = statementEnd(k, end)
        recordFields(first, stop, container: container, parent: parent)
        i = stop + 1
        continue
      }
      if let (keyword, kind) = typeKeyword(first, k), keyword + 1 < k, tokens[keyword + 1].kind == .name {
        let name = keyword + 1
        let close = lex.isPunct(k, "{") ? lex.matching(k) : k
        let at = lex.record(into: &index, name: name, kind: kind, container: container, start: first, end: close, signature: lex.joined(first, k), parent: parent)
        if lex.isPunct(k, "{") {
          let inner = container.isEmpty ? lex.text(name) : container + "." + lex.text(name)
          readBody(from: k + 1, to: close, container: inner, parent: at, className: lex.text(name), isEnum: kind == .enum)
        }
        i = close + 1
        continue
      }
      if let open = tokenRange(first, k).first(where: { lex.isPunct($0, "(") }), open > first, tokens[open - 1].kind == .name {
        let name = open - 1
        let isConstructor = lex.text(name) == className
        let close = lex.isPunct(k, "{") ? lex.matching(k) : k
        lex.record(
          into: &index, name: name, kind: isConstructor ? .initializer : .method, container: container, start: first, end: close,
          signature: lex.joined(first, k), parent: parent)
        i = close + 1
        continue
      }
      if lex.isPunct(k, "{") {
        i = lex.matching(k) + 1  // an initializer block or something unrecognized: skip it whole
        continue
      }
      if first < k, !["package", "import"].contains(lex.text(first)) {
        recordFields(first, k, container: container, parent: parent)
      }
      i = k + 1
    }
  }

  /// `RED, GREEN("g") { ... }, BLUE;` at the start of an enum body.
  private mutating func readEnumConstants(from start: Int, to end: Int, container: String, parent: Int) -> Int {
    var i = start
    while i < end {
      if lex.isPunct(i, ";") { return i + 1 }
      let first = skipAnnotations(i, end)
      guard first < end, tokens[first].kind == .name else { return first }
      var k = first + 1
      if lex.isPunct(k, "(") { k = lex.matching(k) + 1 }
      let signatureEnd = k
      if lex.isPunct(k, "{") { k = lex.matching(k) + 1 }
      lex.record(
        into: &index, name: first, kind: .enumCase, container: container, start: first, end: k - 1, signature: lex.joined(first, signatureEnd),
        parent: parent)
      if lex.isPunct(k, ",") { k += 1 }
      if !(k < end && (tokens[k].kind == .name || lex.isPunct(k, "@") || lex.isPunct(k, ";"))) { return k }
      i = k
    }
    return i
  }

  /// `private final Map<K, V> a, b;` declares a and b; `static final int A = 1, B = f(x, y);` declares A and
  /// B; `int[] xs` and `int xs[]` declare xs. Declarators are split at commas outside brackets (generics
  /// only before a declarator's `=`, where `<` cannot be a comparison); each one's name is its last name
  /// before its `=`.
  private mutating func recordFields(_ first: Int, _ end: Int, container: String, parent: Int) {
    guard !container.isEmpty else { return }
    var declarators: [(name: Int, start: Int, end: Int)] = []
    var segmentStart = first
    var candidate: Int?
    var nameEnd = first
    var inInitializer = false
    var depth = 0
    var k = first
    while k <= end {
      let atEnd = k == end || (depth == 0 && lex.isPunct(k, ","))
      if atEnd {
        if let candidate { declarators.append((candidate, segmentStart, inInitializer ? nameEnd : k)) }
        candidate = nil
        inInitializer = false
        segmentStart = k + 1
        k += 1
        continue
      }
      if lex.isPunct(k, "(") || lex.isPunct(k, "[") || lex.isPunct(k, "{") || (!inInitializer && lex.isPunct(k, "<")) { depth += 1 }
      if lex.isPunct(k, ")") || lex.isPunct(k, "]") || lex.isPunct(k, "}") || (!inInitializer && lex.isPunct(k, ">")) {
        depth = max(0, depth - 1)
      }
      if !inInitializer && depth == 0 {
        if lex.isPunct(k, "=") {
          inInitializer = true
          nameEnd = k
        } else if tokens[k].kind == .name && (k > first || !declarators.isEmpty) {
          candidate = k
        }
      }
      k += 1
    }
    let statementEnd = end < tokens.count ? statementEnd(end, tokens.count) : end
    for (i, declarator) in declarators.enumerated() {
      // The first declarator carries the modifiers and type; later ones borrow them for their signature.
      let signature =
        i == 0
        ? lex.joined(first, declarator.end)
        : lex.joined(first, declarators[0].name) + " " + lex.joined(declarator.name, declarator.end)
      lex.record(
        into: &index, name: declarator.name, kind: .field, container: container, start: first, end: statementEnd,
        signature: signature, parent: parent)
    }
  }

  private func statementEnd(_ from: Int, _ limit: Int) -> Int {
    var k = from
    var depth = 0
    while k < limit {
      if lex.isPunct(k, "(") || lex.isPunct(k, "[") || lex.isPunct(k, "{") { depth += 1 }
      if lex.isPunct(k, ")") || lex.isPunct(k, "]") || lex.isPunct(k, "}") {
        if depth == 0 { return k }
        depth -= 1
      }
      if depth == 0 && lex.isPunct(k, ";") { return k }
      k += 1
    }
    return min(k, limit - 1)
  }

  /// The type keyword of a statement (`class`, `@interface`, ...) and the kind it makes.
  private func typeKeyword(_ from: Int, _ to: Int) -> (Int, SymbolKind)? {
    for k in from..<max(from, to) where tokens[k].kind == .name {
      if lex.isPunct(k, "(") { return nil }
      if lex.text(k) == "interface", k > from, lex.isPunct(k - 1, "@") { return (k, .annotation) }
      if let kind = Self.typeKeywords[lex.text(k)] { return (k, kind) }
    }
    return nil
  }

  /// Skips `@Name` and `@Name(...)` annotations (but not `@interface`).
  private func skipAnnotations(_ from: Int, _ limit: Int) -> Int {
    var k = from
    while k < limit, lex.isPunct(k, "@"), k + 1 < limit, tokens[k + 1].kind == .name, lex.text(k + 1) != "interface" {
      k += 2
      while lex.isPunct(k, "."), k + 1 < limit { k += 2 }  // @java.lang.Deprecated
      if lex.isPunct(k, "(") { k = lex.matching(k) + 1 }
    }
    return k
  }
}
