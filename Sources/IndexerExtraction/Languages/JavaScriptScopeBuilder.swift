import IndexerModel

/// What a name means where it is used in a JavaScript or TypeScript file, read from the same tokens as the
/// outline: block scopes (`let`/`const`/`class` bind in the block, `var` in the function, a function
/// declaration in its whole block), functions, arrow functions, classes and object literals (their members
/// bound in a scope of kind `type`), imports and exports (ES modules, `require`, `module.exports`), and each
/// member use with the chain before its `.`.
///
/// A type written where a name is bound becomes the binding's `typeName`: an annotation (`x: Foo`), a
/// construction (`new Foo()`), an object literal's scope (`@scope:N`), a simple chain it is set to
/// (`=a.b()`), or a function's declared result (`returns:T`). Nothing is inferred beyond what is written.
///
/// Every token read goes through `TokenList` (an index past either end reads "end of input"), brackets are
/// paired by `CFamilyTokens.matching`, and nesting past `maximumNesting` is skipped whole: a half-typed file
/// gives fewer bindings, never a trap.
struct JavaScriptScopeBuilder {
  private let lex: CFamilyTokens
  private var tokens: TokenList { lex.tokens }
  private var result = FileScopes()
  private var nesting = 0
  /// For each closing bracket, its opening one (-1 for any other token): member receivers read backwards.
  private var openers: [Int32]
  /// The `{` of object literals found to be a value of a bound object's key: their keys are members too.
  private var boundObjects: Set<Int> = []
  static let maximumNesting = 120

  init(_ lex: CFamilyTokens) {
    self.lex = lex
    openers = lex.openingBrackets()
  }

  private enum Mode { case statements, expression }

  mutating func build() -> FileScopes {
    let last = tokens[tokens.count - 1]
    let end = tokens.count == 0 ? SourcePosition(line: 1, column: 1) : SourcePosition(line: last.endLine, column: last.endColumn)
    result.scopes = [FileScopes.Scope(kind: .file, range: SourceRange(start: SourcePosition(line: 1, column: 1), end: end), parent: -1)]
    walk(from: 0, to: tokens.count, scope: 0, function: 0, mode: .statements)
    readMembers()
    result.members.sort { $0.position < $1.position }
    result.moduleUses.sort { $0.position < $1.position }
    return result
  }

  // MARK: Walking

  /// Reads tokens `from..<to` as statements (a block's body) or as one expression's inside (brackets).
  private mutating func walk(from start: Int, to end: Int, scope: Int, function: Int, mode: Mode) {
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= Self.maximumNesting else { return }
    var k = start
    while k < end {
      let next = step(k, end: end, scope: scope, function: function, mode: mode)
      k = max(next, k + 1)
    }
  }

  /// Reads the construct starting at token `k`; the token to go on from.
  private mutating func step(_ k: Int, end: Int, scope: Int, function: Int, mode: Mode) -> Int {
    let t = tokens[k]
    switch t.kind {
    case .name:
      if let next = keyword(k, end: end, scope: scope, function: function, mode: mode) { return next }
      // A conditional type's `infer R` binds `R` for its true branch.
      if lex.isWord(k, "infer"), tokens[k + 1].kind == .name, !isMemberName(k) {
        bind(k + 1, in: scope, kind: .typeParameter)
        return k + 2
      }
      if isArrow(significant(k + 1, end)) {
        return arrow(parameters: k, close: k, arrowAt: significant(k + 1, end), end: end, scope: scope)
      }
      return k + 1
    case .punct:
      if lex.isPunct(k, "{") { return brace(k, end: end, scope: scope, function: function, mode: mode) }
      if lex.isPunct(k, "(") || lex.isPunct(k, "[") {
        let close = min(lex.matching(k), end)
        if lex.isPunct(k, "("), let arrowAt = arrowAfter(close, end) {
          return arrow(parameters: k, close: close, arrowAt: arrowAt, end: end, scope: scope)
        }
        walk(from: k + 1, to: close, scope: scope, function: function, mode: .expression)
        return close + 1
      }
      return k + 1
    default:
      return k + 1
    }
  }

  /// Keywords that bind or open scopes; nil when `k` starts none of them.
  private mutating func keyword(_ k: Int, end: Int, scope: Int, function: Int, mode: Mode) -> Int? {
    if isMemberName(k) { return nil }
    switch lex.wordIndex(k, in: Self.words).flatMap(Word.init(rawValue:)) {
    case .function:
      return self.function(k, end: end, scope: scope, declaration: mode == .statements && startsStatement(k))
    case .class:
      return classDeclaration(k, end: end, scope: scope, function: function, declaration: mode == .statements && startsStatement(k))
    case .const where lex.isWord(significant(k + 1, end), "enum"):
      return enumDeclaration(significant(k + 1, end), end: end, scope: scope)
    case .const where isWord(before: k, "as"):
      return nil
    case .const, .let, .var:
      let name = significant(k + 1, end)
      guard tokens[name].kind == .name || lex.isPunct(name, "{") || lex.isPunct(name, "[") else { return nil }
      let target = lex.isWord(k, "var") ? function : scope
      return declarations(after: k, end: end, scope: scope, bindIn: target, kind: .local)
    case .if, .while, .switch, .with:
      let head = significant(k + 1, end)
      guard lex.isPunct(head, "(") else { return nil }
      let close = min(lex.matching(head), end)
      walk(from: head + 1, to: close, scope: scope, function: function, mode: .expression)
      return blockAfter(close, end: end, scope: scope, function: function)
    case .for:
      return forStatement(k, end: end, scope: scope, function: function)
    case .catch:
      return catchClause(k, end: end, scope: scope, function: function)
    case .else, .try, .finally, .do:
      return blockAfter(k, end: end, scope: scope, function: function)
    case .import where mode == .statements && startsStatement(k):
      return importStatement(k, end: end, scope: scope)
    case .export where mode == .statements && startsStatement(k):
      return exportStatement(k, end: end, scope: scope, function: function)
    case .interface where mode == .statements && tokens[significant(k + 1, end)].kind == .name:
      return interfaceDeclaration(k, end: end, scope: scope)
    case .type where mode == .statements && tokens[significant(k + 1, end)].kind == .name
      && (lex.isPunct(significant(significant(k + 1, end) + 1, end), "=") || lex.isPunct(significant(significant(k + 1, end) + 1, end), "<")):
      return typeAlias(k, end: end, scope: scope, function: function)
    case .enum where mode == .statements && tokens[significant(k + 1, end)].kind == .name:
      return enumDeclaration(k, end: end, scope: scope)
    case .namespace, .module:
      let name = significant(k + 1, end)
      guard mode == .statements, tokens[name].kind == .name || tokens[name].kind == .literal else {
        return moduleExportsAssignment(k, end: end, scope: scope, function: function)
      }
      return namespaceDeclaration(k, end: end, scope: scope)
    case .async:
      // `async x => …`, `async (x) => …`: the arrow's parameters follow.
      return nil
    default:
      return moduleExportsAssignment(k, end: end, scope: scope, function: function)
    }
  }

  private static let words = Keywords.set([
    "function", "class", "const", "let", "var", "if", "while", "switch", "with", "for", "catch", "else", "try", "finally", "do",
    "import", "export", "interface", "type", "enum", "namespace", "module", "async",
  ])
  private enum Word: Int {
    case function, `class`, const, `let`, `var`, `if`, `while`, `switch`, with, `for`, `catch`, `else`, `try`, finally, `do`
    case `import`, export, interface, type, `enum`, namespace, module, async
  }

  /// `{` as a block (a statement's body: a scope of its own) or an object literal or type (a scope of kind
  /// `type` whose keys are its members).
  private mutating func brace(_ k: Int, end: Int, scope: Int, function: Int, mode: Mode) -> Int {
    let close = min(lex.matching(k), end)
    if mode == .statements && opensBlock(k) {
      let block = open(.block, from: k, to: close, parent: scope)
      walk(from: k + 1, to: close, scope: block, function: function, mode: .statements)
    } else {
      objectLiteral(k, close: close, scope: scope, function: function)
    }
    return close + 1
  }

  /// In statement position, whether `{` at `k` is a block: after `;`, another brace, a control statement's
  /// head or keyword, or at the start of the range.
  private func opensBlock(_ k: Int) -> Bool {
    let p = previousSignificant(k)
    if p < 0 || lex.isPunct(p, ";") || lex.isPunct(p, "{") || lex.isPunct(p, "}") || lex.isPunct(p, ")") { return true }
    if lex.isPunct(p, ":") { return isCaseLabel(p) }
    if lex.isPunct(p, "=") || lex.isPunct(p, "(") || lex.isPunct(p, ",") || lex.isPunct(p, "?") { return false }
    if tokens[p].kind == .name {
      if lex.isWord(p, "return") || lex.isWord(p, "yield") || lex.isWord(p, "await") || lex.isWord(p, "typeof") { return false }
      return true
    }
    return false
  }

