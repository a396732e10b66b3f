import IndexerModel

/// What a name means where it is used in a Java file: the `package` (an import named `#package`, at its
/// first name) and the imports (`import a.b.C` binds `C`; `import a.b.*` and `import static a.b.C.*` are
/// star imports, a static import's module is written `static:a.b.C`; each import at its last name, so a
/// name before it on the line is a package of its path — no module use is recorded per name); type declarations as `type` scopes (their binding carries
/// `@scope:N`, the body, and the scope its `extends`/`implements` names as bases), methods bound in their
/// type with `returns:T` and their arity as labels (`2`, `1+` for varargs), constructors kept out of lexical
/// lookup as attributes, fields and enum constants with their written type; method, lambda and block
/// scopes with parameters, locals (seen from their declarator), `for`, `catch`, try-with-resources and
/// `instanceof` pattern variables; anonymous classes as type scopes based on the type they instantiate; and
/// each name after `.` or `::` with the chain before it, and each call with its argument count.
///
/// Every token read goes through `TokenList`, and nesting past `CFamilyTokens.maxNesting` is skipped whole.
struct JavaScopeBuilder: TokenScopeRecorder {
  let lex: CFamilyTokens
  private var tokens: TokenList { lex.tokens }
  var result = FileScopes()
  private var nesting = 0
  /// For each closing bracket, its opening one (-1 for any other token).
  private let openers: [Int32]
  /// Token ranges of `package`/`import` statements: their names are modules, not members.
  private var importStatements: [Range<Int>] = []

  init(_ lex: CFamilyTokens) {
    self.lex = lex
    openers = lex.openingBrackets()
  }

  mutating func build() -> FileScopes {
    openFileScope()
    var k = 0
    while k < tokens.count {
      if lex.isWord(k, "package") || lex.isWord(k, "import") {
        k = importStatement(k)
      } else {
        k = max(member(k, close: tokens.count, scope: 0, typeName: ""), k + 1)
      }
    }
    readMembersAndCalls()
    return result
  }

  // MARK: Package and imports

  /// `package a.b;`, `import a.b.C;`, `import a.b.*;`, `import static a.b.C.m;`: the token after the `;`.
  private mutating func importStatement(_ k: Int) -> Int {
    var stop = k
    while stop < tokens.count && !lex.isPunct(stop, ";") && !lex.isPunct(stop, "{") { stop += 1 }
    importStatements.append(k..<stop)
    let isPackage = lex.isWord(k, "package")
    var i = k + 1
    let isStatic = lex.isWord(i, "static")
    if isStatic { i += 1 }
    var parts: [Int] = []
    var star = false
    var path = ""
    var parent = ""
    while i < stop {
      if tokens[i].kind == .name {
        parts.append(i)
        parent = path
        path += (path.isEmpty ? "" : ".") + lex.text(i)
      } else if lex.isPunct(i, "*") {
        star = true
      }
      i += 1
    }
    guard let lastPart = parts.last else { return stop + 1 }
    if isPackage {
      result.imports.append(FileScopes.Import(localName: "#package", module: path, importedName: "", position: position(parts[0]), scope: 0))
    } else if star {
      let module = (isStatic ? "static:" : "") + path
      result.imports.append(FileScopes.Import(localName: "*", module: module, importedName: "", position: position(lastPart), scope: 0))
    } else {
      let module = (isStatic ? "static:" : "") + parent
      let name = lex.text(lastPart)
      result.imports.append(FileScopes.Import(localName: name, module: module, importedName: name, position: position(lastPart), scope: 0))
      bind(lastPart, in: 0, kind: .imported)
    }
    return stop + 1
  }

  // MARK: Type declarations and members

  /// One member of a type body (or a top-level declaration) starting at `k`: a type, a method or constructor,
  /// fields, an initializer block. Returns the token after it.
  private mutating func member(_ k: Int, close: Int, scope: Int, typeName: String) -> Int {
    guard k < close else { return close }
    if lex.isPunct(k, ";") || lex.isPunct(k, "}") { return k + 1 }
    let first = skipModifiers(k, close)
    if let keyword = typeKeyword(first, close) { return typeDeclaration(keyword, start: first, parent: scope) }
    if lex.isPunct(first, "{") {  // an initializer block, `static { … }`
      let end = min(lex.matching(first), close)
      let body = open(.function, from: first, to: end, parent: scope)
      block(first, close: end, scope: body)
      return end + 1
    }
    // The head runs to the first `(`, `=`, `;` or `{` outside generics.
    var h = first
    var angles = 0
    while h < close {
      if lex.isPunct(h, "<") { angles += 1 }
      if lex.isPunct(h, ">") { angles = max(0, angles - 1) }
      if angles == 0 && (lex.isPunct(h, "(") || lex.isPunct(h, "=") || lex.isPunct(h, ";") || lex.isPunct(h, "{") || lex.isPunct(h, "}")) {
        break
      }
      if lex.isPunct(h, "[") { h = lex.matching(h) }
      h += 1
    }
    if lex.isPunct(h, "("), tokens[h - 1].kind == .name, h - 1 >= first {
      return method(first, name: h - 1, open: h, close: close, scope: scope, typeName: typeName)
    }
    if lex.isPunct(h, "{"), h > first, tokens[h - 1].kind == .name, lex.text(h - 1) == typeName {
      // A record's compact constructor: `Point { … }`.
      let end = min(lex.matching(h), close)
      bind(h - 1, in: scope, kind: .attribute)
      let body = open(.function, from: first, to: end, parent: scope)
      block(h, close: end, scope: body)
      return end + 1
    }
    if lex.isPunct(h, "{") {  // not understood: skip the braces whole
      return min(lex.matching(h), close) + 1
    }
    let stop = statementEnd(first, close)
    if scope > 0 { declarators(first, stop, scope: scope, kind: .definition) }
    return stop + 1
  }

