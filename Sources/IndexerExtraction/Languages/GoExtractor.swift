import IndexerModel

/// Go definitions from a hand-written tokenizer: package-level funcs, methods (the receiver's type as
/// container), types (struct, interface, defined types and aliases, grouped or not, generic or not),
/// struct fields, interface methods, and consts and vars (grouped too).
///
/// Only package level is read for the outline: function bodies are skipped by matching braces, so locals
/// never appear there; `GoScopeBuilder` reads the bodies for resolution.
public struct GoExtractor: Extractor {
  public var language: Language { .go }

  public init() {}

  public func extract(_ source: UnsafeBufferPointer<UInt8>) -> FileIndex {
    let tokens = CFamilyTokenizer(backquoteRawStrings: true).tokenize(source)
    var reader = GoDeclarationReader(CFamilyTokens(source: source, tokens: tokens))
    reader.readPackageLevel()
    reader.index.references = ReferenceCollector.collect(tokens, in: source, keywords: Keywords.go)
    var scopeBuilder = GoScopeBuilder(reader.lex)
    reader.index.scopes = scopeBuilder.build()
    return reader.index
  }
}

private struct GoDeclarationReader {
  let lex: CFamilyTokens
  var tokens: TokenList { lex.tokens }
  var index = FileIndex(language: .go)

  init(_ lex: CFamilyTokens) {
    self.lex = lex
  }

  mutating func readPackageLevel() {
    var i = 0
    while i < tokens.count {
      let t = tokens[i]
      if t.kind == .name {
        switch lex.text(i) {
        case "func": i = readFunc(i); continue
        case "type": i = readGroupOrSpec(i, readTypeSpec); continue
        case "const", "var": i = readGroupOrSpec(i, lex.text(i) == "const" ? readConstSpec : readVarSpec); continue
        default: break
        }
      }
      if lex.isPunct(i, "{") || lex.isPunct(i, "(") || lex.isPunct(i, "[") { i = lex.matching(i) + 1; continue }
      i += 1
    }
  }

  // MARK: Declarations

  private mutating func readFunc(_ at: Int) -> Int {
    var j = at + 1
    var receiver = ""
    if lex.isPunct(j, "(") {
      let close = lex.matching(j)
      let names = j + 1 < close ? tokenRange(j + 1, close).filter { tokens[$0].kind == .name } : []
      // `(s *Server)`, `(Server)`, `(l *List[T])`: the type is the second name, or the only one.
      if let typeIndex = names.count >= 2 ? names[1] : names.first { receiver = lex.text(typeIndex) }
      j = close + 1
    }
    guard j < tokens.count, tokens[j].kind == .name else { return j }
    let name = j
    // The signature runs to the body's brace (or the line's end for a declaration without body).
    var k = j + 1
    var depth = 0
    while k < tokens.count {
      if lex.isPunct(k, "(") || lex.isPunct(k, "[") { depth += 1 }
      if lex.isPunct(k, ")") || lex.isPunct(k, "]") { depth -= 1 }
      if depth == 0 && (lex.isPunct(k, "{") || tokens[k].kind == .newline) { break }
      k += 1
    }
    let signature = lex.joined(at, k)
    var end = k - 1
    var next = k
    if lex.isPunct(k, "{") {
      end = lex.matching(k)
      next = end + 1
    }
    lex.record(
      into: &index, name: name, kind: receiver.isEmpty ? .function : .method, container: receiver, start: at, end: end,
      signature: signature, parent: -1)
    return next
  }

  /// `type X ...` or `type ( X ...; Y ... )`, the same for const and var.
  private mutating func readGroupOrSpec(_ at: Int, _ spec: (inout GoDeclarationReader, Int, Int) -> Int) -> Int {
    var j = at + 1
    guard lex.isPunct(j, "(") else { return spec(&self, j, at) }
    let close = lex.matching(j)
    j += 1
    while j < close {
      if tokens[j].kind == .name {
        j = spec(&self, j, j)
      } else {
        j += 1
      }
    }
    return close + 1
  }

  private static func lineEnd(_ reader: GoDeclarationReader, from start: Int) -> Int {
    var k = start
    var depth = 0
    while k < reader.tokens.count {
      if reader.lex.isPunct(k, "(") || reader.lex.isPunct(k, "[") || reader.lex.isPunct(k, "{") { depth += 1 }
      if reader.lex.isPunct(k, ")") || reader.lex.isPunct(k, "]") || reader.lex.isPunct(k, "}") {
        if depth == 0 { return k }  // the group's closing paren
        depth -= 1
      }
      if depth == 0 && (reader.tokens[k].kind == .newline || reader.lex.isPunct(k, ";")) { return k }
      k += 1
    }
    return k
  }