  /// Whether the `:` at `colon` ends a `case …:` or `default:` label (a block may follow), by the first word
  /// of its line.
  private func isCaseLabel(_ colon: Int) -> Bool {
    var k = colon - 1
    var steps = 0
    while k > 0 && tokens[k - 1].kind != .newline && steps < 200 {
      k -= 1
      steps += 1
    }
    return lex.isWord(k, "case") || lex.isWord(k, "default")
  }

  /// The statement after a control keyword or head ending at `k`: a block with a scope, or one statement.
  private mutating func blockAfter(_ k: Int, end: Int, scope: Int, function: Int) -> Int {
    let open = significant(k + 1, end)
    guard lex.isPunct(open, "{") else { return k + 1 }
    let close = min(lex.matching(open), end)
    let block = self.open(.block, from: open, to: close, parent: scope)
    walk(from: open + 1, to: close, scope: block, function: function, mode: .statements)
    return close + 1
  }

  // MARK: Functions

  /// `function name<T>(params): R { body }`, as a declaration (the name bound in `scope`, seen from the
  /// scope's start: declarations are hoisted) or an expression (the name bound inside it).
  private mutating func function(_ k: Int, end: Int, scope: Int, declaration: Bool) -> Int {
    var i = significant(k + 1, end)
    if lex.isPunct(i, "*") { i = significant(i + 1, end) }
    var name = -1
    if tokens[i].kind == .name && !lex.isPunct(i, "(") {
      name = i
      i = significant(i + 1, end)
    }
    let typeParameters = lex.isPunct(i, "<") ? i : -1
    if typeParameters >= 0 { i = significant(angleClose(i, end) + 1, end) }
    guard lex.isPunct(i, "("), i < end else { return max(i, k + 1) }
    let close = min(lex.matching(i), end)
    let (body, returnType, last, written) = bodyAfterParameters(close, end: end)
    let functionScope = open(.function, from: name >= 0 ? name : k, to: last, parent: scope)
    let nameBinding = name >= 0 ? result.bindings.count : -1
    if name >= 0 {
      let typeName = returnType.isEmpty ? "" : "returns:" + returnType
      if declaration {
        bind(name, in: scope, kind: .definition, typeName: typeName, visible: result.scopes[scope].range.start)
      } else {
        bind(name, in: functionScope, kind: .definition, typeName: typeName)
      }
    }
    if typeParameters >= 0 { bindTypeParameters(typeParameters, in: functionScope) }
    parameters(i, close: close, scope: functionScope, type: -1)
    if returnType.isEmpty { inlineResult(written, scope: functionScope, of: nameBinding, named: name) }
    if let body { walk(from: body + 1, to: last, scope: functionScope, function: functionScope, mode: .statements) }
    return last + 1
  }

  /// After a parameter list closing at `close`: the body's `{` (nil for a declaration without one) and the
  /// result type written between (`: Promise<T>`), empty when none.
  /// `last` is the declaration's last token: the body's `}`, else the end of the result type (`x is T`
  /// names the parameter `x`: it belongs to the function's scope).
  private func bodyAfterParameters(_ close: Int, end: Int) -> (body: Int?, returnType: String, last: Int, written: Range<Int>) {
    var i = significant(close + 1, end)
    var returnType = ""
    var last = close
    var written = close..<close
    if lex.isPunct(i, ":") {
      let typeStart = significant(i + 1, end)
      i = typeEnd(typeStart, end: end, stopAtBrace: true)
      returnType = plainType(typeStart, i)
      written = typeStart..<max(typeStart, i)
      last = max(close, previousSignificant(i))
      i = significant(i, end)
    }
    guard lex.isPunct(i, "{") && i < end else { return (nil, returnType, last, written) }
    return (i, returnType, min(lex.matching(i), end), written)
  }

  /// A result written as an object type (`(): { unit: string } | null`): its scope, read in `scope`, is what
  /// the binding at index `binding` returns when that binding is the name at token `name`.
  private mutating func inlineResult(_ written: Range<Int>, scope: Int, of binding: Int, named name: Int) {
    guard let object = inlineObjectType(written, scope: scope), binding >= 0, binding < result.bindings.count,
      result.bindings[binding].position == position(name)
    else { return }
    result.bindings[binding].typeName = "returns:" + object
  }

  /// An object type written as a type (`{ unit: string; verb(): void } | null`, only `null`/`undefined`
  /// beside it): its members bound in a new scope of kind `type` inside `scope`, named as `@scope:N`; nil
  /// for any other shape. Called where the tokens come in source order, so scopes stay in pre-order.
  private mutating func inlineObjectType(_ written: Range<Int>, scope: Int) -> String? {
    let start = significant(written.lowerBound, written.upperBound)
    guard lex.isPunct(start, "{"), start < written.upperBound, nesting < Self.maximumNesting else { return nil }
    let close = min(lex.matching(start), written.upperBound)
    var rest = significant(close + 1, written.upperBound)
    while rest < written.upperBound {
      let next = significant(rest + 1, written.upperBound)
      guard lex.isPunct(rest, "|"), lex.isWord(next, "null") || lex.isWord(next, "undefined") else { return nil }
      rest = significant(next + 1, written.upperBound)
    }
    nesting += 1
    defer { nesting -= 1 }
    let body = open(.type, from: start, to: close, parent: scope)
    objectMembers(start, close: close, type: body)
    return "@scope:\(body)"
  }

  /// An arrow function whose parameters are `parameters...close` (one name, or a parenthesized list) and
  /// whose `=>` is at `arrowAt`; its body is a block or one expression.
  private mutating func arrow(parameters: Int, close: Int, arrowAt: Int, end: Int, scope: Int) -> Int {
    let bodyStart = significant(arrowAt + 2, end)
    let lambda = open(.lambda, from: parameters, to: close, parent: scope)
    if lex.isPunct(parameters, "(") {
      self.parameters(parameters, close: close, scope: lambda, type: -1)
    } else {
      bind(parameters, in: lambda, kind: .parameter)
    }
    if lex.isPunct(bodyStart, "{") {
      let bodyClose = min(lex.matching(bodyStart), end)
      result.scopes[lambda].range.end = endPosition(bodyClose)
      walk(from: bodyStart + 1, to: bodyClose, scope: lambda, function: lambda, mode: .statements)
      return bodyClose + 1
    }
    let stop = expressionEnd(bodyStart, end: end)
    result.scopes[lambda].range.end = endPosition(max(bodyStart, stop - 1))
    walk(from: bodyStart, to: stop, scope: lambda, function: lambda, mode: .expression)
    return stop
  }

  /// The `=>` after a parenthesized list closing at `close` (past a written result type), nil when none.
  private func arrowAfter(_ close: Int, _ end: Int) -> Int? {
    var i = significant(close + 1, end)
    if lex.isPunct(i, ":") {
      i = significant(typeEnd(significant(i + 1, end), end: end, stopAtBrace: false, stopAtArrow: true), end)
    }
    return isArrow(i) ? i : nil
  }

  private func isArrow(_ k: Int) -> Bool {
    lex.isPunct(k, "=") && lex.isPunct(k + 1, ">") && tokens[k + 1].start == tokens[k].end
  }

  /// A parameter list `(…)`: each parameter's names (patterns too), with its written type; a constructor's
  /// parameter with an access modifier is also a member of the class (`type`).
  private mutating func parameters(_ open: Int, close: Int, scope: Int, type: Int) {
    var i = significant(open + 1, close)
    while i < close {
      var modified = false
      i = pastDecorators(i, close)  // `@Inject() x`
      while lex.isOneOf(i, Self.parameterModifiers), tokens[significant(i + 1, close)].kind == .name
        || lex.isPunct(significant(i + 1, close), "{") || lex.isPunct(significant(i + 1, close), "[")
      {
        modified = true
        i = significant(i + 1, close)
      }
      if lex.isPunct(i, ".") { while lex.isPunct(i, ".") { i += 1 } }
      let first = result.bindings.count
      var after = lex.isWord(i, "this") ? i + 1 : pattern(i, end: close, scope: scope, bindIn: scope, kind: .parameter)
      if lex.isPunct(after, "?") { after = significant(after + 1, close) }
      let single = result.bindings.count == first + 1
      let typeName = annotatedType(&after, end: close, scope: scope, oneName: single)
      if !typeName.isEmpty, single { result.bindings[first].typeName = typeName }
      if modified && type >= 0 && single {
        var member = result.bindings[first]
        member.scope = type
        member.kind = .attribute
        result.bindings.append(member)
      }
      let stop = expressionEnd(after, end: close)
      if lex.isPunct(after, "=") {
        walk(from: after + 1, to: stop, scope: scope, function: scope, mode: .expression)
      }
      i = significant(stop + 1, close)
      if stop <= after && i <= after { i = after + 1 }
    }
  }

  /// `: Type` at `after`: the type as resolution follows it (see `plainType`), `after` moved past it; empty
  /// when no annotation is there.
  private func annotation(_ after: inout Int, end: Int) -> String {
    guard lex.isPunct(after, ":") else { return "" }
    let typeStart = significant(after + 1, end)
    after = typeEnd(typeStart, end: end, stopAtBrace: false)
    return plainType(typeStart, after)
  }