  /// `class`/`interface`/`enum`/`record`/`@interface` at `keyword`: binds its name in `parent`, opens its
  /// body's scope with type parameters, record components and bases, and reads the body.
  private mutating func typeDeclaration(_ keyword: Int, start: Int, parent: Int) -> Int {
    nesting += 1
    defer { nesting -= 1 }
    let name = keyword + 1
    var k = name + 1
    var typeParameters = -1
    if lex.isPunct(k, "<") {
      typeParameters = k
      k = lex.angleEnd(k, tokens.count) + 1
    }
    var components = -1
    if lex.isPunct(k, "(") {
      components = k
      k = lex.matching(k) + 1
    }
    let headEnd = k
    while k < tokens.count && !lex.isPunct(k, "{") && !lex.isPunct(k, ";") && !lex.isPunct(k, "}") { k += 1 }
    guard lex.isPunct(k, "{"), nesting <= CFamilyTokens.maxNesting else {
      bind(name, in: parent, kind: .definition)
      return k + 1
    }
    let close = lex.matching(k)
    let body = open(.type, from: start, to: close, parent: parent)
    bind(name, in: parent, kind: .definition, typeName: "@scope:\(body)")
    result.scopes[body].bases = bases(headEnd, k)
    if typeParameters >= 0 { typeParameterList(typeParameters, scope: body) }
    // A record's components: fields and accessors, bound as its parameters (`Point(int x, int y)`).
    if components >= 0 { parameterList(components, scope: body, kind: .parameter) }
    let typeName = lex.text(name)
    var i = k + 1
    if lex.isWord(keyword, "enum") { i = enumConstants(i, close: close, scope: body, enumName: typeName) }
    while i < close { i = max(member(i, close: close, scope: body, typeName: typeName), i + 1) }
    return close + 1
  }

  /// `A, B(1) { … }, C;` at the start of an enum body: each constant a definition typed by the enum, a body an
  /// anonymous class based on it.
  private mutating func enumConstants(_ start: Int, close: Int, scope: Int, enumName: String) -> Int {
    var k = start
    while k < close {
      if lex.isPunct(k, ";") { return k + 1 }
      k = skipAnnotations(k, close)
      guard tokens[k].kind == .name else { return k }
      bind(k, in: scope, kind: .definition, typeName: enumName)
      var next = k + 1
      if lex.isPunct(next, "(") {
        let end = lex.matching(next)
        walkExpressions(next + 1, end, scope: scope)
        next = end + 1
      }
      if lex.isPunct(next, "{") {
        let end = min(lex.matching(next), close)
        classBody(next, close: end, parent: scope, base: enumName, from: k)
        next = end + 1
      }
      guard lex.isPunct(next, ",") else { return lex.isPunct(next, ";") ? next + 1 : next }
      k = next + 1
    }
    return k
  }

  /// An anonymous class's body `{ … }` at `open`: a type scope based on `base`.
  private mutating func classBody(_ open: Int, close: Int, parent: Int, base: String, from: Int) {
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= CFamilyTokens.maxNesting else { return }
    let body = self.open(.type, from: from, to: close, parent: parent)
    if !base.isEmpty { result.scopes[body].bases = [base] }
    var i = open + 1
    while i < close { i = max(member(i, close: close, scope: body, typeName: ""), i + 1) }
  }

  /// A method or constructor whose name is at `name` and parameter list at `open`: bound in `scope` (a
  /// constructor as an attribute, out of lexical lookup), its own scope holding type parameters and
  /// parameters, and its body read.
  private mutating func method(_ first: Int, name: Int, open: Int, close: Int, scope: Int, typeName: String) -> Int {
    let parametersClose = lex.matching(open)
    var k = parametersClose + 1
    while k < close && !lex.isPunct(k, "{") && !lex.isPunct(k, ";") && !lex.isPunct(k, "}") { k = lex.isOpen(k) ? lex.matching(k) + 1 : k + 1 }
    let hasBody = lex.isPunct(k, "{")
    let end = hasBody ? min(lex.matching(k), close) : k
    var typeParameters = -1
    var returnStart = first
    if lex.isPunct(first, "<") {
      typeParameters = first
      returnStart = lex.angleEnd(first, name) + 1
    }
    let isConstructor = returnStart == name
    if scope > 0 {
      if isConstructor {
        bind(name, in: scope, kind: .attribute, labels: parameterLabels(open))
      } else {
        bind(name, in: scope, kind: .definition, typeName: "returns:" + typeText(returnStart, name), labels: parameterLabels(open))
      }
    }
    let function = self.open(.function, from: first, to: end, parent: scope)
    if typeParameters >= 0 { typeParameterList(typeParameters, scope: function) }
    parameterList(open, scope: function, kind: .parameter)
    if hasBody { block(k, close: end, scope: function) }
    return end + 1
  }

