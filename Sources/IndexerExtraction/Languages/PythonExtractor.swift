import IndexerModel

/// Python definitions from a hand-written tokenizer: classes, functions, methods (async and decorated
/// too, at the line of `def`/`class`), nested definitions, and assignments at module and class level.
///
/// Blocks are found by indentation, as the language defines them; a definition ends at the last token
/// before the first logical line indented no deeper than it.
public struct PythonExtractor: Extractor {
  public var language: Language { .python }

  public init() {}

  private struct Scope {
    var indent: Int
    var symbol: Int
    var isClass: Bool
    var path: String
  }

  public func extract(_ buffer: UnsafeBufferPointer<UInt8>) -> FileIndex {
    let source = SourceBytes(buffer)
    var index = FileIndex(language: .python)
    var tokenizer = PythonTokenizer(buffer)
    var scopes: [Scope] = []
    var tokens: [PythonToken] = []
    tokens.reserveCapacity(64)
    // Names already bound in each scope (by its symbol index, -1 for the module): a later assignment to
    // one rebinds it, it does not define it again (`try: X = a` / `except: X = b`), as ctags also reads it.
    var bound: [Int: Set<String>] = [:]
    var scopeBuilder = PythonScopeBuilder(source: source)

    func close(to indent: Int) {
      scopeBuilder.close(to: indent, end: SourcePosition(line: tokenizer.lastTokenEndLine, column: tokenizer.lastTokenEndColumn))
      while let top = scopes.last, top.indent >= indent {
        index.symbols[top.symbol].range.end = SourcePosition(
          line: tokenizer.lastTokenEndLine, column: tokenizer.lastTokenEndColumn)
        scopes.removeLast()
      }
    }

    while let indent = tokenizer.nextLineIndent() {
      close(to: indent)
      let parent = scopes.last
      tokenizer.readLogicalLine(into: &tokens, wantsAssignments: parent == nil || parent?.isClass == true, collectsAll: true)
      guard !tokens.isEmpty else { continue }
      var definedSymbol: Int?
      defer {
        scopeBuilder.line(
          tokens, indent: indent, symbol: definedSymbol,
          end: SourcePosition(line: tokenizer.lastTokenEndLine, column: tokenizer.lastTokenEndColumn))
      }
      let container = parent?.path ?? ""
      let parentIndex = parent?.symbol ?? -1

      if let def = definition(in: tokens, source: source) {
        let kind: SymbolKind = def.isClass ? .class : (parent?.isClass == true ? .method : .function)
        let nameToken = tokens[def.nameIndex]
        let symbol = Symbol(
          name: text(source, nameToken), kind: kind, container: container,
          range: SourceRange(
            start: SourcePosition(line: tokens[def.keywordIndex].line, column: tokens[def.keywordIndex].column),
            end: SourcePosition(line: tokenizer.lastTokenEndLine, column: tokenizer.lastTokenEndColumn)),
          signature: def.signature)
        let at = index.append(symbol, parent: parentIndex)
        definedSymbol = at
        let path = container.isEmpty ? symbol.name : container + "." + symbol.name
        scopes.append(Scope(indent: indent, symbol: at, isClass: def.isClass, path: path))
        continue
      }
      // Assignments define names only at module and class level; inside functions they are locals.
      if parent == nil || parent?.isClass == true {
        for (target, segment) in assignmentTargets(in: tokens, source: source) {
          let token = tokens[target]
          let name = text(source, token)
          guard bound[parentIndex, default: []].insert(name).inserted else { continue }
          let end = SourcePosition(line: tokenizer.lastTokenEndLine, column: tokenizer.lastTokenEndColumn)
          // `key = lambda x: ...` defines a function in all but syntax.
          let isLambda = segment.upperBound + 1 < tokens.count && is_(tokens, segment.upperBound + 1, "lambda", source)
          let kind: SymbolKind = isLambda ? (parent == nil ? .function : .method) : (parent == nil ? .variable : .property)
          let symbol = Symbol(
            name: name, kind: kind, container: container,
            range: SourceRange(start: SourcePosition(line: token.line, column: token.column), end: end),
            signature: assignmentSignature(tokens[segment], source: source))
          index.append(symbol, parent: parentIndex)
        }
      }
    }
    close(to: 0)
    index.references = tokenizer.references.references
    index.scopes = scopeBuilder.finish(end: SourcePosition(line: tokenizer.lastTokenEndLine, column: tokenizer.lastTokenEndColumn))
    return index
  }

  private struct Definition {
    var keywordIndex: Int
    var nameIndex: Int
    var isClass: Bool
    var signature: String
  }