  /// `annotation`, or for a binding of one name an object type written there (`x: { a: T }`, see
  /// `inlineObjectType`), `after` moved past it.
  private mutating func annotatedType(_ after: inout Int, end: Int, scope: Int, oneName: Bool) -> String {
    let colon = after
    let typeName = annotation(&after, end: end)
    guard typeName.isEmpty, oneName, lex.isPunct(colon, ":") else { return typeName }
    let typeStart = significant(colon + 1, end)
    return inlineObjectType(typeStart..<max(after, typeStart), scope: scope) ?? ""
  }

  /// The token after the decorators (`@a.b(…) @c`) starting at `k`.
  private func pastDecorators(_ k: Int, _ close: Int) -> Int {
    var i = k
    while lex.isPunct(i, "@") && i < close {
      i = significant(i + 1, close)
      while tokens[i].kind == .name || lex.isPunct(i, ".") { i = significant(i + 1, close) }
      if lex.isPunct(i, "(") { i = significant(lex.matching(i) + 1, close) }
    }
    return i
  }

  private static let parameterModifiers = Keywords.set(["public", "private", "protected", "readonly", "override"])

  /// `<T, U extends V = W>`: each type parameter's name, bound in `scope`.
  private mutating func bindTypeParameters(_ open: Int, in scope: Int) {
    let close = angleClose(open, tokens.count)
    var expectName = true
    var depth = 0
    for k in tokenRange(open + 1, close) {
      if lex.isPunct(k, "<") || lex.isOpen(k) { depth += 1 }
      if lex.isPunct(k, ">") || lex.isClose(k) { depth -= 1 }
      if depth == 0 && lex.isPunct(k, ",") { expectName = true; continue }
      if depth == 0 && expectName && tokens[k].kind == .name && !lex.isWord(k, "const") && !lex.isWord(k, "in") && !lex.isWord(k, "out") {
        bind(k, in: scope, kind: .typeParameter)
        expectName = false
      }
    }
  }

  // MARK: Declarations and patterns

  /// `const a = 1, { b, c: [d] } = e`: each declarator's names, bound in `bindIn`, its written type or
  /// initializer as their type, and the initializer read as an expression. A `require('m')` initializer
  /// makes the names imports.
  private mutating func declarations(after keyword: Int, end: Int, scope: Int, bindIn: Int, kind: FileScopes.BindingKind) -> Int {
    var i = significant(keyword + 1, end)
    while i < end {
      let firstBinding = result.bindings.count
      let patternStart = i
      var after = pattern(i, end: end, scope: scope, bindIn: bindIn, kind: kind)
      guard after > i else { return i + 1 }
      let single = result.bindings.count == firstBinding + 1
      if lex.isPunct(after, "!") { after = significant(after + 1, end) }
      var typeName = annotatedType(&after, end: end, scope: scope, oneName: single)
      var stop = after
      if lex.isPunct(after, "=") && !lex.isPunct(after + 1, "=") {
        let value = significant(after + 1, end)
        stop = expressionEnd(value, end: end)
        if let module = requiredModule(value, stop) {
          makeImports(from: firstBinding, patternStart: patternStart, module: module.name, member: module.member)
        } else if typeName.isEmpty {
          typeName = initializerType(value, stop)
        }
        let objectScopes = result.scopes.count
        walk(from: value, to: stop, scope: scope, function: bindIn, mode: .expression)
        if typeName.isEmpty, let object = objectScope(at: value, firstNew: objectScopes) { typeName = "@scope:\(object)" }
      } else if kind == .loop {
        stop = expressionEnd(after, end: end)
        walk(from: after, to: stop, scope: scope, function: bindIn, mode: .expression)
      }
      if !typeName.isEmpty, single, result.bindings[firstBinding].kind != .imported {
        result.bindings[firstBinding].typeName = typeName
      }
      guard lex.isPunct(stop, ","), stop < end else { return stop }
      i = significant(stop + 1, end)
    }
    return i
  }

  /// The names a binding pattern at `k` binds (a name, `{ a, b: c, ...d }`, `[a, , b = 1]`), bound in
  /// `bindIn`; default values are read as expressions. The token after the pattern (`k` when none starts there).
  private mutating func pattern(_ k: Int, end: Int, scope: Int, bindIn: Int, kind: FileScopes.BindingKind) -> Int {
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= Self.maximumNesting else { return max(k, min(lex.matching(k), end)) + 1 }
    if tokens[k].kind == .name {
      bind(k, in: bindIn, kind: kind)
      return significant(k + 1, end)
    }
    guard lex.isPunct(k, "{") || lex.isPunct(k, "[") else { return k }
    let object = lex.isPunct(k, "{")
    let close = min(lex.matching(k), end)
    var i = significant(k + 1, close)
    while i < close {
      if lex.isPunct(i, ",") {
        i = significant(i + 1, close)
        continue
      }
      var element = i
      while lex.isPunct(element, ".") { element += 1 }  // `...rest`
      if object, tokens[element].kind == .name || tokens[element].kind == .literal || lex.isPunct(element, "["),
        lex.isPunct(significant(lex.isPunct(element, "[") ? lex.matching(element) + 1 : element + 1, close), ":")
      {
        // `key: pattern`: the key names a property of the value, not a binding here.
        let colon = significant(lex.isPunct(element, "[") ? lex.matching(element) + 1 : element + 1, close)
        if tokens[element].kind == .name { result.members.append(FileScopes.Member(position: position(element), receiver: "")) }
        element = significant(colon + 1, close)
      }
      var after = pattern(element, end: close, scope: scope, bindIn: bindIn, kind: kind)
      if after <= element { after = element + 1 }
      let stop = expressionEnd(after, end: close)
      if lex.isPunct(after, "=") { walk(from: after + 1, to: stop, scope: scope, function: bindIn, mode: .expression) }
      i = max(significant(stop, close), after)
    }
    return significant(close + 1, end)
  }

  /// `require('m')`, `require('m').name`: the module and the member taken, nil for any other value.
  private func requiredModule(_ value: Int, _ stop: Int) -> (name: String, member: String)? {
    guard lex.isWord(value, "require"), lex.isPunct(value + 1, "("), tokens[value + 2].kind == .literal, lex.isPunct(value + 3, ")")
    else { return nil }
    let name = lex.unquoted(value + 2)
    let after = significant(value + 4, stop)
    if lex.isPunct(after, "."), tokens[after + 1].kind == .name, significant(after + 2, stop) >= stop {
      return (name, lex.text(after + 1))
    }
    return significant(value + 4, stop + 1) >= stop ? (name, "") : nil
  }

  /// Turns the bindings from `first` on into imports of `module`: the whole module for a plain name, each
  /// destructured key's member for `{ a, b: c }`.
  private mutating func makeImports(from first: Int, patternStart: Int, module: String, member: String) {
    for b in first..<result.bindings.count {
      var imported = member
      if lex.isPunct(patternStart, "{") {
        // `{ b: c }`: the key before the binding's name, else the name itself.
        imported = result.bindings[b].name
        if let k = tokenIndex(at: result.bindings[b].position), lex.isPunct(previousSignificant(k), ":") {
          let key = previousSignificant(previousSignificant(k))
          if tokens[key].kind == .name { imported = lex.text(key) }
        }
      }
      result.bindings[b].kind = .imported
      let binding = result.bindings[b]
      result.imports.append(
        FileScopes.Import(localName: binding.name, module: module, importedName: imported, position: binding.position, scope: binding.scope))
    }
  }

  /// The type an initializer writes: `new Foo(…)` → `Foo`, a chain of names and calls → `=chain`, a cast
  /// (`… as Foo`, the last one outside brackets) → `Foo`.
  private func initializerType(_ value: Int, _ stop: Int) -> String {
    if let cast = castType(value, stop) { return cast }
    var i = value
    if lex.isWord(i, "await") { i = significant(i + 1, stop) }
    if lex.isWord(i, "new") {
      let typeStart = significant(i + 1, stop)
      var k = typeStart
      while tokens[k].kind == .name && lex.isPunct(k + 1, ".") { k += 2 }
      return tokens[k].kind == .name ? lex.joined(typeStart, k + 1) : ""
    }
    let chain = chainText(from: i, to: stop)
    return chain.isEmpty ? "" : "=" + chain
  }

  /// `… as T` over `from..<to`: the type after the last `as` outside brackets, when it is one resolution
  /// follows (`as const` and `as unknown` name none); nil without a cast.
  private func castType(_ from: Int, _ to: Int) -> String? {
    var k = from
    var lastAs = -1
    while k < to {
      if lex.isOpen(k) {
        k = max(min(lex.matching(k), to), k) + 1
        continue
      }
      if lex.isWord(k, "as"), k > from { lastAs = k }
      k += 1
    }
    guard lastAs >= 0 else { return nil }
    let typeStart = significant(lastAs + 1, to)
    guard typeStart < to, !lex.isWord(typeStart, "const"), !lex.isWord(typeStart, "unknown"), !lex.isWord(typeStart, "any")
    else { return nil }
    let type = plainType(typeStart, to)
    return type.isEmpty ? nil : type
  }