  /// `(int a, final List<T> b, String... c)`: each parameter's name bound in `scope` with its written type.
  private mutating func parameterList(_ open: Int, scope: Int, kind: FileScopes.BindingKind) {
    for parameter in parameters(open) {
      let (start, name) = (parameter.start, parameter.name)
      bind(name, in: scope, kind: kind, typeName: name > start ? typeText(skipModifiers(start, name), name) : "")
    }
  }

  /// The parameters of the list at `open`, split at commas outside brackets and generics: where each
  /// starts, its name (the last name before any `[]`; a lambda's may stand alone), and the `[]` after the
  /// name. `Foo this` names no parameter.
  private func parameters(_ open: Int) -> [(start: Int, name: Int, dimensions: String)] {
    let close = lex.matching(open)
    var found: [(start: Int, name: Int, dimensions: String)] = []
    var start = open + 1
    var k = open + 1
    var angles = 0
    while k <= close && k < tokens.count {
      if lex.isPunct(k, "<") { angles += 1 }
      if lex.isPunct(k, ">") { angles = max(0, angles - 1) }
      if k == close || (angles == 0 && lex.isPunct(k, ",")) {
        var n = k - 1
        var dimensions = ""
        while lex.isPunct(n, "]"), lex.isPunct(n - 1, "["), n - 1 > start {
          dimensions += "[]"
          n -= 2
        }
        if n >= start, tokens[n].kind == .name, !lex.isWord(n, "this") { found.append((start, n, dimensions)) }
        start = k + 1
      }
      k = lex.isOpen(k) && k != close ? lex.matching(k) + 1 : k + 1
    }
    return found
  }

  /// `<T, U extends Comparable<U> & Serializable>`: each parameter's name, with its first bound as its type
  /// (a member of a `U` is looked up in `Comparable`).
  private mutating func typeParameterList(_ open: Int, scope: Int) {
    let close = lex.angleEnd(open, tokens.count)
    var depth = 0
    var expectName = true
    for k in tokenRange(open + 1, close) {
      if lex.isPunct(k, "<") { depth += 1 }
      if lex.isPunct(k, ">") { depth -= 1 }
      if depth == 0 && lex.isPunct(k, ",") {
        expectName = true
      } else if depth == 0 && expectName && tokens[k].kind == .name {
        var bound = ""
        if lex.isWord(k + 1, "extends"), let end = typeEnd(k + 2, close) { bound = typeText(k + 2, end) }
        bind(k, in: scope, kind: .typeParameter, typeName: bound)
        expectName = false
      }
    }
  }

  /// The types after `extends` and `implements` in `from..<to`, without their type arguments.
  private func bases(_ from: Int, _ to: Int) -> [String] {
    var found: [String] = []
    var k = from
    var listing = false
    while k < to {
      if lex.isWord(k, "extends") || lex.isWord(k, "implements") {
        listing = true
      } else if lex.isWord(k, "permits") {
        listing = false
      } else if listing && tokens[k].kind == .name {
        let end = typeEnd(k, to) ?? k + 1
        let text = typeText(k, end)
        if !text.isEmpty { found.append(text) }
        k = max(end, k + 1)
        continue
      }
      k += 1
    }
    return found
  }

  // MARK: Statements

  /// The statements of a block `{ … }` at `open`, in `scope` (opened by the caller).
  private mutating func block(_ open: Int, close: Int, scope: Int) {
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= CFamilyTokens.maxNesting else { return }
    var k = open + 1
    while k < close { k = max(statement(k, close: close, scope: scope), k + 1) }
  }

  /// One statement starting at `k`; the token after it. Statements nest without braces (`else if` chains,
  /// `for (…) if (…)`), so the depth limit is counted here too.
  private mutating func statement(_ k: Int, close: Int, scope: Int) -> Int {
    guard k < close else { return close }
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= CFamilyTokens.maxNesting else { return max(statementEnd(k, close), k) + 1 }
    if lex.isPunct(k, ";") { return k + 1 }
    if lex.isPunct(k, "{") {
      let end = min(lex.matching(k), close)
      block(k, close: end, scope: open(.block, from: k, to: end, parent: scope))
      return end + 1
    }
    if tokens[k].kind == .name && lex.isPunct(k + 1, ":") && !lex.isPunct(k + 2, ":") && !lex.isOneOf(k, Keywords.java) {
      return k + 2  // a label
    }
    // Most statements are declarations and expressions: one table lookup tells the others.
    if lex.isOneOf(k, Self.statementWords) {
      if lex.isWord(k, "if") || lex.isWord(k, "while") || lex.isWord(k, "synchronized") {
        guard lex.isPunct(k + 1, "(") else { return k + 1 }
        let condition = lex.matching(k + 1)
        walkExpressions(k + 2, condition, scope: scope)
        var next = statement(condition + 1, close: close, scope: scope)
        if lex.isWord(k, "if") && lex.isWord(next, "else") { next = statement(next + 1, close: close, scope: scope) }
        return next
      }
      if lex.isWord(k, "else") || lex.isWord(k, "finally") { return statement(k + 1, close: close, scope: scope) }
      if lex.isWord(k, "do") {
        let next = statement(k + 1, close: close, scope: scope)
        return statement(next, close: close, scope: scope)  // `while (…);`
      }
      if lex.isWord(k, "for"), lex.isPunct(k + 1, "(") { return forStatement(k, close: close, scope: scope) }
      if lex.isWord(k, "try") { return tryStatement(k, close: close, scope: scope) }
      if lex.isWord(k, "switch"), lex.isPunct(k + 1, "(") {
        return switchStatement(k, close: close, scope: scope)
      }
      if lex.isWord(k, "case") || lex.isWord(k, "default") { return caseLabel(k, close: close, scope: scope) }
    }
    let first = skipModifiers(k, close)
    if let keyword = typeKeyword(first, close) { return typeDeclaration(keyword, start: first, parent: scope) }
    let stop = statementEnd(k, close)
    if !lex.isOneOf(first, Keywords.java) || isPrimitive(first), isDeclaration(first, stop) {
      declarators(first, stop, scope: scope, kind: .local)
    } else {
      walkExpressions(k, stop, scope: scope)
    }
    return stop + 1
  }

