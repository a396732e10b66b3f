import IndexerModel

/// Python's scopes and bindings from the extractor's logical lines, by the language's rules: a function
/// or class body is a scope (blocks are not), and so are a lambda and a comprehension; assignment, `for`,
/// `with … as`, `except … as`, `import`, `:=`, parameters and definitions bind; `global` and `nonlocal`
/// say where a name lives instead. Resolution (in the query core) applies the lookup rules; this only
/// records what the file says.
///
/// Every token read goes through `token(_:)`, which answers nil past either end, so a half-typed line
/// cannot trap; nothing here recurses.
struct PythonScopeBuilder {
  private let source: SourceBytes
  private var result = FileScopes()
  /// The def and class scopes whose block is open, innermost last.
  private var open: [Block] = []
  /// Whether the decorators read since the last definition include `@staticmethod`.
  private var staticPending = false
  private var tokens: [PythonToken] = []
  /// The header word (`if`, `elif`, `case`, …) of the last clause whose body opened a block, per enclosing
  /// scope: what tells an `else` that ends an `if` from one that ends a loop.
  private var lastBlockHeader: [Int: String] = [:]
  /// The end of the logical line being read: where its assignments become visible.
  private var lineEnd = SourcePosition(line: 1, column: 1)

  private struct Block {
    var scope: Int
    var indent: Int
    /// The receiver parameter's name in the method this block is in (`self`, `cls`), empty elsewhere.
    var receiver: String
  }