  /// `def`, `async def` or `class` at the start of a logical line, with its header up to the block colon.
  private func definition(in tokens: [PythonToken], source: SourceBytes) -> Definition? {
    var i = 0
    if is_(tokens, 0, "async", source) && is_(tokens, 1, "def", source) { i = 1 }
    let isClass: Bool
    if is_(tokens, i, "def", source) {
      isClass = false
    } else if is_(tokens, i, "class", source) {
      isClass = true
    } else {
      return nil
    }
    guard i + 1 < tokens.count, tokens[i + 1].kind == .name else { return nil }
    var builder = SignatureBuilder()
    var k = 0
    while k < tokens.count {
      let t = tokens[k]
      if t.kind == .op && t.depth == 0 && source[t.start] == UInt8(ascii: ":") && t.end - t.start == 1 && k > i + 1 {
        break
      }
      builder.append(source, from: t.start, to: t.end)
      k += 1
    }
    return Definition(keywordIndex: 0, nameIndex: i + 1, isClass: isClass, signature: builder.text)
  }

  /// The names an assignment statement binds (`a = 1`, `a: int = 1`, `a: int`, `a, b = 1, 2`, `a = b = 1`),
  /// each with the token range of its own target list, which becomes its signature.
  private func assignmentTargets(
    in tokens: [PythonToken], source: SourceBytes
  ) -> [(Int, Range<Int>)] {
    guard tokens[0].kind == .name, !isKeyword(text(source, tokens[0])) else {
      // `(a, b) = ...` and `[a, b] = ...` are rare at module level; ctags skips them too.
      return []
    }
    // Annotated: NAME ':' annotation ['=' value]
    if tokens.count >= 2 && isOp(tokens[1], ":", source) {
      let end = tokens.firstIndex { $0.depth == 0 && isOp($0, "=", source) } ?? tokens.count
      return [(0, 0..<end)]
    }
    var targets: [(Int, Range<Int>)] = []
    var segment: [Int] = []
    var segmentStart = 0
    var expectName = true
    var k = 0
    while k < tokens.count {
      let t = tokens[k]
      if t.depth != 0 { return [] }
      if expectName {
        guard t.kind == .name, !isKeyword(text(source, t)) else { return [] }
        segment.append(k)
        expectName = false
      } else if isOp(t, ",", source) {
        expectName = true
      } else if isOp(t, "=", source) {
        targets += segment.map { ($0, segmentStart..<k) }
        segment = []
        // `a = b = 1`: keep going while what follows is another target list and '='.
        guard hasAnotherTarget(tokens, after: k, source: source) else { return targets }
        segmentStart = k + 1
        expectName = true
      } else {
        return []
      }
      k += 1
    }
    return []
  }

  /// Whether the tokens after the `=` at `index` are `NAME (, NAME)* =`, i.e. a chained assignment target.
  private func hasAnotherTarget(_ tokens: [PythonToken], after index: Int, source: SourceBytes) -> Bool {
    var k = index + 1
    var expectName = true
    while k < tokens.count {
      let t = tokens[k]
      if t.depth != 0 { return false }
      if expectName {
        guard t.kind == .name, !isKeyword(text(source, t)) else { return false }
        expectName = false
      } else if isOp(t, ",", source) {
        expectName = true
      } else {
        return isOp(t, "=", source)
      }
      k += 1
    }
    return false
  }

  /// A target list and its annotation, without the value.
  private func assignmentSignature(_ tokens: ArraySlice<PythonToken>, source: SourceBytes) -> String {
    var builder = SignatureBuilder()
    for t in tokens { builder.append(source, from: t.start, to: t.end) }
    return builder.text
  }

  private func text(_ source: SourceBytes, _ t: PythonToken) -> String {
    source.string(t.start, t.end)
  }

  private func is_(_ tokens: [PythonToken], _ i: Int, _ word: StaticString, _ source: SourceBytes) -> Bool {
    guard i < tokens.count, tokens[i].kind == .name else { return false }
    return equals(source, tokens[i], word)
  }

  private func isOp(_ t: PythonToken, _ word: StaticString, _ source: SourceBytes) -> Bool {
    t.kind == .op && equals(source, t, word)
  }

  private func equals(_ source: SourceBytes, _ t: PythonToken, _ word: StaticString) -> Bool {
    let n = word.utf8CodeUnitCount
    guard t.end - t.start == n else { return false }
    let w = word.utf8Start
    for j in 0..<n where source[t.start + j] != w[j] { return false }
    return true
  }

  private static let keywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
  ]

  private func isKeyword(_ name: String) -> Bool { Self.keywords.contains(name) }
}