  /// `for (init; cond; update) body` or `for (T x : xs) body`: a scope for the whole statement.
  private mutating func forStatement(_ k: Int, close: Int, scope: Int) -> Int {
    let head = lex.matching(k + 1)
    let loop = open(.block, from: k, to: head, parent: scope)
    if let colon = tokenRange(k + 2, head).first(where: { lex.isPunct($0, ":") && !lex.isPunct($0 + 1, ":") && !lex.isPunct($0 - 1, ":") }),
      isDeclaration(skipModifiers(k + 2, colon), colon + 1)
    {
      let first = skipModifiers(k + 2, colon)
      if let end = typeEnd(first, colon), tokens[end].kind == .name {
        bind(end, in: loop, kind: .loop, typeName: lex.isWord(first, "var") ? "" : typeText(first, end))
      }
      walkExpressions(colon + 1, head, scope: loop)
    } else {
      var start = k + 2
      var part = 0
      var i = k + 2
      while i <= head {
        if i == head || lex.isPunct(i, ";") {
          let first = skipModifiers(start, i)
          if part == 0 && isDeclaration(first, i) {
            declarators(first, i, scope: loop, kind: .local)
          } else {
            walkExpressions(start, i, scope: loop)
          }
          part += 1
          start = i + 1
        }
        i = lex.isOpen(i) && i != head ? lex.matching(i) + 1 : i + 1
      }
    }
    let next = statement(head + 1, close: close, scope: loop)
    result.scopes[loop].range.end = endPosition(max(head, next - 1))
    return next
  }

  /// `try (resources) { … } catch (A | B e) { … } finally { … }`.
  private mutating func tryStatement(_ k: Int, close: Int, scope: Int) -> Int {
    var i = k + 1
    var inner = scope
    if lex.isPunct(i, "(") {
      let head = lex.matching(i)
      let end = lex.isPunct(head + 1, "{") ? min(lex.matching(head + 1), close) : head
      inner = open(.block, from: k, to: end, parent: scope)
      var start = i + 1
      var j = i + 1
      while j <= head {
        if j == head || lex.isPunct(j, ";") {
          let first = skipModifiers(start, j)
          if isDeclaration(first, j) { declarators(first, j, scope: inner, kind: .local) } else { walkExpressions(start, j, scope: inner) }
          start = j + 1
        }
        j = lex.isOpen(j) && j != head ? lex.matching(j) + 1 : j + 1
      }
      i = head + 1
    }
    i = statement(i, close: close, scope: inner)
    while lex.isWord(i, "catch"), lex.isPunct(i + 1, "(") {
      let head = lex.matching(i + 1)
      let end = lex.isPunct(head + 1, "{") ? min(lex.matching(head + 1), close) : head
      let handler = open(.block, from: i, to: end, parent: scope)
      var n = head - 1
      if tokens[n].kind == .name {
        let first = skipModifiers(i + 2, n)
        let bar = tokenRange(first, n).first { lex.isPunct($0, "|") } ?? n
        bind(n, in: handler, kind: .handler, typeName: typeText(first, bar))
      }
      n = head + 1
      if lex.isPunct(n, "{") { block(n, close: end, scope: handler) }
      i = end + 1
    }
    if lex.isWord(i, "finally") { i = statement(i + 1, close: close, scope: scope) }
    return i
  }

  /// `switch (x) { … }`: the selector, then the body as a block of its own.
  private mutating func switchStatement(_ k: Int, close: Int, scope: Int) -> Int {
    let selector = lex.matching(k + 1)
    walkExpressions(k + 2, selector, scope: scope)
    guard lex.isPunct(selector + 1, "{") else { return selector + 1 }
    let end = min(lex.matching(selector + 1), close)
    block(selector + 1, close: end, scope: open(.block, from: selector + 1, to: end, parent: scope))
    return end + 1
  }