  /// `a.b(…).c` spanning exactly `from..<to`, calls written `()`; empty for anything else.
  private func chainText(from: Int, to: Int) -> String {
    var text = ""
    var k = from
    var parts = 0
    while k < to && parts < 16 {
      parts += 1
      guard tokens[k].kind == .name else { return "" }
      text += lex.text(k)
      k += 1
      while lex.isPunct(k, "(") && k < to {
        k = lex.matching(k) + 1
        text += "()"
      }
      if lex.isPunct(k, "?") && lex.isPunct(k + 1, ".") { k += 1 }
      if lex.isPunct(k, "!") { k += 1 }
      guard k < to else { break }
      guard lex.isPunct(k, "."), tokens[k + 1].kind == .name else { return "" }
      text += "."
      k += 1
    }
    return significant(k, to) >= to ? text : ""
  }

  // MARK: Statements

  /// `for (const x of xs) …`: the head's bindings live in a scope around the head and the body.
  private mutating func forStatement(_ k: Int, end: Int, scope: Int, function: Int) -> Int {
    var head = significant(k + 1, end)
    if lex.isWord(head, "await") { head = significant(head + 1, end) }
    guard lex.isPunct(head, "(") else { return k + 1 }
    let close = min(lex.matching(head), end)
    let body = significant(close + 1, end)
    let last = lex.isPunct(body, "{") ? min(lex.matching(body), end) : max(close, expressionEnd(body, end: end) - 1)
    let loop = open(.block, from: head, to: last, parent: scope)
    let first = significant(head + 1, close)
    if lex.isWord(first, "const") || lex.isWord(first, "let") || lex.isWord(first, "var") {
      let target = lex.isWord(first, "var") ? function : loop
      let after = declarations(after: first, end: close, scope: loop, bindIn: target, kind: .loop)
      walk(from: after, to: close, scope: loop, function: function, mode: .expression)
    } else {
      walk(from: head + 1, to: close, scope: loop, function: function, mode: .expression)
    }
    if lex.isPunct(body, "{") {
      walk(from: body + 1, to: last, scope: loop, function: function, mode: .statements)
    } else {
      walk(from: body, to: last + 1, scope: loop, function: function, mode: .statements)
    }
    return last + 1
  }

  /// `catch (e) { … }`: the handler's name in a scope around the clause.
  private mutating func catchClause(_ k: Int, end: Int, scope: Int, function: Int) -> Int {
    let head = significant(k + 1, end)
    guard lex.isPunct(head, "(") else { return blockAfter(k, end: end, scope: scope, function: function) }
    let close = min(lex.matching(head), end)
    let body = significant(close + 1, end)
    let last = lex.isPunct(body, "{") ? min(lex.matching(body), end) : close
    let clause = open(.block, from: head, to: last, parent: scope)
    _ = pattern(significant(head + 1, close), end: close, scope: clause, bindIn: clause, kind: .handler)
    if lex.isPunct(body, "{") { walk(from: body + 1, to: last, scope: clause, function: function, mode: .statements) }
    return last + 1
  }

  // MARK: Types

  /// `class Name<T> extends Base implements I { members }`: the name bound in `scope` (or inside, for an
  /// expression), a scope of kind `type` with the bases, and each member bound in it.
  private mutating func classDeclaration(_ k: Int, end: Int, scope: Int, function: Int, declaration: Bool) -> Int {
    var i = significant(k + 1, end)
    var name = -1
    if tokens[i].kind == .name && !lex.isWord(i, "extends") && !lex.isWord(i, "implements") {
      name = i
      i = significant(i + 1, end)
    }
    let typeParameters = lex.isPunct(i, "<") ? i : -1
    if typeParameters >= 0 { i = significant(angleClose(i, end) + 1, end) }
    let headStart = i
    while i < end && !lex.isPunct(i, "{") && !lex.isPunct(i, ";") {
      i = lex.isOpen(i) ? lex.matching(i) + 1 : (lex.isPunct(i, "<") ? angleClose(i, end) + 1 : i + 1)
    }
    guard lex.isPunct(i, "{"), i < end else { return i }
    let close = min(lex.matching(i), end)
    let body = open(.type, from: name >= 0 ? name : k, to: close, parent: scope)
    result.scopes[body].bases = bases(headStart, i)
    if name >= 0 {
      bind(name, in: declaration ? scope : body, kind: .definition, typeName: "@scope:\(body)")
    }
    if typeParameters >= 0 { bindTypeParameters(typeParameters, in: body) }
    walk(from: headStart, to: i, scope: scope, function: function, mode: .expression)
    classBody(i, close: close, type: body)
    return close + 1
  }

  /// The types named after `extends` and `implements` in `from..<to`, as written without type arguments.
  private func bases(_ from: Int, _ to: Int) -> [String] {
    var found: [String] = []
    var k = from
    var expecting = false
    while k < to {
      if lex.isWord(k, "extends") || lex.isWord(k, "implements") || (expecting == false && lex.isPunct(k, ",") && !found.isEmpty) {
        expecting = true
        k += 1
        continue
      }
      if expecting, tokens[k].kind == .name {
        var end = k + 1
        while lex.isPunct(end, "."), tokens[end + 1].kind == .name { end += 2 }
        found.append(lex.joined(k, end))
        expecting = false
        k = end
        continue
      }
      if lex.isPunct(k, "<") { k = angleClose(k, to) + 1; continue }
      if lex.isOpen(k) { k = lex.matching(k) + 1; continue }
      k += 1
    }
    return found
  }

  /// A class body: methods (each a function scope), fields with their written types, accessors, static
  /// blocks; each member's name bound in `type`.
  private mutating func classBody(_ open: Int, close: Int, type: Int) {
    var i = significant(open + 1, close)
    while i < close {
      if lex.isPunct(i, ";") || lex.isPunct(i, ",") {
        i = significant(i + 1, close)
        continue
      }
      i = pastDecorators(i, close)
      if lex.isWord(i, "static"), lex.isPunct(significant(i + 1, close), "{") {
        i = blockAfter(i, end: close, scope: type, function: type)
        continue
      }
      var key = i
      while lex.isOneOf(key, Self.memberModifiers) || ((lex.isWord(key, "get") || lex.isWord(key, "set")) && !endsKey(significant(key + 1, close))) {
        let next = significant(key + 1, close)
        guard tokens[next].kind == .name || lex.isPunct(next, "#") || lex.isPunct(next, "[") || lex.isPunct(next, "*")
          || tokens[next].kind == .literal
        else { break }
        key = next
      }
      if lex.isPunct(key, "*") { key = significant(key + 1, close) }
      if lex.isPunct(key, "#") { key = key + 1 }
      i = member(key, close: close, scope: type, type: type)
    }
  }

  private static let memberModifiers = Keywords.set([
    "static", "async", "public", "private", "protected", "readonly", "abstract", "override", "declare", "accessor",
  ])

  /// Whether `k` ends a member's key (so a `get` before it is the key itself, not an accessor's keyword).
  private func endsKey(_ k: Int) -> Bool {
    lex.isPunct(k, "(") || lex.isPunct(k, ":") || lex.isPunct(k, "=") || lex.isPunct(k, ";") || lex.isPunct(k, "?") || lex.isPunct(k, "<")
      || lex.isPunct(k, "}") || tokens[k].kind == .newline
  }