  private var readTypeSpec: (inout GoDeclarationReader, Int, Int) -> Int {
    { reader, name, keyword in
      guard name < reader.tokens.count, reader.tokens[name].kind == .name else { return name + 1 }
      var k = name + 1
      // Type parameters `[T any]` (a name followed by more), not an array type `[5]int` or `[]T`.
      if reader.lex.isPunct(k, "["), k + 2 < reader.tokens.count, reader.tokens[k + 1].kind == .name,
        !reader.lex.isPunct(k + 2, "]")
      {
        k = reader.lex.matching(k) + 1
      }
      let isAlias = reader.lex.isPunct(k, "=")
      if isAlias { k += 1 }
      let word = k < reader.tokens.count && reader.tokens[k].kind == .name ? reader.lex.text(k) : ""
      if (word == "struct" || word == "interface") && reader.lex.isPunct(k + 1, "{") {
        let close = reader.lex.matching(k + 1)
        let at = reader.lex.record(
          into: &reader.index, name: name, kind: word == "struct" ? .struct : .interface, container: "", start: keyword, end: close,
          signature: reader.lex.joined(keyword, k + 1), parent: -1)
        reader.readMembers(from: k + 2, to: close, of: at, inStruct: word == "struct")
        return close + 1
      }
      let end = Self.lineEnd(reader, from: k)
      reader.lex.record(
        into: &reader.index, name: name, kind: isAlias ? .typealias : .type, container: "", start: keyword, end: end - 1,
        signature: reader.lex.joined(keyword, end), parent: -1)
      return end
    }
  }

  private var readConstSpec: (inout GoDeclarationReader, Int, Int) -> Int { Self.valueSpec(.constant) }
  private var readVarSpec: (inout GoDeclarationReader, Int, Int) -> Int { Self.valueSpec(.variable) }

  /// `a, b int = 1, 2` or `A = iota`: every name before the type or `=`.
  private static func valueSpec(_ kind: SymbolKind) -> (inout GoDeclarationReader, Int, Int) -> Int {
    { reader, first, keyword in
      let end = lineEnd(reader, from: first)
      var names: [Int] = []
      var k = first
      while k < end, reader.tokens[k].kind == .name {
        names.append(k)
        guard reader.lex.isPunct(k + 1, ",") else { break }
        k += 2
      }
      let valueStart = tokenRange(first, end).first { reader.lex.isPunct($0, "=") } ?? end
      for name in names {
        reader.lex.record(
          into: &reader.index, name: name, kind: kind, container: "", start: keyword == first ? name : keyword, end: end - 1,
          signature: reader.lex.joined(keyword == first ? first : keyword, valueStart), parent: -1)
      }
      return end
    }
  }

  /// Fields of a struct, or method specs of an interface; embedded types and constraints are skipped.
  private mutating func readMembers(from start: Int, to close: Int, of parent: Int, inStruct: Bool) {
    let container = index.symbols[parent].name
    var k = start
    while k < close {
      if tokens[k].kind == .newline || lex.isPunct(k, ";") {
        k += 1
        continue
      }
      let end = min(Self.lineEnd(self, from: k), close)
      if inStruct {
        var names: [Int] = []
        var m = k
        while m < end, tokens[m].kind == .name {
          names.append(m)
          guard lex.isPunct(m + 1, ",") else { break }
          m += 2
        }
        // `Name Type` (or `A, B Type`): a type follows the last name; `pkg.Type` or `Type` alone is embedded.
        if let last = names.last, last + 1 < end, !lex.isPunct(last + 1, "."), tokens[last + 1].kind != .literal {
          let typeEnd = tokenRange(last + 1, end).last { tokens[$0].kind != .literal }.map { $0 + 1 } ?? end
          for name in names {
            lex.record(
              into: &index, name: name, kind: .field, container: container, start: name, end: typeEnd - 1,
              signature: lex.joined(k, typeEnd), parent: parent)
          }
        }
      } else if tokens[k].kind == .name, lex.isPunct(k + 1, "(") {
        lex.record(into: &index, name: k, kind: .method, container: container, start: k, end: end - 1, signature: lex.joined(k, end), parent: parent)
      }
      k = end
    }
  }

  // MARK: Helpers
}