  /// `case A, B ->`, `case Circle c:`, `default:`: up to the `:` or `->`; a pattern's variable is bound.
  private mutating func caseLabel(_ k: Int, close: Int, scope: Int) -> Int {
    var i = k + 1
    while i < close {
      if lex.isPunct(i, ":") && !lex.isPunct(i + 1, ":") && !lex.isPunct(i - 1, ":") { break }
      if lex.isPunct(i, "-") && lex.isPunct(i + 1, ">") { break }
      i = lex.isOpen(i) ? lex.matching(i) + 1 : i + 1
    }
    if i - 1 > k + 1, tokens[i - 1].kind == .name, let end = typeEnd(k + 1, i - 1), end == i - 1 {
      bind(i - 1, in: scope, kind: .pattern, typeName: typeText(k + 1, end))
    }
    return lex.isPunct(i, "-") ? i + 2 : i + 1
  }

  /// `T a = 1, b[] = {…}, c;` (fields or locals) in `first..<stop`: each name bound in `scope`, seen from
  /// its own declarator; initializers read as expressions.
  private mutating func declarators(_ first: Int, _ stop: Int, scope: Int, kind: FileScopes.BindingKind) {
    guard let typeStop = typeEnd(first, stop) else { return }
    let isVar = lex.isWord(first, "var")
    let written = isVar ? "" : typeText(first, typeStop)
    var k = typeStop
    while k < stop, tokens[k].kind == .name {
      let name = k
      var next = k + 1
      var isArray = false
      while lex.isPunct(next, "[") {
        isArray = true
        next = lex.matching(next) + 1
      }
      var end = next
      var typeName = isArray && !written.isEmpty ? written + "[]" : written
      if lex.isPunct(next, "=") {
        end = lex.commaOrEnd(next + 1, stop)
        if isVar { typeName = valueType(next + 1, end) }
        walkExpressions(next + 1, end, scope: scope)
      }
      bind(name, in: scope, kind: kind, typeName: typeName, visible: kind == .local ? position(name) : nil)
      guard lex.isPunct(end, ",") else { break }
      k = end + 1
    }
  }

  // MARK: Expressions

  /// Lambdas, anonymous classes, `switch` expressions and `instanceof` patterns in `from..<to`.
  private mutating func walkExpressions(_ from: Int, _ to: Int, scope: Int) {
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= CFamilyTokens.maxNesting else { return }
    var k = from
    while k < to {
      if lex.isPunct(k, "-") && lex.isPunct(k + 1, ">") && tokens[k + 1].start == tokens[k].end {
        k = lambda(arrow: k, to: to, scope: scope)
        continue
      }
      if lex.isWord(k, "instanceof") {
        let first = skipModifiers(k + 1, to)
        if let end = typeEnd(first, to), end < to, tokens[end].kind == .name, !lex.isOneOf(end, Keywords.java) {
          bind(end, in: scope, kind: .pattern, typeName: typeText(first, end))
          k = end + 1
          continue
        }
      }
      if lex.isWord(k, "new") {
        let first = skipAnnotations(k + 1, to)
        if let end = typeEnd(first, to), lex.isPunct(end, "("), lex.isPunct(lex.matching(end) + 1, "{") {
          let arguments = lex.matching(end)
          walkExpressions(end + 1, arguments, scope: scope)
          let bodyClose = min(lex.matching(arguments + 1), max(to, arguments + 1))
          classBody(arguments + 1, close: bodyClose, parent: scope, base: typeText(first, end), from: k)
          k = bodyClose + 1
          continue
        }
      }
      if lex.isWord(k, "switch"), lex.isPunct(k + 1, "(") {
        k = max(switchStatement(k, close: to, scope: scope), k + 1)
        continue
      }
      k += 1
    }
  }

  /// A lambda whose `->` is at `arrow`: its parameters (`x`, `(a, b)`, `(int a, T b)`) and body in a scope of
  /// its own. Returns the token after the body.
  private mutating func lambda(arrow: Int, to: Int, scope: Int) -> Int {
    var first = arrow - 1
    if lex.isPunct(arrow - 1, ")"), arrow - 1 < openers.count, openers[arrow - 1] >= 0 { first = Int(openers[arrow - 1]) }
    let bodyStart = arrow + 2
    var end: Int
    if lex.isPunct(bodyStart, "{") {
      end = min(lex.matching(bodyStart), max(to - 1, bodyStart))
    } else {
      end = bodyStart
      while end < to && !lex.isPunct(end, ",") && !lex.isPunct(end, ";") && !lex.isClose(end) {
        end = lex.isOpen(end) ? lex.matching(end) + 1 : end + 1
      }
      end = max(bodyStart, min(end, to) - 1)
    }
    let body = open(.lambda, from: first, to: end, parent: scope)
    if lex.isPunct(first, "(") {
      parameterList(first, scope: body, kind: .parameter)
    } else {
      bind(first, in: body, kind: .parameter)
    }
    if lex.isPunct(bodyStart, "{") {
      block(bodyStart, close: end, scope: body)
    } else {
      walkExpressions(bodyStart, end + 1, scope: body)
    }
    return end + 1
  }

  // MARK: Members and calls