  /// One member of a class, object literal or interface whose key is at `key`: a method (with `(`), else a
  /// property with its written type or value. Bound in `scope`; the token after the member.
  private mutating func member(_ key: Int, close: Int, scope: Int, type: Int, inObject: Bool = false, bindKeys: Bool = true) -> Int {
    var i = key
    let named = tokens[key].kind == .name || tokens[key].kind == .literal
    if lex.isPunct(key, "[") {
      let keyClose = min(lex.matching(key), close)
      let outer = bindKeys && scope > 0 ? result.scopes[scope].parent : scope
      // A mapped type's `[K in keyof T]` binds `K` for the member's type.
      if tokens[key + 1].kind == .name && lex.isWord(key + 2, "in") { bind(key + 1, in: scope, kind: .typeParameter) }
      walk(from: key + 1, to: keyClose, scope: outer, function: scope, mode: .expression)
      i = keyClose
    }
    i = significant(i + 1, close)
    if lex.isPunct(i, "?") || lex.isPunct(i, "!") { i = significant(i + 1, close) }
    let typeParameters = lex.isPunct(i, "<") ? i : -1
    if typeParameters >= 0 { i = significant(angleClose(i, close) + 1, close) }
    if lex.isPunct(i, "(") {
      let paramsClose = min(lex.matching(i), close)
      let (body, returnType, last, written) = bodyAfterParameters(paramsClose, end: close)
      let method = open(.function, from: key, to: last, parent: scope)
      let keyBinding = named && tokens[key].kind == .name && bindKeys ? result.bindings.count : -1
      if named && tokens[key].kind == .name {
        if bindKeys {
          bind(key, in: scope, kind: .definition, typeName: returnType.isEmpty ? "" : "returns:" + returnType)
        } else {
          result.members.append(FileScopes.Member(position: position(key), receiver: "{}"))
        }
      }
      if typeParameters >= 0 { bindTypeParameters(typeParameters, in: method) }
      parameters(i, close: paramsClose, scope: method, type: lex.isWord(key, "constructor") ? type : -1)
      if returnType.isEmpty, keyBinding >= 0 { inlineResult(written, scope: method, of: keyBinding, named: key) }
      if let body { walk(from: body + 1, to: last, scope: method, function: method, mode: .statements) }
      return significant(last + 1, close)
    }
    var typeName = ""
    let shorthand = inObject && (lex.isPunct(i, ",") || i >= close || lex.isPunct(i, "}") || tokens[i].kind == .newline)
    let keyBinding = named && tokens[key].kind == .name && bindKeys ? result.bindings.count : -1
    if keyBinding >= 0 {
      bind(key, in: scope, kind: .definition)
    } else if named && tokens[key].kind == .name && !shorthand {
      result.members.append(FileScopes.Member(position: position(key), receiver: "{}"))  // a key of an unnamed object: itself
    }
    if lex.isPunct(i, ":") {
      let valueStart = significant(i + 1, close)
      if inObject {
        let stop = expressionEnd(valueStart, end: close)
        let objectScopes = result.scopes.count
        typeName = initializerType(valueStart, stop)
        if bindKeys && lex.isPunct(valueStart, "{") { boundObjects.insert(valueStart) }
        walk(from: valueStart, to: stop, scope: scope, function: scope, mode: .expression)
        if typeName.isEmpty, let object = objectScope(at: valueStart, firstNew: objectScopes) { typeName = "@scope:\(object)" }
        if keyBinding >= 0 { result.bindings[keyBinding].typeName = typeName }
        return stop
      }
      i = typeEnd(valueStart, end: close, stopAtBrace: false)
      typeName = plainType(valueStart, i)
    }
    if lex.isPunct(i, "=") && !lex.isPunct(i + 1, ">") {
      let value = significant(i + 1, close)
      let stop = expressionEnd(value, end: close)
      if typeName.isEmpty { typeName = initializerType(value, stop) }
      let objectScopes = result.scopes.count
      walk(from: value, to: stop, scope: scope, function: scope, mode: .expression)
      if typeName.isEmpty, let object = objectScope(at: value, firstNew: objectScopes) { typeName = "@scope:\(object)" }
      i = stop
    } else if inObject && keyBinding >= 0 {
      // `{ a }`: shorthand for `{ a: a }`, a use of the variable.
      typeName = "=" + lex.text(key)
    }
    if keyBinding >= 0 { result.bindings[keyBinding].typeName = typeName }
    // Past the member: its `;`, or the line break before the next one.
    if lex.isPunct(i, ";") || lex.isPunct(i, ",") { return significant(i + 1, close) }
    if tokens[i].kind == .newline || i >= close || lex.isPunct(i, "}") { return significant(i, close) }
    let stop = expressionEnd(i, end: close)
    return stop > i ? stop : significant(i + 1, close)
  }

  /// An object literal or object type `{ … }` at `open`: a scope of kind `type` whose members are its keys.
  private mutating func objectLiteral(_ open: Int, close: Int, scope: Int, function: Int) {
    guard looksLikeObject(open, close: close) else {
      walk(from: open + 1, to: close, scope: scope, function: function, mode: .expression)  // JSX `{expression}`
      return
    }
    // Only an object something names (`x = {…}`, `export default {…}`, a bound object's key) is looked into
    // for members; any other (an argument, an array element) records its keys as their own definitions,
    // which keeps the blob small where code is mostly object literals.
    let bound = isBound(open)
    let object = bound ? self.open(.type, from: open, to: close, parent: scope) : scope
    var i = significant(open + 1, close)
    while i < close {
      if lex.isPunct(i, ",") || lex.isPunct(i, ";") {
        i = significant(i + 1, close)
        continue
      }
      if lex.isPunct(i, ".") {  // `...spread`
        var value = i
        while lex.isPunct(value, ".") { value += 1 }
        let stop = expressionEnd(value, end: close)
        walk(from: value, to: stop, scope: scope, function: function, mode: .expression)
        i = max(stop, i + 1)
        continue
      }
      var key = i
      while (lex.isWord(key, "get") || lex.isWord(key, "set") || lex.isWord(key, "async") || lex.isWord(key, "readonly")
        || lex.isWord(key, "new")) && !endsKey(significant(key + 1, close)) && !lex.isPunct(significant(key + 1, close), ",")
      {
        key = significant(key + 1, close)
      }
      if lex.isPunct(key, "*") { key = significant(key + 1, close) }
      if lex.isPunct(key, "(") || lex.isPunct(key, "<") {
        // A call or construct signature in an object type.
        let stop = expressionEnd(key, end: close)
        walk(from: key, to: stop, scope: object, function: function, mode: .expression)
        i = max(stop, key + 1)
        continue
      }
      let next = member(key, close: close, scope: object, type: object, inObject: true, bindKeys: bound)
      i = max(next, key + 1)
    }
  }

  /// Whether the object literal at `open` is a value something names: after an assignment's `=`, `export
  /// default`, or as a bound object's key's value.
  private func isBound(_ open: Int) -> Bool {
    if boundObjects.contains(open) { return true }
    let p = previousSignificant(open)
    if lex.isWord(p, "default") { return true }
    guard lex.isPunct(p, "="), !lex.isPunct(p + 1, "=") else { return false }
    let before = p - 1
    guard before >= 0, tokens[before].end == tokens[p].start else { return true }
    return !(lex.isPunct(before, "=") || lex.isPunct(before, "!") || lex.isPunct(before, "<") || lex.isPunct(before, ">"))
  }

  /// The object literal scope that opened at token `value` during a walk that began when there were
  /// `firstNew` scopes; nil when none did (the value is no object, or one nothing names).
  private func objectScope(at value: Int, firstNew: Int) -> Int? {
    guard lex.isPunct(value, "{"), firstNew < result.scopes.count, result.scopes[firstNew].kind == .type,
      result.scopes[firstNew].range.start == position(value)
    else { return nil }
    return firstNew
  }

  /// Whether `{ … }` holds object members (or nothing), not an expression (JSX's `{items.map(…)}`): its first
  /// entry is a spread, a signature, or a key followed by what follows a key.
  private func looksLikeObject(_ open: Int, close: Int) -> Bool {
    var key = significant(open + 1, close)
    if key >= close || lex.isPunct(key, ".") || lex.isPunct(key, "(") || lex.isPunct(key, "<") || lex.isPunct(key, "*") { return true }
    while (lex.isWord(key, "get") || lex.isWord(key, "set") || lex.isWord(key, "async") || lex.isWord(key, "readonly"))
      && tokens[significant(key + 1, close)].kind == .name
    {
      key = significant(key + 1, close)
    }
    var after: Int
    if lex.isPunct(key, "[") {
      after = significant(lex.matching(key) + 1, close)
    } else if tokens[key].kind == .name || tokens[key].kind == .literal {
      after = key + 1
    } else {
      return false
    }
    if tokens[after].kind == .newline { return true }
    after = significant(after, close)
    return after >= close || lex.isPunct(after, ":") || lex.isPunct(after, "(") || lex.isPunct(after, ",") || lex.isPunct(after, "?")
      || lex.isPunct(after, "<") || lex.isPunct(after, ";") || lex.isPunct(after, "=") || lex.isPunct(after, "}")
  }

  /// `interface Name<T> extends A, B { members }`.
  private mutating func interfaceDeclaration(_ k: Int, end: Int, scope: Int) -> Int {
    let name = significant(k + 1, end)
    var i = significant(name + 1, end)
    let typeParameters = lex.isPunct(i, "<") ? i : -1
    if typeParameters >= 0 { i = significant(angleClose(i, end) + 1, end) }
    let headStart = i
    while i < end && !lex.isPunct(i, "{") { i = lex.isPunct(i, "<") ? angleClose(i, end) + 1 : i + 1 }
    guard i < end else { return i }
    let close = min(lex.matching(i), end)
    let body = open(.type, from: name, to: close, parent: scope)
    result.scopes[body].bases = bases(headStart, i)
    bind(name, in: scope, kind: .definition, typeName: "@scope:\(body)", visible: result.scopes[scope].range.start)
    if typeParameters >= 0 { bindTypeParameters(typeParameters, in: body) }
    objectMembers(i, close: close, type: body)
    return close + 1
  }

  /// The members of an interface or object type, bound in `type` (which is already open).
  private mutating func objectMembers(_ open: Int, close: Int, type: Int) {
    var i = significant(open + 1, close)
    while i < close {
      if lex.isPunct(i, ",") || lex.isPunct(i, ";") {
        i = significant(i + 1, close)
        continue
      }
      var key = i
      while (lex.isWord(key, "get") || lex.isWord(key, "set") || lex.isWord(key, "readonly") || lex.isWord(key, "new"))
        && !endsKey(significant(key + 1, close))
      {
        key = significant(key + 1, close)
      }
      if lex.isPunct(key, "(") || lex.isPunct(key, "<") || lex.isPunct(key, "[") && lex.isPunct(significant(key + 2, close), ":") {
        // Call, construct and index signatures name no member.
        let stop = expressionEnd(key, end: close)
        walk(from: key, to: stop, scope: type, function: type, mode: .expression)
        i = max(stop, key + 1)
        continue
      }
      i = max(member(key, close: close, scope: type, type: type), key + 1)
    }
  }