  init(source: SourceBytes) {
    self.source = source
    result.scopes.append(
      FileScopes.Scope(kind: .file, range: SourceRange(start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 1)), parent: -1))
  }

  /// Ends the blocks indented at least `indent`, at `end` (the last token before the line that dedents).
  mutating func close(to indent: Int, end: SourcePosition) {
    while let top = open.last, top.indent >= indent {
      result.scopes[top.scope].range.end = end
      open.removeLast()
    }
  }

  /// One logical line at `indent`, ending at `end`; `symbol` is the outline index the extractor gave the
  /// line's `def` or `class`, if it defined one.
  mutating func line(_ lineTokens: [PythonToken], indent: Int, symbol: Int?, end: SourcePosition) {
    tokens = lineTokens
    lineEnd = end
    guard !tokens.isEmpty else { return }
    let scope = open.last?.scope ?? 0
    if let header = definitionHeader() {
      openDefinition(header, indent: indent, scope: scope, symbol: symbol)
      staticPending = false
    } else if isOp(0, "@") {
      if isWord(1, "staticmethod") { staticPending = true }
    } else if let colon = compoundHeaderColon() {
      compound(colon: colon, indent: indent, scope: scope)
    } else {
      simpleStatements(in: scope)
    }
    tokens = lineTokens
    lineEnd = end
    inlineScopes(in: open.last?.scope ?? 0)
    members()
    moduleUses()
    keywordArguments()
  }

  /// `f(a, size=3)`, `obj.m(key=1)`: each `name=` right inside a call's parentheses, with the callee's last name.
  private mutating func keywordArguments() {
    guard definitionHeader() == nil else { return }  // `def f(a=1)` declares defaults, it passes nothing
    var i = 1
    while let t = token(i) {
      if t.kind == .name, isOp(i + 1, "="), isOp(i - 1, "(") || isOp(i - 1, ","), let open = openingBracket(before: i), isOp(open, "("),
        let callee = token(open - 1), callee.kind == .name, !isKeyword(open - 1)
      {
        result.keywordArguments.append(
          FileScopes.KeywordArgument(
            position: SourcePosition(line: t.line, column: t.column), callee: text(callee),
            calleePosition: SourcePosition(line: callee.line, column: callee.column)))
      }
      i += 1
    }
  }

  /// `x = 10; y = x`: each statement on its own, its bindings visible from its own end.
  private mutating func simpleStatements(in scope: Int) {
    let line = tokens
    let depth = line[0].depth
    let end = lineEnd
    var start = 0
    for i in line.indices where i == line.count - 1 || (line[i].depth == depth && line[i].kind == .op && equals(line[i], ";")) {
      let last = i == line.count - 1 && !(line[i].kind == .op && equals(line[i], ";")) ? i : i - 1
      if last >= start {
        tokens = Array(line[start...last])
        let t = line[last]
        lineEnd = last == line.count - 1 ? end : SourcePosition(line: t.line, column: t.column + (t.end - t.start))
        statement(in: scope)
      }
      start = i + 1
    }
    lineEnd = end
  }

  // MARK: Blocks

  /// The header's `:` when the line is a compound statement (`if`, `for`, `try`, `with`, …).
  private func compoundHeaderColon() -> Int? {
    var first = 0
    if isWord(0, "async") { first = 1 }
    // The longest compound keyword is `finally`: a longer first name needs no String to rule out.
    guard let t = token(first), t.kind == .name, t.end - t.start <= 7 else { return nil }
    let word = text(t)
    let soft = word == "match" || word == "case"
    guard soft || Self.compoundKeywords.contains(word) else { return nil }
    let depth = tokens[0].depth
    var i = first + 1
    while let u = token(i) {
      if u.depth == depth && isOp(i, ":") { return i }
      // `lambda a: …` in a header has its own colon; `match` and `case` are names unless a header ends the line.
      if u.depth == depth && isWord(i, "lambda") { return soft ? nil : firstOp(":", from: expressionEnd(from: i) + 1, depth: depth) }
      i += 1
    }
    return nil
  }

  /// A compound statement: its header binds (`for` targets where the statement stands; `except … as e` and
  /// `with … as f` in the body), its body is a block when it is on the lines below, and a body on the same
  /// line (`if x: y = 1`) is read as a statement of its own.
  private mutating func compound(colon: Int, indent: Int, scope: Int) {
    let line = tokens
    let header = Array(line[..<colon])
    let body = Array(line[(colon + 1)...])
    var inner = scope
    let first = isWord(0, "async") ? 1 : 0
    let word = token(first).map { text($0) } ?? ""
    if body.isEmpty {
      let start = SourcePosition(line: line[0].line, column: line[0].column)
      inner = result.scopes.count
      let kind: FileScopes.ScopeKind = isBranch(word, after: lastBlockHeader[scope] ?? "") ? .branch : .block
      result.scopes.append(FileScopes.Scope(kind: kind, range: SourceRange(start: start, end: lineEnd), parent: scope))
      open.append(Block(scope: inner, indent: indent, receiver: open.last?.receiver ?? ""))
    }
    lastBlockHeader[scope] = body.isEmpty ? word : ""
    tokens = header
    statement(in: isWord(first, "for") || isWord(first, "while") || isWord(first, "if") || isWord(first, "elif") ? scope : inner)
    if !body.isEmpty {
      tokens = body
      statement(in: scope)
    }
  }

  /// Whether a clause headed by `word` is another branch of the one before it, headed by `previous`.
  private func isBranch(_ word: String, after previous: String) -> Bool {
    switch word {
    case "elif": previous == "if" || previous == "elif"
    case "else": previous == "if" || previous == "elif"
    case "case": previous == "case"
    default: false
    }
  }

  // MARK: Module names in imports

  /// Each dotted part of a module an `import` or `from` line names, with the module it names up to there.
  private mutating func moduleUses() {
    if isWord(0, "from") {
      var i = 1
      var module = ""
      while isOp(i, "."), let t = token(i) {
        module += text(t)
        i += 1
      }
      dottedModule(from: i, prefix: module)
    } else if isWord(0, "import") {
      var i = 1
      while token(i) != nil {
        i = dottedModule(from: i, prefix: "")
        if isWord(i, "as") { i += 2 }
        guard isOp(i, ",") else { return }
        i += 1
      }
    }
  }

  /// Records `a.b.c` from `k` part by part; returns the index past it.
  @discardableResult
  private mutating func dottedModule(from k: Int, prefix: String) -> Int {
    var module = prefix
    var i = k
    while let t = token(i), t.kind == .name, !isWord(i, "import") {
      module += (module.isEmpty || module.hasSuffix(".") ? "" : ".") + text(t)
      result.moduleUses.append(FileScopes.ModuleUse(position: SourcePosition(line: t.line, column: t.column), module: module))
      guard isOp(i + 1, ".") else { return i + 1 }
      i += 2
    }
    return i
  }

  mutating func finish(end: SourcePosition) -> FileScopes {
    close(to: 0, end: end)
    result.scopes[0].range.end = end
    return result
  }

  // MARK: Definitions

  private struct Header {
    var nameIndex: Int
    var isClass: Bool
  }

  private func definitionHeader() -> Header? {
    var i = 0
    if isWord(0, "async") { i = 1 }
    let isClass: Bool
    if isWord(i, "def") {
      isClass = false
    } else if isWord(i, "class") && i == 0 {
      isClass = true
    } else {
      return nil
    }
    guard let name = token(i + 1), name.kind == .name else { return nil }
    return Header(nameIndex: i + 1, isClass: isClass)
  }

  /// Binds the definition's name where it stands, opens its scope and binds its parameters.
  private mutating func openDefinition(_ header: Header, indent: Int, scope: Int, symbol: Int?) {
    guard let nameToken = token(header.nameIndex) else { return }
    bind(header.nameIndex, in: scope, kind: .definition)
    let startToken = token(header.nameIndex + 1) ?? nameToken
    let start = SourcePosition(line: startToken.line, column: startToken.column)
    let owner = result.owner(of: scope)
    let parentIsType = owner >= 0 && result.scopes[owner].kind == .type
    let index = result.scopes.count
    result.scopes.append(
      FileScopes.Scope(
        kind: header.isClass ? .type : .function, range: SourceRange(start: start, end: start), parent: scope,
        symbol: symbol ?? -1, bases: header.isClass ? bases(after: header.nameIndex) : []))
    var k = header.nameIndex + 1
    if isOp(k, "[") { k = typeParameters(from: k, in: index) }
    var receiver = ""
    if !header.isClass && isOp(k, "(") {
      receiver = parameters(from: k, in: index, firstIsReceiver: parentIsType && !staticPending)
    }
    open.append(Block(scope: index, indent: indent, receiver: receiver))
  }

  /// The dotted names in a class head's parentheses (keyword arguments such as `metaclass=` left out).
  private func bases(after nameIndex: Int) -> [String] {
    guard isOp(nameIndex + 1, "("), let open = token(nameIndex + 1) else { return [] }
    var bases: [String] = []
    var k = nameIndex + 2
    while let t = token(k), t.depth > open.depth {
      let (name, next) = dottedName(at: k)
      if !name.isEmpty && (isOp(next, ",") || isOp(next, ")")) { bases.append(name) }
      // On to the next argument at this depth.
      k = max(next, k + 1)
      while let u = token(k), u.depth > open.depth + 1 || (u.depth == open.depth + 1 && !isOp(k, ",") && !isOp(k, ")")) { k += 1 }
      if isOp(k, ",") { k += 1 } else { break }
    }
    return bases
  }

  /// `[T, U: int]`: binds each name; returns the index past `]`.
  private mutating func typeParameters(from k: Int, in scope: Int) -> Int {
    guard let open = token(k) else { return k }
    var i = k + 1
    var expectName = true
    while let t = token(i), t.depth > open.depth {
      if t.depth == open.depth + 1 {
        if expectName && t.kind == .name {
          bind(i, in: scope, kind: .typeParameter)
          expectName = false
        } else if isOp(i, ",") {
          expectName = true
        }
      }
      i += 1
    }
    return i + 1
  }

  /// Binds the names in a parameter list starting at the `(` at `k`; returns the receiver's name when
  /// the first parameter is one.
  private mutating func parameters(from k: Int, in scope: Int, firstIsReceiver: Bool) -> String {
    guard let open = token(k) else { return "" }
    let inner = open.depth + 1
    var i = k + 1
    var atStart = true
    var first = true
    var receiver = ""
    while let t = token(i), t.depth >= inner {
      if t.depth == inner {
        if isOp(i, ",") {
          atStart = true
        } else if atStart && t.kind == .name {
          let isReceiver = first && firstIsReceiver
          let annotation = isOp(i + 1, ":") ? plainType(from: i + 2) : ""
          bind(i, in: scope, kind: isReceiver ? .receiverParameter : .parameter, typeName: annotation)
          if isReceiver { receiver = text(t) }
          atStart = false
          first = false
        } else if atStart && (isOp(i, "*") || isOp(i, "**") || isOp(i, "/")) {
          // `*args`, `**kwargs`, and the bare `*` and `/` markers
          if isOp(i, "/") || !(token(i + 1)?.kind == .name) { first = false }
        } else {
          atStart = false
        }
      }
      i += 1
    }
    return receiver
  }

  // MARK: Statements

  private mutating func statement(in scope: Int) {
    let owner = result.owner(of: scope)
    let isFunction = owner >= 0 && result.scopes[owner].kind == .function
    let assignedKind: FileScopes.BindingKind = isFunction ? .local : .definition
    if isWord(0, "global") || isWord(0, "nonlocal") {
      let kind: FileScopes.BindingKind = isWord(0, "global") ? .global : .nonlocal
      var i = 1
      while let t = token(i) {
        if t.kind == .name { bind(i, in: scope, kind: kind) }
        i += 1
      }
      return
    }
    if isWord(0, "import") { return importNames(in: scope) }
    if isWord(0, "from") { return fromImport(in: scope) }
    var first = 0
    if isWord(0, "async") { first = 1 }
    if isWord(first, "for") {
      if let inIndex = firstWord("in", from: first + 1, depth: token(first)?.depth ?? 0) {
        bindTargets(first + 1..<inIndex, in: scope, kind: .loop, visible: lineEnd)
      }
      return
    }
    if isWord(first, "with") {
      var i = first + 1
      while let t = token(i) {
        if isWord(i, "as") && t.depth <= 1 {
          var end = i + 1
          while let u = token(end), !(u.depth <= t.depth && (isOp(end, ",") || isOp(end, ":") || isOp(end, ")"))) { end += 1 }
          bindTargets(i + 1..<end, in: scope, kind: .with, visible: lineEnd)
          i = end
        }
        i += 1
      }
      return
    }
    if isWord(0, "except") {
      var i = 1
      while token(i) != nil {
        if isWord(i, "as"), token(i + 1)?.kind == .name { bind(i + 1, in: scope, kind: .handler, visible: lineEnd) }
        i += 1
      }
      return
    }
    walrus(in: scope)
    // Annotated: NAME ':' annotation ['=' value]; `self.x: T = …` too.
    if isOp(1, ":"), token(0)?.kind == .name, !isKeyword(0) {
      bind(0, in: scope, kind: assignedKind, typeName: plainType(from: 2), visible: lineEnd)
      return
    }
    if isOp(3, ":"), isReceiverAttribute(0) {
      bindAttribute(2, typeName: plainType(from: 4))
      return
    }
    let assignments = (0..<tokens.count).filter { tokens[$0].depth == tokens[0].depth && isOp($0, "=") }
    guard let last = assignments.last else {
      // `x += 1` rebinds `x`, as Python (and jedi) read it: a later use means this assignment.
      if let augmented = augmentedAssignment(), augmented == 1, let t = token(0), t.kind == .name, !isKeyword(0) {
        bind(0, in: scope, kind: assignedKind, visible: lineEnd)
      }
      return
    }
    let constructed = assignments.count == 1 ? constructedType(from: last + 1) : ""
    var start = 0
    for end in assignments {
      if end - start == 3 && isReceiverAttribute(start) {
        bindAttribute(start + 2, typeName: constructed)
      } else {
        bindTargets(start..<end, in: scope, kind: assignedKind, typeName: end - start == 1 ? constructed : "", visible: lineEnd)
      }
      start = end + 1
    }
  }

  /// `import a.b.c` binds `a` (to the package `a`); `import a.b as c` binds `c` to `a.b`.
  private mutating func importNames(in scope: Int) {
    var i = 1
    while token(i) != nil {
      let (module, next) = dottedName(at: i)
      guard !module.isEmpty else { return }
      if isWord(next, "as"), let alias = token(next + 1), alias.kind == .name {
        addImport(local: next + 1, module: module, imported: "", scope: scope)
        i = next + 2
      } else {
        addImport(local: i, module: String(module.prefix { $0 != "." }), imported: "", scope: scope)
        i = next
      }
      guard isOp(i, ",") else { return }
      i += 1
    }
  }

  /// `from ..m import a as b, (c, d)`, `from . import x`, `from m import *`.
  private mutating func fromImport(in scope: Int) {
    var i = 1
    var module = ""
    while isOp(i, ".") {
      module += text(tokens[i])
      i += 1
    }
    if !isWord(i, "import") {  // `from . import x` names no module after the dots
      let (name, next) = dottedName(at: i)
      module += name
      i = next
    }
    guard isWord(i, "import") else { return }
    i += 1
    while let t = token(i) {
      if isOp(i, "*") {
        result.imports.append(
          FileScopes.Import(localName: "*", module: module, importedName: "", position: SourcePosition(line: t.line, column: t.column), scope: scope))
      } else if t.kind == .name && !isKeyword(i) {
        if isWord(i + 1, "as"), token(i + 2)?.kind == .name {
          addImport(local: i + 2, module: module, imported: text(t), scope: scope)
          i += 2
        } else {
          addImport(local: i, module: module, imported: text(t), scope: scope)
        }
      }
      i += 1
    }
  }

  private mutating func addImport(local: Int, module: String, imported: String, scope: Int) {
    guard let t = token(local) else { return }
    result.imports.append(
      FileScopes.Import(localName: text(t), module: module, importedName: imported, position: SourcePosition(line: t.line, column: t.column), scope: scope))
    bind(local, in: scope, kind: .imported, visible: lineEnd)
  }

  /// `NAME :=` binds in the enclosing function (a comprehension's walrus too), so in `scope`.
  private mutating func walrus(in scope: Int) {
    var i = 0
    while let t = token(i) {
      if t.kind == .name && isOp(i + 1, ":=") { bind(i, in: scope, kind: .local) }
      i += 1
    }
  }

  /// The index of the first augmented-assignment operator at the line's depth (`+=`, `|=`, …).
  private func augmentedAssignment() -> Int? {
    var i = 0
    while let t = token(i) {
      if t.kind == .op && t.depth == tokens[0].depth && t.end - t.start == 2 && source[t.end - 1] == UInt8(ascii: "=") {
        let b = source[t.start]
        if b != UInt8(ascii: "=") && b != UInt8(ascii: "!") && b != UInt8(ascii: "<") && b != UInt8(ascii: ">") && b != UInt8(ascii: ":") {
          return i
        }
      }
      i += 1
    }
    return nil
  }

  /// `self.NAME` at `k` where `self` is the current method's receiver.
  private func isReceiverAttribute(_ k: Int) -> Bool {
    guard let receiver = open.last?.receiver, !receiver.isEmpty, let t = token(k), t.kind == .name, text(t) == receiver else {
      return false
    }
    return isOp(k + 1, ".") && token(k + 2)?.kind == .name
  }

  /// Binds the attribute at `k` in the type whose method this is.
  private mutating func bindAttribute(_ k: Int, typeName: String) {
    guard let block = open.last else { return }
    let methodIndex = result.owner(of: block.scope)
    guard methodIndex >= 0 else { return }
    let type = result.owner(of: result.scopes[methodIndex].parent)
    guard type >= 0, result.scopes[type].kind == .type else { return }
    bind(k, in: type, kind: .attribute, typeName: typeName, visible: lineEnd)
  }

  /// Binds every plain name of a target list (`a`, `a, b`, `(a, [b, *c])`), not attributes or subscripts.
  private mutating func bindTargets(
    _ range: Range<Int>, in scope: Int, kind: FileScopes.BindingKind, typeName: String = "", visible: SourcePosition? = nil
  ) {
    // Brackets opened after a name or a closer are a subscript or a call (`d[key] = v`): no target inside.
    var insideAccess: [Bool] = []
    for i in range {
      guard let t = token(i) else { continue }
      if t.kind == .op && (isOp(i, "(") || isOp(i, "[") || isOp(i, "{")) {
        let access = token(i - 1).map { $0.kind == .name ? !isKeyword(i - 1) : isCloser($0) } ?? false
        insideAccess.append(access || (insideAccess.last ?? false))
        continue
      }
      if t.kind == .op && (isOp(i, ")") || isOp(i, "]") || isOp(i, "}")) {
        _ = insideAccess.popLast()
        continue
      }
      guard t.kind == .name, !isKeyword(i), !(insideAccess.last ?? false) else { continue }
      if isOp(i - 1, ".") || isOp(i + 1, ".") || isOp(i + 1, "(") || isOp(i + 1, "[") { continue }
      bind(i, in: scope, kind: kind, typeName: typeName, visible: visible)
    }
  }

  // MARK: Lambdas and comprehensions

  /// Opens a scope for each lambda and comprehension on the line. Found first, then opened in the order
  /// they start (an outer comprehension's `for` may come after an inner one's), so scopes stay in pre-order.
  private mutating func inlineScopes(in lineScope: Int) {
    struct Inline {
      var kind: FileScopes.ScopeKind
      var first: Int
      var last: Int
      /// For a comprehension, its `for` tokens; for a lambda, the lambda token.
      var keywords: [Int]
    }
    var found: [Inline] = []
    var comprehensionOfBracket: [Int: Int] = [:]
    var i = 0
    while let t = token(i) {
      if isWord(i, "lambda") {
        found.append(Inline(kind: .lambda, first: i, last: expressionEnd(from: i), keywords: [i]))
      } else if isWord(i, "for") && t.depth > 0, let bracket = openingBracket(before: i) {
        if let known = comprehensionOfBracket[bracket] {
          found[known].keywords.append(i)
        } else {
          comprehensionOfBracket[bracket] = found.count
          found.append(Inline(kind: .comprehension, first: bracket, last: closingBracket(after: bracket), keywords: [i]))
        }
      }
      i += 1
    }
    guard !found.isEmpty else { return }
    found.sort { a, b in a.first != b.first ? a.first < b.first : a.last > b.last }
    var stack: [(scope: Int, last: Int)] = []
    for inline in found {
      while let top = stack.last, top.last < inline.first { stack.removeLast() }
      let scope = openInline(inline.kind, from: inline.first, to: inline.last, parent: stack.last?.scope ?? lineScope)
      stack.append((scope, inline.last))
      for k in inline.keywords {
        if inline.kind == .lambda {
          lambdaParameters(after: k, last: inline.last, in: scope)
        } else if let t = token(k), let inIndex = firstWord("in", from: k + 1, depth: t.depth) {
          bindTargets(k + 1..<inIndex, in: scope, kind: .loop)
        }
      }
    }
  }

  /// `lambda a, b=1, *c:`: the names before the colon at the lambda's depth.
  private mutating func lambdaParameters(after k: Int, last: Int, in scope: Int) {
    guard let t = token(k) else { return }
    var i = k + 1
    var atStart = true
    while i <= last, let u = token(i), !(u.depth == t.depth && isOp(i, ":")) {
      if u.depth == t.depth {
        if isOp(i, ",") {
          atStart = true
        } else if atStart && u.kind == .name {
          bind(i, in: scope, kind: .parameter)
          atStart = false
        } else if !(isOp(i, "*") || isOp(i, "**")) {
          atStart = false
        }
      }
      i += 1
    }
  }

  private mutating func openInline(_ kind: FileScopes.ScopeKind, from first: Int, to last: Int, parent: Int) -> Int {
    let a = token(first).map { SourcePosition(line: $0.line, column: $0.column) } ?? SourcePosition(line: 1, column: 1)
    let b = token(last).map { SourcePosition(line: $0.line, column: $0.column + ($0.end - $0.start)) } ?? a
    result.scopes.append(FileScopes.Scope(kind: kind, range: SourceRange(start: a, end: b), parent: parent))
    return result.scopes.count - 1
  }

  /// The last token of the expression a lambda at `k` starts: before a `,` or closing bracket at its depth.
  private func expressionEnd(from k: Int) -> Int {
    guard let t = token(k) else { return k }
    var i = k + 1
    while let u = token(i) {
      if u.depth < t.depth || (u.depth == t.depth && isOp(i, ",")) { return i - 1 }
      i += 1
    }
    return tokens.count - 1
  }

  /// The open bracket that holds the token at `k`.
  private func openingBracket(before k: Int) -> Int? {
    guard let t = token(k) else { return nil }
    var i = k - 1
    while let u = token(i) {
      if u.depth == t.depth - 1 && u.kind == .op && (isOp(i, "(") || isOp(i, "[") || isOp(i, "{")) { return i }
      i -= 1
    }
    return nil
  }

  /// The bracket that closes the one at `k`, or the line's last token when it is never closed.
  private func closingBracket(after k: Int) -> Int {
    guard let t = token(k) else { return k }
    var i = k + 1
    while let u = token(i) {
      if u.depth == t.depth && u.kind == .op && (isOp(i, ")") || isOp(i, "]") || isOp(i, "}")) { return i }
      i += 1
    }
    return tokens.count - 1
  }

  // MARK: Member uses

  /// Every name after a `.`, with the dotted chain before it when that is all names, or all names and
  /// then one call (`Tool().run`, `super().m`: the chain with `()`, whose value is a construction).
  private mutating func members() {
    if isWord(0, "from") { return }  // `from .x import y`: the dots are relative, not members
    var i = 1
    while let t = token(i) {
      if t.kind == .name && isOp(i - 1, ".") {
        var call = ""
        var k = i - 2
        if isOp(k, ")"), let open = openingParenthesis(of: k), token(open - 1)?.kind == .name {
          call = "()"
          k = open - 1
        }
        var receiver: [String] = []
        while let r = token(k), r.kind == .name {
          receiver.append(text(r))
          guard isOp(k - 1, ".") else { break }
          k -= 2
        }
        // A chain that starts after a closing bracket or a literal is some value's, not a name's.
        let plain = !receiver.isEmpty && !(token(k - 1).map { isCloser($0) } ?? false)
        result.members.append(
          FileScopes.Member(
            position: SourcePosition(line: t.line, column: t.column),
            receiver: plain ? receiver.reversed().joined(separator: ".") + call : ""))
      }
      i += 1
    }
  }

  /// The `(` that the `)` at `k` closes, nil when the line has none.
  private func openingParenthesis(of k: Int) -> Int? {
    guard let close = token(k) else { return nil }
    var j = k - 1
    while let u = token(j) {
      // Everything between a bracket pair is deeper: the first token as shallow as `)` is its opener.
      if u.depth <= close.depth { return u.depth == close.depth && isOp(j, "(") ? j : nil }
      j -= 1
    }
    return nil
  }

  // MARK: Tokens

  private func token(_ i: Int) -> PythonToken? {
    i >= 0 && i < tokens.count ? tokens[i] : nil
  }

  private func text(_ t: PythonToken) -> String { source.string(t.start, t.end) }

  private func isOp(_ i: Int, _ op: StaticString) -> Bool {
    guard let t = token(i), t.kind == .op else { return false }
    return equals(t, op)
  }

  private func isWord(_ i: Int, _ word: StaticString) -> Bool {
    guard let t = token(i), t.kind == .name else { return false }
    return equals(t, word)
  }

  private func isCloser(_ t: PythonToken) -> Bool {
    guard t.kind == .op || t.kind == .string || t.kind == .number else { return false }
    if t.kind != .op { return true }
    let b = source[t.start]
    return b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}")
  }

  private func equals(_ t: PythonToken, _ word: StaticString) -> Bool {
    let n = word.utf8CodeUnitCount
    guard t.end - t.start == n else { return false }
    let w = word.utf8Start
    for j in 0..<n where source[t.start + j] != w[j] { return false }
    return true
  }

  private func isKeyword(_ i: Int) -> Bool {
    // Every keyword is 2 to 8 bytes and starts with a letter: most names are ruled out without a String.
    guard let t = token(i), t.kind == .name, (2...8).contains(t.end - t.start) else { return false }
    return Self.keywords.contains(text(t))
  }

  /// The first `word` at `depth` from `k` on.
  private func firstWord(_ word: StaticString, from k: Int, depth: Int) -> Int? {
    var i = k
    while let t = token(i) {
      if t.depth == depth && isWord(i, word) { return i }
      i += 1
    }
    return nil
  }

  /// The first operator `op` at `depth` from `k` on.
  private func firstOp(_ op: StaticString, from k: Int, depth: Int) -> Int? {
    var i = k
    while let t = token(i) {
      if t.depth == depth && isOp(i, op) { return i }
      i += 1
    }
    return nil
  }

  /// `a.b.c` from `k`: the text and the index past it (empty text when `k` is no name).
  private func dottedName(at k: Int) -> (String, Int) {
    guard let first = token(k), first.kind == .name else { return ("", k) }
    var name = text(first)
    var i = k + 1
    while isOp(i, "."), let next = token(i + 1), next.kind == .name {
      name += "." + text(next)
      i += 2
    }
    return (name, i)
  }

  /// The type an annotation from `k` names when it is a plain dotted name (`Foo`, `mod.Foo`), else empty.
  private func plainType(from k: Int) -> String {
    let (name, next) = dottedName(at: k)
    guard !name.isEmpty, token(next) == nil || isOp(next, "=") || isOp(next, ",") || isOp(next, ")") else { return "" }
    return name
  }

  /// The callee of `Foo(…)` or `mod.Foo(…)` when that call is the whole value from `k`, else empty.
  private func constructedType(from k: Int) -> String {
    let (name, next) = dottedName(at: k)
    guard !name.isEmpty, isOp(next, "("), closingBracket(after: next) == tokens.count - 1 else { return "" }
    return name
  }

  /// Binds the name at token `i`; `visible` is where uses start to see it (the name itself when nil).
  private mutating func bind(
    _ i: Int, in scope: Int, kind: FileScopes.BindingKind, typeName: String = "", visible: SourcePosition? = nil
  ) {
    guard let t = token(i) else { return }
    result.bindings.append(
      FileScopes.Binding(
        name: text(t), scope: scope, position: SourcePosition(line: t.line, column: t.column), kind: kind, typeName: typeName,
        visible: visible))
  }

  /// Statements whose header ends in `:` and whose body is a block (blocks are no scopes in Python).
  private static let compoundKeywords: Set<String> = ["if", "elif", "else", "for", "while", "try", "except", "finally", "with"]

  private static let keywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
  ]
}