  /// Each name after `.` or `::` with the chain before it, and each call with its argument count.
  private mutating func readMembersAndCalls() {
    var skip = importStatements.makeIterator()
    var nextSkip = skip.next()
    var k = 1
    while k < tokens.count {
      if let range = nextSkip, k >= range.lowerBound {
        if k < range.upperBound {
          k = range.upperBound
          continue
        }
        nextSkip = skip.next()
        continue
      }
      defer { k += 1 }
      guard tokens[k].kind == .name, !lex.isOneOf(k, Keywords.java) else { continue }
      if lex.isPunct(k + 1, "("), !isInstantiated(k) { result.calls.append(FileScopes.Call(position: position(k), labels: argumentLabels(k + 1))) }
      if lex.isPunct(k - 1, "."), !lex.isPunct(k - 2, ".") {
        result.members.append(FileScopes.Member(position: position(k), receiver: receiverText(endingAt: k - 2)))
      } else if lex.isPunct(k - 1, ":"), lex.isPunct(k - 2, ":") {
        result.members.append(FileScopes.Member(position: position(k), receiver: receiverText(endingAt: k - 3)))
      }
    }
  }

  /// Whether the name at `k` is the class of `new a.b.T(…)`: a type, not a method called.
  private func isInstantiated(_ k: Int) -> Bool {
    var start = k
    while lex.isPunct(start - 1, "."), tokens[start - 2].kind == .name { start -= 2 }
    return lex.isWord(start - 1, "new")
  }

  /// The chain ending at token `last` (`a.b`, `f()`, `xs[]`, `this`, `{T}` for `new T(…)`, a cast `(T) x` or
  /// a string literal), empty for anything else.
  private func receiverText(endingAt last: Int) -> String {
    var parts: [String] = []
    var k = last
    while parts.count < 12 {
      var suffix = ""
      if tokens[k].kind == .literal {
        let text = lex.text(k)
        return text.hasPrefix("\"") && parts.isEmpty ? "{String}" : ""
      }
      if lex.isPunct(k, ")"), let value = parenthesizedValue(k) { return ([value] + parts.reversed()).joined(separator: ".") }
      while k >= 0, k < openers.count, openers[k] >= 0, lex.isPunct(k, ")") || lex.isPunct(k, "]") {
        suffix = (lex.isPunct(k, ")") ? "()" : "[]") + suffix
        k = Int(openers[k]) - 1
      }
      if lex.isPunct(k, ">") && !suffix.isEmpty {  // `new ArrayList<>()`
        var depth = 0
        while k > 0 {
          if lex.isPunct(k, ">") { depth += 1 }
          if lex.isPunct(k, "<") { depth -= 1 }
          k -= 1
          if depth == 0 { break }
        }
      }
      guard k >= 0, tokens[k].kind == .name else { return "" }
      // `new a.b.T(…)`: a value of type T.
      var start = k
      while lex.isPunct(start - 1, "."), tokens[start - 2].kind == .name { start -= 2 }
      if suffix.hasPrefix("()"), lex.isWord(start - 1, "new") {
        let type = tokenRange(start, k + 1).filter { tokens[$0].kind == .name }.map { lex.text($0) }.joined(separator: "/")
        return (["{" + type + "}"] + parts.reversed()).joined(separator: ".")
      }
      parts.append(lex.text(k) + suffix)
      guard lex.isPunct(k - 1, "."), !lex.isPunct(k - 2, ".") else { break }
      k -= 2
    }
    return parts.count < 12 ? parts.reversed().joined(separator: ".") : ""
  }

  /// `((T) x)` or `(new T(…))` closing at `close`: `{T}`; nil for any other parenthesized expression.
  private func parenthesizedValue(_ close: Int) -> String? {
    guard close < openers.count, openers[close] >= 0 else { return nil }
    let open = Int(openers[close])
    guard tokens[open - 1].kind != .name else { return nil }  // a call
    if lex.isPunct(open + 1, "("), let end = typeEnd(open + 2, close), lex.isPunct(end, ")"), end + 1 < close {
      return "{" + slashed(typeText(open + 2, end)) + "}"
    }
    if lex.isWord(open + 1, "new"), let end = typeEnd(open + 2, close), lex.isPunct(end, "("), lex.matching(end) + 1 == close {
      return "{" + slashed(typeText(open + 2, end)) + "}"
    }
    return nil
  }

  /// `a.b.C` → `a/b/C`: a type inside a chain, whose links are split at dots.
  private func slashed(_ type: String) -> String { String(type.map { $0 == "." ? "/" : $0 }) }

  /// A method's parameters at `open` as its labels: the count (`2`, or `1+` when the last is varargs), then
  /// each parameter's type as its last name (`2|int|List`; `String...` is `String[]`), to tell overloads apart.
  private func parameterLabels(_ open: Int) -> String {
    let list = parameters(open)
    let types = list.map { Self.lastName(typeText($0.start, $0.name)) + $0.dimensions }
    let varargs = list.last.map { lex.isPunct($0.name - 1, ".") && lex.isPunct($0.name - 2, ".") && lex.isPunct($0.name - 3, ".") } ?? false
    let count = varargs ? "\(types.count - 1)+" : "\(types.count)"
    return ([count] + types).joined(separator: "|")
  }