  /// `type Name<T> = …`: the name bound in `scope`; an object type on the right is its members' scope.
  private mutating func typeAlias(_ k: Int, end: Int, scope: Int, function: Int) -> Int {
    let name = significant(k + 1, end)
    var i = significant(name + 1, end)
    let typeParameters = lex.isPunct(i, "<") ? i : -1
    if typeParameters >= 0 { i = significant(angleClose(i, end) + 1, end) }
    guard lex.isPunct(i, "=") else { return i }
    let value = significant(i + 1, end)
    let stop = typeEnd(value, end: end, stopAtBrace: false)
    let alias = open(.block, from: name, to: max(value, stop - 1), parent: scope)
    let objectScope = result.scopes.count
    var typeName = plainType(value, stop)
    if typeParameters >= 0 { bindTypeParameters(typeParameters, in: alias) }
    if lex.isPunct(value, "{") {
      objectLiteral(value, close: min(lex.matching(value), end), scope: alias, function: function)
      typeName = "@scope:\(objectScope)"
      walk(from: min(lex.matching(value), end) + 1, to: stop, scope: alias, function: function, mode: .expression)
    } else {
      walk(from: value, to: stop, scope: alias, function: function, mode: .expression)
    }
    bind(name, in: scope, kind: .definition, typeName: typeName, visible: result.scopes[scope].range.start)
    return stop
  }

  /// `enum Name { A, B = 1 }`: the name, and a scope whose bindings are the members.
  private mutating func enumDeclaration(_ k: Int, end: Int, scope: Int) -> Int {
    let name = significant(k + 1, end)
    let open = significant(name + 1, end)
    guard tokens[name].kind == .name, lex.isPunct(open, "{") else { return k + 1 }
    let close = min(lex.matching(open), end)
    let body = self.open(.type, from: name, to: close, parent: scope)
    bind(name, in: scope, kind: .definition, typeName: "@scope:\(body)", visible: result.scopes[scope].range.start)
    var expectName = true
    var k = open + 1
    while k < close {
      if lex.isPunct(k, ",") {
        expectName = true
      } else if expectName && (tokens[k].kind == .name) {
        bind(k, in: body, kind: .definition)
        expectName = false
      } else if lex.isOpen(k) {
        walk(from: k + 1, to: min(lex.matching(k), close), scope: scope, function: scope, mode: .expression)
        k = lex.matching(k)
      }
      k += 1
    }
    return close + 1
  }

  /// `namespace A.B { … }`, `declare module 'm' { … }`: a block whose declarations are also the
  /// namespace's members (`A.f`).
  private mutating func namespaceDeclaration(_ k: Int, end: Int, scope: Int) -> Int {
    let name = significant(k + 1, end)
    var i = significant(name + 1, end)
    while lex.isPunct(i, "."), tokens[i + 1].kind == .name { i = significant(i + 2, end) }
    guard lex.isPunct(i, "{") else { return i }
    let close = min(lex.matching(i), end)
    let body = open(.block, from: name, to: close, parent: scope)
    if tokens[name].kind == .name {
      bind(name, in: scope, kind: .definition, typeName: "@scope:\(body)", visible: result.scopes[scope].range.start)
    }
    walk(from: i + 1, to: close, scope: body, function: body, mode: .statements)
    return close + 1
  }

  // MARK: Modules

  /// `import …`: each name it binds, with the module and the name taken from it.
  private mutating func importStatement(_ k: Int, end: Int, scope: Int) -> Int {
    var i = significant(k + 1, end)
    if lex.isPunct(i, "(") || lex.isPunct(i, ".") { return k + 1 }  // `import(…)`, `import.meta`
    if lex.isWord(i, "type"), !lex.isWord(significant(i + 1, end), "from"), !lex.isPunct(significant(i + 1, end), "=") {
      i = significant(i + 1, end)
    }
    if tokens[i].kind == .literal {  // `import 'side-effects'`
      return significant(i + 1, end)
    }
    var entries: [(local: Int, imported: String, importedAt: Int)] = []
    var stop = i
    while stop < end && !lex.isWord(stop, "from") && !lex.isPunct(stop, "=") && !lex.isPunct(stop, ";") {
      if tokens[stop].kind == .newline, !entries.isEmpty || stop > i, lex.isPunct(significant(stop, end), ";") { break }
      if lex.isPunct(stop, "{") {
        let close = min(lex.matching(stop), end)
        entries += specifiers(stop, close: close)
        stop = close + 1
        continue
      }
      if lex.isPunct(stop, "*"), lex.isWord(significant(stop + 1, end), "as") {
        let local = significant(significant(stop + 1, end) + 1, end)
        entries.append((local, "*", -1))  // `import * as m`: the namespace, named `*`
        stop = local + 1
        continue
      }
      if tokens[stop].kind == .name, !lex.isWord(stop, "type") || lex.isWord(significant(stop + 1, end), "from") {
        entries.append((stop, "default", -1))
      }
      stop += 1
    }
    if lex.isPunct(stop, "=") {
      // `import x = require('m')` (TypeScript), `import x = A.B` (an alias: a use, not a module).
      let value = significant(stop + 1, end)
      if let module = requiredModule(value, significant(value + 4, end) + 1), let local = entries.first?.local {
        addImport(local, module: module.name, imported: "", scope: scope)
      } else if let local = entries.first?.local {
        let last = expressionEnd(value, end: end)
        bind(local, in: scope, kind: .definition, typeName: "=" + chainText(from: value, to: last))
        return last
      }
      return expressionEnd(value, end: end)
    }
    let moduleToken = significant(stop + 1, end)
    guard lex.isWord(stop, "from"), tokens[moduleToken].kind == .literal else { return stop }
    let module = lex.unquoted(moduleToken)
    for entry in entries {
      addImport(entry.local, module: module, imported: entry.imported, scope: scope)
      if entry.importedAt >= 0 { result.members.append(FileScopes.Member(position: position(entry.importedAt), receiver: "@module:" + module)) }
    }
    return significant(moduleToken + 1, end)
  }

  /// `{ a, b as c, type d, default as e }`: (the bound name's token, the name taken, where that is written
  /// when it differs from the bound one, else -1).
  private func specifiers(_ open: Int, close: Int) -> [(local: Int, imported: String, importedAt: Int)] {
    var found: [(Int, String, Int)] = []
    var k = significant(open + 1, close)
    while k < close {
      if lex.isWord(k, "type"), tokens[significant(k + 1, close)].kind == .name, !lex.isWord(significant(k + 1, close), "as") {
        k = significant(k + 1, close)
      }
      guard tokens[k].kind == .name || tokens[k].kind == .literal else {
        k = significant(k + 1, close)
        continue
      }
      let importedName = tokens[k].kind == .literal ? lex.unquoted(k) : lex.text(k)
      let afterName = significant(k + 1, close)
      if lex.isWord(afterName, "as"), tokens[significant(afterName + 1, close)].kind == .name {
        let local = significant(afterName + 1, close)
        found.append((local, importedName, tokens[k].kind == .name ? k : -1))
        k = significant(local + 1, close)
      } else {
        if tokens[k].kind == .name { found.append((k, importedName, -1)) }
        k = afterName
      }
      if lex.isPunct(k, ",") { k = significant(k + 1, close) }
    }
    return found
  }

  /// `export …`: re-exports (`export { a as b } from 'm'`, `export * from 'm'`), renames (`export { a as b }`),
  /// the default (`export default X`) and `export =`, recorded as the file's exports; a declaration after
  /// `export` is read as any other.
  private mutating func exportStatement(_ k: Int, end: Int, scope: Int, function: Int) -> Int {
    var i = significant(k + 1, end)
    if lex.isWord(i, "type"), lex.isPunct(significant(i + 1, end), "{") { i = significant(i + 1, end) }
    if lex.isPunct(i, "=") {
      let value = significant(i + 1, end)
      addExport("=", imported: tokens[value].kind == .name ? lex.text(value) : "", at: value, module: "")
      return expressionEnd(value, end: end)
    }
    if lex.isWord(i, "default") {
      let value = significant(i + 1, end)
      var named = value
      if lex.isWord(named, "async") { named = significant(named + 1, end) }
      if lex.isWord(named, "abstract") { named = significant(named + 1, end) }
      if lex.isWord(named, "function") || lex.isWord(named, "class") {
        var nameToken = significant(named + 1, end)
        if lex.isPunct(nameToken, "*") { nameToken = significant(nameToken + 1, end) }
        let hasName = tokens[nameToken].kind == .name && !lex.isWord(nameToken, "extends")
        addExport("default", imported: hasName ? lex.text(nameToken) : "", at: hasName ? nameToken : i, module: "")
        return lex.isWord(named, "function")
          ? self.function(named, end: end, scope: scope, declaration: true)
          : classDeclaration(named, end: end, scope: scope, function: function, declaration: true)
      }
      let stop = expressionEnd(value, end: end)
      let chain = chainText(from: value, to: stop)
      addExport("default", imported: chain.contains(".") || chain.contains("(") ? "" : chain, at: chain.isEmpty ? i : value, module: "")
      let objectScopes = result.scopes.count
      walk(from: value, to: stop, scope: scope, function: function, mode: .expression)
      if let object = objectScope(at: value, firstNew: objectScopes), let last = result.imports.indices.last {
        result.imports[last].importedName = "@scope:\(object)"
      }
      return stop
    }
    if lex.isPunct(i, "*") {
      var j = significant(i + 1, end)
      var local = "*"
      var at = i
      if lex.isWord(j, "as") {
        at = significant(j + 1, end)
        local = lex.text(at)
        j = significant(at + 1, end)
      }
      let moduleToken = significant(j + 1, end)
      if lex.isWord(j, "from"), tokens[moduleToken].kind == .literal {
        addExport(local, imported: "", at: at, module: lex.unquoted(moduleToken))
        return significant(moduleToken + 1, end)
      }
      return j
    }
    if lex.isPunct(i, "{") {
      let close = min(lex.matching(i), end)
      let from = significant(close + 1, end)
      let moduleToken = significant(from + 1, end)
      let module = lex.isWord(from, "from") && tokens[moduleToken].kind == .literal ? lex.unquoted(moduleToken) : ""
      for entry in specifiers(i, close: close) {
        let exported = lex.text(entry.local)
        addExport(exported, imported: entry.imported, at: entry.local, module: module)
        if !module.isEmpty {
          result.members.append(
            FileScopes.Member(position: position(entry.importedAt >= 0 ? entry.importedAt : entry.local), receiver: "@module:" + module))
        }
      }
      return module.isEmpty ? close + 1 : significant(moduleToken + 1, end)
    }
    return i  // `export const …`, `export function …`: read as declarations
  }

  /// `module.exports = X`, `module.exports.a = …`, `exports.a = …` at a file's top level (CommonJS exports).
  private mutating func moduleExportsAssignment(_ k: Int, end: Int, scope: Int, function: Int) -> Int? {
    guard scope == 0, startsStatement(k) else { return nil }
    var i = k
    if lex.isWord(i, "module"), lex.isPunct(i + 1, "."), lex.isWord(i + 2, "exports") {
      i += 2
    } else if !lex.isWord(i, "exports") {
      return nil
    }
    let after = i + 1
    if lex.isPunct(after, "="), !lex.isPunct(after + 1, "=") {
      let value = significant(after + 1, end)
      let stop = expressionEnd(value, end: end)
      let objectScopes = result.scopes.count
      addExport("=", imported: tokens[value].kind == .name && significant(value + 1, stop + 1) >= stop ? lex.text(value) : "", at: value, module: "")
      walk(from: value, to: stop, scope: scope, function: function, mode: .expression)
      if let object = objectScope(at: value, firstNew: objectScopes), let last = result.imports.indices.last {
        result.imports[last].importedName = "@scope:\(object)"
      }
      return stop
    }
    if lex.isPunct(after, "."), tokens[after + 1].kind == .name, lex.isPunct(significant(after + 2, end), "="),
      !lex.isPunct(significant(after + 2, end) + 1, "=")
    {
      let name = after + 1
      let value = significant(significant(after + 2, end) + 1, end)
      let stop = expressionEnd(value, end: end)
      // `exports.count = count` exports what the name is bound to; any other value is the assignment itself.
      let plainName = tokens[value].kind == .name && significant(value + 1, stop + 1) >= stop
      addExport(lex.text(name), imported: plainName ? lex.text(value) : "@self", at: name, module: "")
      walk(from: value, to: stop, scope: scope, function: function, mode: .expression)
      return stop
    }
    return nil
  }

  private mutating func addImport(_ local: Int, module: String, imported: String, scope: Int) {
    guard tokens[local].kind == .name else { return }
    bind(local, in: scope, kind: .imported)
    result.imports.append(FileScopes.Import(localName: lex.text(local), module: module, importedName: imported, position: position(local), scope: scope))
  }

  private mutating func addExport(_ name: String, imported: String, at k: Int, module: String) {
    var entry = FileScopes.Import(localName: name, module: module, importedName: imported, position: position(k), scope: 0)
    entry.isExport = true
    result.imports.append(entry)
  }

  // MARK: Members

  /// Every name after `.` (or `?.`) with the chain before it, and `this.x = …` in a class's methods as the
  /// class's attribute.
  private mutating func readMembers() {
    // The scopes open at the token being read, swept in source order (scopes are in pre-order): the
    // innermost for `this.x = …` without a search over every scope per assignment.
    var open: [Int] = [0]
    var next = 1
    for k in 1..<max(1, tokens.count) where tokens[k].kind == .name {
      var dot = k - 1
      if lex.isPunct(dot, "#") { dot -= 1 }
      guard lex.isPunct(dot, "."), !lex.isPunct(dot - 1, "."), tokens[dot].end == tokens[dot + 1].start || tokens[dot + 1].kind == .name
      else { continue }
      var receiverEnd = dot - 1
      if lex.isPunct(receiverEnd, "?") { receiverEnd -= 1 }
      while tokens[receiverEnd].kind == .newline { receiverEnd -= 1 }
      let receiver = receiverText(endingAt: receiverEnd)
      result.members.append(FileScopes.Member(position: position(k), receiver: receiver))
      if lex.isPunct(k + 1, "="), !lex.isPunct(k + 2, "="), !lex.isPunct(k + 2, ">") {
        if receiver == "this" {
          // `this.x = void 0` (Babel's field initialization) declares nothing, as TypeScript's binder reads it.
          if !(lex.isWord(k + 2, "void") && tokens[k + 3].kind == .literal) {
            let at = position(k)
            while next < result.scopes.count && result.scopes[next].range.start <= at {
              while open.count > 1, let top = open.last, result.scopes[top].range.end < result.scopes[next].range.start { open.removeLast() }
              open.append(next)
              next += 1
            }
            while open.count > 1, let top = open.last, result.scopes[top].range.end < at { open.removeLast() }
            bindThisAttribute(k, innermost: open.last ?? 0)
          }
        } else if !receiver.isEmpty && !(receiver == "module" && lex.isWord(k, "exports")) {
          // `obj.prop = value`: declares `prop` where nothing else does (JavaScript's expando properties).
          result.members[result.members.count - 1].receiver = "=" + receiver
        }
      }
    }
  }

  /// The chain ending at token `k` as written (`a.b`, `this`, `f()`, `new Foo()` as `Foo()`), empty when it
  /// is something else (a subscript, a literal, a parenthesized expression).
  private func receiverText(endingAt last: Int) -> String {
    var parts: [String] = []
    var k = last
    while parts.count < 12 {
      if lex.isPunct(k, "!") { k -= 1 }
      var calls = ""
      while lex.isPunct(k, ")"), k >= 0, k < openers.count, openers[k] >= 0 {
        calls += "()"
        k = Int(openers[k]) - 1
        if lex.isPunct(k, ">") { return "" }  // `f<T>()`
      }
      guard tokens[k].kind == .name, k >= 0 else { return "" }
      parts.append(lex.text(k) + calls)
      var before = k - 1
      while tokens[before].kind == .newline && before >= 0 { before -= 1 }
      if lex.isPunct(before, "."), !lex.isPunct(before - 1, ".") {
        k = before - 1
        if lex.isPunct(k, "?") { k -= 1 }
        while tokens[k].kind == .newline && k >= 0 { k -= 1 }
        continue
      }
      if lex.isWord(before, "new"), parts.count == 1, let first = parts.first, !first.hasSuffix("()") { return "" }
      break
    }
    return parts.count < 12 ? parts.reversed().joined(separator: ".") : ""
  }

  /// `this.x = value` in a method: `x` bound in the class (or object literal) the method belongs to.
  private mutating func bindThisAttribute(_ k: Int, innermost: Int) {
    var s = innermost
    var steps = 0
    while s > 0 && s < result.scopes.count && result.scopes[s].kind != .function && steps < 1000 {
      s = result.scopes[s].parent
      steps += 1
    }
    guard s > 0, s < result.scopes.count else { return }
    let owner = result.scopes[s].parent
    guard owner >= 0, owner < result.scopes.count, result.scopes[owner].kind == .type else { return }
    let value = significant(k + 2, tokens.count)
    let stop = expressionEnd(value, end: tokens.count)
    bind(k, in: owner, kind: .attribute, typeName: initializerType(value, stop))
  }

  // MARK: Tokens

  private mutating func open(_ kind: FileScopes.ScopeKind, from first: Int, to last: Int, parent: Int) -> Int {
    result.scopes.append(
      FileScopes.Scope(kind: kind, range: SourceRange(start: position(first), end: endPosition(max(first, last))), parent: parent))
    return result.scopes.count - 1
  }

  private mutating func bind(
    _ k: Int, in scope: Int, kind: FileScopes.BindingKind, typeName: String = "", visible: SourcePosition? = nil
  ) {
    guard tokens[k].kind == .name, scope >= 0, scope < result.scopes.count else { return }
    result.bindings.append(
      FileScopes.Binding(name: lex.text(k), scope: scope, position: position(k), kind: kind, typeName: typeName, visible: visible))
  }