  /// A call's arguments at `open` as its labels: the count, then what each argument's type is where the
  /// source spells it (`int`, `String`, `null`, `T` of `new T(…)` or a cast), `=x` for a name (its
  /// binding's type), or empty: `2|=a|String`.
  private func argumentLabels(_ open: Int) -> String {
    let close = lex.matching(open)
    guard close > open + 1 else { return "0" }
    var types: [String] = []
    var k = open + 1
    while k < close && types.count < 64 {
      let end = lex.commaOrEnd(k, close)
      types.append(argumentType(k, end))
      k = end + 1
    }
    return (["\(types.count)"] + types).joined(separator: "|")
  }

  /// The type one argument `from..<to` spells, `=name` for a bare name, empty when it takes inference.
  private func argumentType(_ from: Int, _ to: Int) -> String {
    var k = from
    if lex.isPunct(k, "-") && tokens[k + 1].kind == .literal { k += 1 }
    if tokens[k].kind == .literal {
      let text = lex.text(k)
      if text.hasPrefix("\"") { return "String" }  // a literal, or a concatenation starting with one
      guard k + 1 == to else { return "" }
      if text.hasPrefix("'") { return "char" }
      let lower = text.lowercased()
      if lower.hasPrefix("0x") { return lower.hasSuffix("l") ? "long" : "int" }
      if lower.hasSuffix("f") { return "float" }
      if lower.hasSuffix("d") || lower.contains(".") || lower.contains("e") { return "double" }
      return lower.hasSuffix("l") ? "long" : "int"
    }
    if k + 1 == to && tokens[k].kind == .name {
      if lex.isWord(k, "true") || lex.isWord(k, "false") { return "boolean" }
      if lex.isWord(k, "null") { return "null" }
      return lex.isOneOf(k, Keywords.java) ? "" : "=" + lex.text(k)
    }
    if lex.isWord(k, "new"), let end = typeEnd(k + 1, to), lex.isPunct(end, "("), lex.matching(end) + 1 == to {
      return Self.lastName(typeText(k + 1, end))
    }
    if let chain = callChain(k, to) { return "=" + chain }
    // A cast: `(T) x` with a primitive or a capitalized type.
    if lex.isPunct(k, "("), let end = typeEnd(k + 1, to), lex.isPunct(end, ")"), end + 1 < to,
      isPrimitive(k + 1) || lex.text(k + 1).first?.isUppercase == true
    {
      return Self.lastName(typeText(k + 1, end))
    }
    return ""
  }

  /// `a.b().c()` spanning exactly `from..<to`, as a receiver chain is written; nil for anything else.
  private func callChain(_ from: Int, _ to: Int) -> String? {
    var text = ""
    var k = from
    var links = 0
    while k < to && links < 12 {
      guard tokens[k].kind == .name, !lex.isOneOf(k, Keywords.java) || lex.isWord(k, "this") else { return nil }
      text += lex.text(k)
      links += 1
      k += 1
      while lex.isPunct(k, "("), k < to {
        k = lex.matching(k) + 1
        text += "()"
      }
      if k == to { return text }
      guard lex.isPunct(k, "."), k + 1 < to else { return nil }
      text += "."
      k += 1
    }
    return nil
  }

  /// `a.b.C[]` → `C[]`.
  private static func lastName(_ type: String) -> String {
    guard let dot = type.lastIndex(of: ".") else { return type }
    return String(type[type.index(after: dot)...])
  }

  // MARK: Types

  /// The end of a type starting at `k` (`int`, `a.b.C<D>[]`, `T...`, annotations on it), before `limit`; nil
  /// when no type starts there.
  private func typeEnd(_ k: Int, _ limit: Int) -> Int? {
    var i = skipAnnotations(k, limit)
    guard tokens[i].kind == .name, i < limit else { return nil }
    if lex.isOneOf(i, Keywords.java) && !isPrimitive(i) { return nil }
    i += 1
    while i < limit {
      if lex.isPunct(i, "<") {
        let close = lex.angleEnd(i, limit)
        guard lex.isPunct(close, ">") else { return nil }
        i = close + 1
      } else if lex.isPunct(i, "."), lex.isPunct(i + 1, "."), lex.isPunct(i + 2, ".") {
        i += 3
      } else if lex.isPunct(i, "."), tokens[i + 1].kind == .name {
        i += 2
      } else if lex.isPunct(i, "["), lex.isPunct(i + 1, "]") {
        i += 2
      } else if lex.isPunct(i, "@"), skipAnnotations(i, limit) > i {
        i = skipAnnotations(i, limit)
      } else {
        break
      }
    }
    return i
  }

  /// A type as resolution follows it: `a.b.C<D>` gives `a.b.C`, `int[]` and `T...` give `int[]` and `T[]`
  /// (an array's members are no class's, and overloads are told apart by them); empty for `var`.
  private func typeText(_ from: Int, _ to: Int) -> String {
    var names: [String] = []
    var dimensions = ""
    var k = skipModifiers(from, to)
    while k < to {
      if lex.isPunct(k, "<") {
        k = lex.angleEnd(k, to) + 1
        continue
      }
      if lex.isPunct(k, "["), lex.isPunct(k + 1, "]") {
        dimensions += "[]"
        k += 2
        continue
      }
      if lex.isPunct(k, "."), lex.isPunct(k + 1, "."), lex.isPunct(k + 2, ".") {
        dimensions += "[]"
        k += 3
        continue
      }
      if lex.isPunct(k, "@"), skipAnnotations(k, to) > k {
        k = skipAnnotations(k, to)
        continue
      }
      if tokens[k].kind == .name {
        if lex.isWord(k, "var") { return "" }
        names.append(lex.text(k))
      } else if !lex.isPunct(k, ".") {
        return ""
      }
      k += 1
    }
    return names.isEmpty ? "" : names.joined(separator: ".") + dimensions
  }