  private func position(_ k: Int) -> SourcePosition { lex.position(k) }
  private func endPosition(_ k: Int) -> SourcePosition { lex.endPosition(k) }

  private func tokenIndex(at position: SourcePosition) -> Int? {
    var low = 0
    var high = tokens.count
    while low < high {
      let mid = (low + high) / 2
      if self.position(mid) < position { low = mid + 1 } else { high = mid }
    }
    return low < tokens.count && self.position(low) == position ? low : nil
  }

  /// The first token at or after `k` that is not a line break, `end` when none is before it.
  private func significant(_ k: Int, _ end: Int) -> Int {
    var i = max(k, 0)
    while i < end && tokens[i].kind == .newline { i += 1 }
    return min(i, max(end, k))
  }

  /// The last token before `k` that is not a line break, -1 when none.
  private func previousSignificant(_ k: Int) -> Int {
    var i = k - 1
    while i >= 0 && tokens[i].kind == .newline { i -= 1 }
    return i
  }

  private func isWord(before k: Int, _ word: StaticString) -> Bool { lex.isWord(previousSignificant(k), word) }

  /// Whether `k` is a property name after `.` (`x.class`, `obj.function`), not a keyword.
  private func isMemberName(_ k: Int) -> Bool {
    let p = previousSignificant(k)
    return lex.isPunct(p, ".") || (lex.isPunct(p, "#") && lex.isPunct(p - 1, "."))
  }

  /// Whether `k` begins a statement: first in the file, or after `;`, a brace, `)` of a head, a label's
  /// `:`, `export`/`default`/`declare`, or a line break after a complete expression.
  private func startsStatement(_ k: Int) -> Bool {
    let p = previousSignificant(k)
    if p < 0 { return true }
    if lex.isPunct(p, ";") || lex.isPunct(p, "{") || lex.isPunct(p, "}") || lex.isPunct(p, ")") { return true }
    if lex.isWord(p, "export") || lex.isWord(p, "default") || lex.isWord(p, "declare") || lex.isWord(p, "async")
      || lex.isWord(p, "else") || lex.isWord(p, "abstract")
    {
      return true
    }
    if tokens[k - 1].kind == .newline || p < k - 1 {
      return tokens[p].kind == .name || tokens[p].kind == .literal || lex.isPunct(p, "]")
    }
    return false
  }

  /// The token after one expression starting at `k`: the first `,` or `;` outside brackets, a closing
  /// bracket of an enclosing group, or a line break where the next line starts a new statement.
  private func expressionEnd(_ from: Int, end: Int) -> Int {
    var k = from
    var last = -1
    while k < end {
      let t = tokens[k]
      if t.kind == .newline {
        if last >= 0, endsOperand(last) {
          let next = significant(k, end)
          if next < end, startsNextStatement(next) { return k }
        }
        k += 1
        continue
      }
      if lex.isOpen(k) {
        last = min(lex.matching(k), end)
        k = last + 1
        continue
      }
      if lex.isClose(k) || lex.isPunct(k, ",") || lex.isPunct(k, ";") { return k }
      last = k
      k += 1
    }
    return end
  }

  private func endsOperand(_ k: Int) -> Bool {
    tokens[k].kind == .name || tokens[k].kind == .literal || lex.isPunct(k, ")") || lex.isPunct(k, "]") || lex.isPunct(k, "}")
  }

  private func startsNextStatement(_ k: Int) -> Bool {
    if tokens[k].kind == .literal || lex.isPunct(k, "@") { return true }
    guard tokens[k].kind == .name else { return false }
    return !lex.isOneOf(k, Self.infixWords)
  }

  private static let infixWords = Keywords.set(["instanceof", "in", "of", "as", "satisfies", "extends", "implements", "is", "keyof"])

  /// The token after a type starting at `k`: at `,` `;` `=` `)` `]` `}` outside brackets and angle
  /// brackets, at a line break after a complete type, and (`stopAtBrace`) at a `{` that follows a complete
  /// type (a function's body after its result type).
  private func typeEnd(_ from: Int, end: Int, stopAtBrace: Bool, stopAtArrow: Bool = false) -> Int {
    var k = from
    var angles = 0
    var last = -1
    var steps = 0
    while k < end && steps < 100_000 {
      steps += 1
      let t = tokens[k]
      if t.kind == .newline {
        if angles == 0, last >= 0, endsOperand(last) || lex.isPunct(last, ">") {
          let next = significant(k, end)
          if next < end, tokens[next].kind == .name && !lex.isOneOf(next, Self.infixWords) { return k }
        }
        k += 1
        continue
      }
      if lex.isPunct(k, "{") && stopAtBrace && angles == 0 && last >= 0
        && (endsOperand(last) || lex.isPunct(last, ">")) && !lex.isWord(last, "extends") && !lex.isWord(last, "keyof")
      {
        return k
      }
      if isArrow(k) {
        if stopAtArrow && angles == 0 { return k }
        k += 2
        last = -1
        continue
      }
      if lex.isOpen(k) {
        last = min(lex.matching(k), end)
        k = last + 1
        continue
      }
      if lex.isPunct(k, "<") { angles += 1 }
      if lex.isPunct(k, ">") {
        if angles == 0 { return k }
        angles -= 1
      }
      if angles == 0 && (lex.isClose(k) || lex.isPunct(k, ",") || lex.isPunct(k, ";") || lex.isPunct(k, "=")) { return k }
      last = k
      k += 1
    }
    return min(k, end)
  }

  /// The `>` closing the `<` at `open` (type parameters or arguments), counting nested angles; brackets
  /// inside are skipped whole.
  private func angleClose(_ open: Int, _ end: Int) -> Int {
    var depth = 0
    var k = open
    while k < end {
      if lex.isPunct(k, "<") { depth += 1 }
      if lex.isPunct(k, ">") && !(k > 0 && lex.isPunct(k - 1, "=") && tokens[k - 1].end == tokens[k].start) {
        depth -= 1
        if depth == 0 { return k }
      }
      if lex.isOpen(k) {
        k = lex.matching(k) + 1
        continue
      }
      if lex.isPunct(k, ";") || lex.isClose(k) { return k - 1 }
      k += 1
    }
    return max(open, end - 1)
  }

  /// A type as written between `from` and `to`, reduced to the name resolution can follow: type arguments
  /// and `| null`/`| undefined` dropped (`Promise<Foo>` → `Promise`, `Foo | null` → `Foo`); a union of named
  /// types as `|A|B`; empty for any other shape (a function type, a literal type).
  private func plainType(_ from: Int, _ to: Int) -> String {
    let single = namedType(from, to)
    return single.isEmpty ? unionType(from, to) : single
  }

  /// `A | B.C<T> | null` over `from..<to`: `|A|B.C`, the named constituents in order (member lookup tries
  /// each), or the one name when only one is; empty unless every other part is `null`, `undefined` or a literal.
  private func unionType(_ from: Int, _ to: Int) -> String {
    var k = significant(from, to)
    if lex.isPunct(k, "|") { k = significant(k + 1, to) }
    var names: [String] = []
    var parts = 0
    while k < to && parts < 64 {
      parts += 1
      var stop = k
      while stop < to && !lex.isPunct(stop, "|") {
        if lex.isOpen(stop) || lex.isPunct(stop, "<") {
          stop = lex.isPunct(stop, "<") ? angleClose(stop, to) + 1 : max(min(lex.matching(stop), to), stop) + 1
        } else {
          stop += 1
        }
      }
      let first = significant(k, stop)
      if tokens[first].kind == .literal || lex.isWord(first, "null") || lex.isWord(first, "undefined") {
        guard significant(first + 1, stop) >= stop else { return "" }
      } else {
        let name = namedType(k, stop)
        guard !name.isEmpty, !name.hasSuffix("[]") else { return "" }
        names.append(name)
      }
      k = significant(stop + 1, to)
    }
    if names.count == 1 { return names[0] }
    return names.count >= 2 ? "|" + names.joined(separator: "|") : ""
  }

  /// One named type (`Foo`, `ns.Foo<T>`, `Foo[]`), optionally `| null`/`| undefined`; empty for any other shape.
  private func namedType(_ from: Int, _ to: Int) -> String {
    var k = significant(from, to)
    guard tokens[k].kind == .name, k < to else { return "" }
    let start = k
    k += 1
    while lex.isPunct(k, "."), tokens[k + 1].kind == .name, k + 1 < to { k += 2 }
    let name = lex.joined(start, k)
    var rest = k
    if lex.isPunct(rest, "<") { rest = angleClose(rest, to) + 1 }
    if lex.isPunct(rest, "[") && lex.isPunct(rest + 1, "]") { return name + "[]" }
    while rest < to {
      let next = significant(rest, to)
      guard next < to else { break }
      guard lex.isPunct(next, "|"), lex.isWord(significant(next + 1, to), "null") || lex.isWord(significant(next + 1, to), "undefined") else {
        return ""
      }
      rest = significant(next + 1, to) + 1
    }
    return name
  }

}