  /// What `var x = …` takes its type from: `new T(…)` gives `T`, a chain of names and calls `=chain`.
  private func valueType(_ from: Int, _ to: Int) -> String {
    var k = from
    if lex.isWord(k, "new") {
      guard let end = typeEnd(k + 1, to), lex.isPunct(end, "(") else { return "" }
      return typeText(k + 1, end)
    }
    if tokens[k].kind == .literal { return lex.text(k).hasPrefix("\"") ? "String" : "" }
    var text = ""
    var parts = 0
    while k < to && parts < 12 {
      parts += 1
      guard tokens[k].kind == .name, !lex.isOneOf(k, Keywords.java) || lex.isWord(k, "this") else { return "" }
      text += lex.text(k)
      k += 1
      while lex.isPunct(k, "("), k < to {
        k = lex.matching(k) + 1
        text += "()"
      }
      guard k < to else { break }
      guard lex.isPunct(k, "."), tokens[k + 1].kind == .name else { return "" }
      text += "."
      k += 1
    }
    return text.isEmpty ? "" : "=" + text
  }

  /// Whether `first..<stop` declares variables: a type, then a name, then `=`, `;`, `,`, `:` or `[`.
  private func isDeclaration(_ first: Int, _ stop: Int) -> Bool {
    guard !lex.isWord(first, "yield"), let end = typeEnd(first, stop), end > first, end < stop, tokens[end].kind == .name else { return false }
    if lex.isOneOf(end, Keywords.java) { return false }
    let after = end + 1
    return after >= stop || lex.isPunct(after, "=") || lex.isPunct(after, ",") || lex.isPunct(after, ":") || lex.isPunct(after, "[")
      || lex.isPunct(after, ";")
  }

  private func isPrimitive(_ k: Int) -> Bool { lex.isOneOf(k, Self.primitives) }

  private static let statementWords = Keywords.set([
    "if", "while", "synchronized", "else", "finally", "do", "for", "try", "switch", "case", "default",
  ])
  private static let primitives = Keywords.set(["int", "long", "boolean", "double", "float", "char", "byte", "short", "void"])
  /// The modifiers a declaration may start with (`default` and `non-sealed` are told apart by what follows).
  private static let modifiers = Keywords.set([
    "public", "private", "protected", "static", "final", "abstract", "native", "synchronized", "transient", "volatile", "strictfp",
    "sealed",
  ])

  /// The type keyword of a declaration starting at `first` (after modifiers): `class`, `interface`,
  /// `@interface`, `enum`, or `record` before a name and `(`/`<`.
  private func typeKeyword(_ first: Int, _ close: Int) -> Int? {
    var k = first
    if lex.isPunct(k, "@"), lex.isWord(k + 1, "interface") { k += 1 }
    guard k < close, tokens[k + 1].kind == .name else { return nil }
    if lex.isWord(k, "class") || lex.isWord(k, "interface") || lex.isWord(k, "enum") { return k }
    if lex.isWord(k, "record"), lex.isPunct(k + 2, "(") || lex.isPunct(k + 2, "<") { return k }
    return nil
  }

  /// Past annotations and modifiers (`public`, `static`, `final`, `sealed`, `non-sealed`, …).
  private func skipModifiers(_ from: Int, _ limit: Int) -> Int {
    var k = from
    while k < limit {
      let next = skipAnnotations(k, limit)
      if next != k {
        k = next
        continue
      }
      if lex.isOneOf(k, Self.modifiers) || (lex.isWord(k, "default") && !lex.isPunct(k + 1, ":") && !lex.isPunct(k + 1, "-"))
      {
        k += 1
      } else if lex.isWord(k, "non"), lex.isPunct(k + 1, "-"), lex.isWord(k + 2, "sealed") {
        k += 3
      } else {
        break
      }
    }
    return k
  }

  /// Past `@Name`, `@a.b.Name(…)` annotations (not `@interface`).
  private func skipAnnotations(_ from: Int, _ limit: Int) -> Int {
    var k = from
    while k < limit, lex.isPunct(k, "@"), tokens[k + 1].kind == .name, !lex.isWord(k + 1, "interface") {
      k += 2
      while lex.isPunct(k, "."), tokens[k + 1].kind == .name, k + 1 < limit { k += 2 }
      if lex.isPunct(k, "(") { k = lex.matching(k) + 1 }
    }
    return k
  }

  /// The `;` ending the statement at `k` (outside brackets), or `close`.
  private func statementEnd(_ k: Int, _ close: Int) -> Int {
    var i = k
    while i < close {
      if lex.isPunct(i, ";") { return i }
      if lex.isPunct(i, "}") { return i }
      i = lex.isOpen(i) ? lex.matching(i) + 1 : i + 1
    }
    return close
  }
}
