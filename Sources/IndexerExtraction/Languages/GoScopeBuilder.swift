import IndexerModel

/// What a name means where it is used in a Go file: the file's imports and package-level declarations
/// (bound in the file scope; methods are kept out of lexical lookup as attributes whose `labels` name their
/// receiver type), function and function-literal scopes with their receiver, parameters, results and type
/// parameters, blocks (an `if`/`for`/`switch` statement's own scope for its init statement, a scope per
/// `case` clause), `:=` and `var`/`const` declarations seen from the end of their statement, struct and
/// interface bodies as scopes of kind `type` (embedded types as bases), and each name after `.` with the
/// chain before it; a composite literal's `Key:` is a member of its type (`@lit:T`). A type declaration's
/// binding carries `@scope:N` (a struct or interface body) or `type:Underlying`.
///
/// Every token read goes through `TokenList`, and nesting past `maximumNesting` is skipped whole.
struct GoScopeBuilder: TokenScopeRecorder {
  let lex: CFamilyTokens
  private var tokens: TokenList { lex.tokens }
  var result = FileScopes()
  private var nesting = 0
  /// For each closing bracket, its opening one (-1 for any other token).
  private var openers: [Int32]
  static let maximumNesting = 120

  init(_ lex: CFamilyTokens) {
    self.lex = lex
    openers = lex.openingBrackets()
  }

  mutating func build() -> FileScopes {
    openFileScope()
    topLevel()
    readMembers()
    result.members.sort { $0.position < $1.position }
    return result
  }

  // MARK: Package level

  private mutating func topLevel() {
    var k = 0
    while k < tokens.count {
      guard tokens[k].kind == .name else {
        k += 1
        continue
      }
      if lex.isWord(k, "import") {
        k = imports(k)
      } else if lex.isWord(k, "func") {
        k = function(k, scope: 0, declaration: true)
      } else if lex.isWord(k, "type") || lex.isWord(k, "var") || lex.isWord(k, "const") {
        k = declaration(k, scope: 0, end: tokens.count)
      } else {
        k += 1
      }
    }
  }

  /// `import "a/b"`, `import x "a/b"`, `import ( … )`: the bound name (the path's last element without a
  /// `/vN` suffix, or the alias) at the path or the alias.
  private mutating func imports(_ k: Int) -> Int {
    var i = significant(k + 1)
    var last = i
    if lex.isPunct(i, "(") {
      last = lex.matching(i)
      i += 1
    }
    while i <= last && i < tokens.count {
      var alias = -1
      if tokens[i].kind == .name || lex.isPunct(i, ".") {
        alias = i
        i += 1
      }
      guard tokens[i].kind == .literal else {
        i += 1
        continue
      }
      let path = lex.unquoted(i)
      var parts = path.split(separator: "/")
      if parts.count > 1, let tail = parts.last, tail.first == "v", tail.dropFirst().allSatisfy(\.isNumber) { parts.removeLast() }
      var local = parts.last.map(String.init) ?? path
      if let dash = local.lastIndex(of: "-") { local = String(local[local.index(after: dash)...]) }
      local = String(local.map { $0 == "." ? "_" : $0 })
      let at = alias >= 0 ? alias : i
      if alias >= 0 { local = lex.text(alias) }
      if local != "_" && local != "." {
        result.bindings.append(FileScopes.Binding(name: local, scope: 0, position: position(at), kind: .imported))
        result.imports.append(FileScopes.Import(localName: local, module: path, importedName: "", position: position(at), scope: 0))
      } else if local == "." {
        result.imports.append(FileScopes.Import(localName: "*", module: path, importedName: "", position: position(at), scope: 0))
      }
      i += 1
    }
    return max(i, k + 1)
  }

  /// `type`, `var`, `const` with one spec or a parenthesized group; in a function (`scope` > 0) its names
  /// are seen from the end of their spec.
  private mutating func declaration(_ k: Int, scope: Int, end: Int) -> Int {
    let keyword = lex.text(k)
    var i = significant(k + 1)
    guard lex.isPunct(i, "(") else { return spec(i, keyword: keyword, scope: scope, end: end) }
    let close = min(lex.matching(i), end)
    i += 1
    while i < close {
      if tokens[i].kind == .name {
        i = max(spec(i, keyword: keyword, scope: scope, end: close), i + 1)
      } else {
        i += 1
      }
    }
    return close + 1
  }

  /// One spec: `T struct {…}`, `T[P any] = U`, `a, b int = 1, 2`, `A = iota`.
  private mutating func spec(_ first: Int, keyword: String, scope: Int, end: Int) -> Int {
    let stop = lineEnd(first, end)
    if keyword == "type" {
      guard tokens[first].kind == .name else { return stop }
      var k = first + 1
      var typeParameters = -1
      if lex.isPunct(k, "["), tokens[k + 1].kind == .name, !lex.isPunct(k + 2, "]") {
        typeParameters = k
        k = lex.matching(k) + 1
      }
      if lex.isPunct(k, "=") { k += 1 }
      var typeName = ""
      if lex.isWord(k, "struct") || lex.isWord(k, "interface"), lex.isPunct(k + 1, "{") {
        let close = min(lex.matching(k + 1), end)
        let body = open(.type, from: first, to: close, parent: scope)
        typeName = "@scope:\(body)"
        if typeParameters >= 0 { typeParameterList(typeParameters, scope: body) }
        typeBody(k + 1, close: close, scope: body, isStruct: lex.isWord(k, "struct"))
        bind(first, in: scope, kind: .definition, typeName: typeName, visible: scope == 0 ? nil : endPosition(close))
        return close + 1
      }
      typeName = "type:" + typeText(k, stop)
      bind(first, in: scope, kind: .definition, typeName: typeName, visible: scope == 0 ? nil : endPosition(stop - 1))
      walkExpressions(k, stop, scope: scope)
      return stop
    }
    var names: [Int] = []
    var k = first
    while tokens[k].kind == .name, k < stop {
      names.append(k)
      guard lex.isPunct(k + 1, ",") else { break }
      k += 2
    }
    let afterNames = (names.last ?? first) + 1
    let equals = tokenRange(afterNames, stop).first { lex.isPunct($0, "=") }
    var typeName = equals.map { typeText(afterNames, $0) } ?? typeText(afterNames, stop)
    if typeName.isEmpty, let equals, names.count == 1 { typeName = valueType(equals + 1, stop) }
    for name in names {
      bind(name, in: scope, kind: scope == 0 ? .definition : .local, typeName: typeName, visible: scope == 0 ? nil : endPosition(stop - 1))
    }
    walkExpressions(afterNames, stop, scope: scope)
    return stop
  }

  /// A struct's fields (`A, B T`; an embedded `T`/`*pkg.T` becomes a base) or an interface's methods and
  /// embedded interfaces, bound in `scope`.
  private mutating func typeBody(_ open: Int, close: Int, scope: Int, isStruct: Bool) {
    var k = open + 1
    while k < close {
      if tokens[k].kind == .newline || lex.isPunct(k, ";") {
        k += 1
        continue
      }
      let stop = lineEnd(k, close)
      var names: [Int] = []
      var m = k
      while tokens[m].kind == .name, m < stop {
        names.append(m)
        guard lex.isPunct(m + 1, ",") else { break }
        m += 2
      }
      let after = (names.last ?? k) + 1
      if isStruct, let last = names.last, after < stop, !lex.isPunct(after, "."), tokens[after].kind != .literal {
        let type = typeText(after, stop)
        for name in names { bind(name, in: scope, kind: .definition, typeName: type) }
        _ = last
      } else if !isStruct, let name = names.first, lex.isPunct(after, "(") {
        let close = lex.matching(after)
        bind(name, in: scope, kind: .definition, typeName: "returns:" + typeText(close + 1, stop))
      } else {
        // Embedded: `T`, `*T`, `pkg.T`, `T[P]`.
        let type = typeText(k, stop)
        if !type.isEmpty { result.scopes[scope].bases.append(type) }
      }
      k = max(stop, k + 1)
    }
  }

  // MARK: Functions

  /// `func (r *T) Name[P any](params) results { body }` (a declaration) or `func(params) results { body }`.
  private mutating func function(_ k: Int, scope: Int, declaration: Bool) -> Int {
    var i = significant(k + 1)
    var receiver = -1
    if declaration && lex.isPunct(i, "(") {
      receiver = i
      i = lex.matching(i) + 1
    }
    var name = -1
    if declaration, tokens[i].kind == .name {
      name = i
      i += 1
    }
    var typeParameters = -1
    if lex.isPunct(i, "[") {
      typeParameters = i
      i = lex.matching(i) + 1
    }
    guard lex.isPunct(i, "(") else { return max(i, k + 1) }
    let parameters = i
    let parametersClose = lex.matching(i)
    // The results: `T`, `(a, b T)`, up to the body's `{` or the line's end.
    var j = parametersClose + 1
    var results = -1
    if lex.isPunct(j, "(") {
      results = j
      j = lex.matching(j) + 1
    }
    var resultType = results >= 0 ? firstResultType(results) : ""
    let typeStart = j
    while j < tokens.count, !lex.isPunct(j, "{"), tokens[j].kind != .newline, !lex.isClose(j), !lex.isPunct(j, ",") {
      j = lex.isOpen(j) ? lex.matching(j) + 1 : j + 1
    }
    if results < 0 { resultType = typeText(typeStart, j) }
    let body = lex.isPunct(j, "{") ? j : -1
    let last = body >= 0 ? lex.matching(body) : max(parametersClose, j - 1)
    let functionScope = open(declaration ? .function : .lambda, from: k, to: last, parent: scope)
    if name >= 0 {
      if receiver >= 0 {
        let receiverType = receiverTypeName(receiver)
        bind(name, in: 0, kind: .attribute, typeName: resultType.isEmpty ? "" : "returns:" + resultType, labels: receiverType)
      } else {
        bind(name, in: 0, kind: .definition, typeName: resultType.isEmpty ? "" : "returns:" + resultType)
      }
    }
    if receiver >= 0 {
      parameterList(receiver, scope: functionScope, kind: .receiverParameter)
      // `func (l *List[T])`: the receiver's type parameters.
      let close = lex.matching(receiver)
      if let bracket = tokenRange(receiver, close).first(where: { lex.isPunct($0, "[") }) {
        for t in tokenRange(bracket + 1, lex.matching(bracket)) where tokens[t].kind == .name { bind(t, in: functionScope, kind: .typeParameter) }
      }
    }
    if typeParameters >= 0 { typeParameterList(typeParameters, scope: functionScope) }
    parameterList(parameters, scope: functionScope, kind: .parameter)
    if results >= 0 { parameterList(results, scope: functionScope, kind: .local) }
    if body >= 0 { block(body, close: last, scope: functionScope) }
    return last + 1
  }

  /// `(a, b int, c *T)` or `(int, error)`: the names and their types; a list of bare types binds nothing.
  private mutating func parameterList(_ open: Int, scope: Int, kind: FileScopes.BindingKind) {
    let close = lex.matching(open)
    var groups: [(start: Int, end: Int)] = []
    var start = open + 1
    var k = open + 1
    while k <= close && k < tokens.count {
      if k == close || lex.isPunct(k, ",") {
        groups.append((significant(start), k))
        start = k + 1
      }
      k = lex.isOpen(k) && k != close ? lex.matching(k) + 1 : k + 1
    }
    // Named when some group is `name Type`: then `a, b int` gives both `a` and `b` the type `int`.
    let named = groups.contains { tokens[$0.start].kind == .name && $0.start + 1 < $0.end && significant($0.start + 1) < $0.end
      && !lex.isPunct(significant($0.start + 1), ".") }
    guard named else { return }
    var pending: [Int] = []
    for group in groups {
      guard tokens[group.start].kind == .name else { continue }
      let next = significant(group.start + 1)
      if next >= group.end {
        pending.append(group.start)
        continue
      }
      var type = next
      if lex.isPunct(type, ".") && lex.isPunct(type + 1, ".") { type = significant(type + 3) }  // `args ...T`
      let typeName = typeText(type, group.end)
      for name in pending + [group.start] { bind(name, in: scope, kind: kind, typeName: typeName) }
      pending = []
    }
  }

  private mutating func typeParameterList(_ open: Int, scope: Int) {
    let close = lex.matching(open)
    var expectName = true
    var k = open + 1
    while k < close {
      if lex.isPunct(k, ",") {
        expectName = true
      } else if expectName && tokens[k].kind == .name {
        bind(k, in: scope, kind: .typeParameter)
        if !lex.isPunct(k + 1, ",") { expectName = false }
      } else if tokens[k].kind == .name {
        expectName = false
      }
      k = lex.isOpen(k) ? lex.matching(k) + 1 : k + 1
    }
  }

  // MARK: Statements

  /// The statements of a block `{ … }` at `open`, in `scope` (already opened by the caller for a function).
  private mutating func block(_ open: Int, close: Int, scope: Int) {
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= Self.maximumNesting else { return }
    var k = open + 1
    while k < close {
      let next = statement(significant(k), close: close, scope: scope)
      k = max(next, k + 1)
    }
  }

  /// One statement starting at `k`; the token after it.
  private mutating func statement(_ k: Int, close: Int, scope: Int) -> Int {
    guard k < close else { return close }
    if lex.isPunct(k, "{") {
      let end = min(lex.matching(k), close)
      let inner = open(.block, from: k, to: end, parent: scope)
      block(k, close: end, scope: inner)
      return end + 1
    }
    if lex.isWord(k, "var") || lex.isWord(k, "const") || lex.isWord(k, "type") { return declaration(k, scope: scope, end: close) }
    if lex.isWord(k, "if") || lex.isWord(k, "for") || lex.isWord(k, "switch") || lex.isWord(k, "select") {
      return control(k, close: close, scope: scope)
    }
    if lex.isWord(k, "case") || lex.isWord(k, "default") {
      return k + 1
    }
    let stop = lineEnd(k, close)
    // `a, b := …`: new names, seen after the statement (a `:=` inside a function literal is not this one's).
    if let define = defineOperator(k, stop) {
      let names = tokenRange(k, define).filter { tokens[$0].kind == .name }
      let single = names.count == 1
      for name in names where lex.text(name) != "_" {
        let typeName = single ? valueType(define + 2, stop) : ""
        bind(name, in: scope, kind: .local, typeName: typeName, visible: endPosition(stop - 1))
      }
      walkExpressions(define + 2, stop, scope: scope)
      return stop
    }
    walkExpressions(k, stop, scope: scope)
    return stop
  }

  /// The `:=` of a statement in `from..<to`, outside brackets; nil when it has none.
  private func defineOperator(_ from: Int, _ to: Int) -> Int? {
    var i = from
    while i < to {
      if lex.isPunct(i, ":") && lex.isPunct(i + 1, "=") && tokens[i + 1].start == tokens[i].end { return i }
      i = lex.isOpen(i) ? lex.matching(i) + 1 : i + 1
    }
    return nil
  }

  /// `if init; cond { … } else …`, `for init; cond; post { … }`, `for k, v := range x { … }`, `switch x := y.(type) { … }`,
  /// `select { … }`: a scope for the whole statement (its init's names), a block for the body, a branch
  /// per `case` clause.
  private mutating func control(_ k: Int, close: Int, scope: Int) -> Int {
    var body = k + 1
    while body < close, !lex.isPunct(body, "{") {
      body = lex.isOpen(body) ? lex.matching(body) + 1 : body + 1
    }
    guard body < close else { return lineEnd(k, close) }
    var last = min(lex.matching(body), close)
    // An `if`'s `else` chain shares the init's scope.
    if lex.isWord(k, "if") {
      var e = significant(last + 1)
      while lex.isWord(e, "else") && e < close {
        var b = significant(e + 1)
        if lex.isWord(b, "if") {
          b += 1
          while b < close, !lex.isPunct(b, "{") { b = lex.isOpen(b) ? lex.matching(b) + 1 : b + 1 }
        }
        guard lex.isPunct(b, "{") else { break }
        last = min(lex.matching(b), close)
        e = significant(last + 1)
      }
    }
    let statementScope = open(.block, from: k, to: last, parent: scope)
    // The head: its `:=` names (a range's too) are the statement's.
    let head = tokenRange(k + 1, body)
    var headStart = k + 1
    for t in head where lex.isPunct(t, ";") {
      _ = statement(significant(headStart), close: t, scope: statementScope)
      headStart = t + 1
    }
    if headStart < body {
      _ = statement(significant(headStart), close: body, scope: statementScope)
    }
    let isSwitch = lex.isWord(k, "switch") || lex.isWord(k, "select")
    if isSwitch {
      clauses(body, close: min(lex.matching(body), close), scope: statementScope)
    } else {
      let inner = open(.block, from: body, to: min(lex.matching(body), close), parent: statementScope)
      block(body, close: min(lex.matching(body), close), scope: inner)
    }
    if lex.isWord(k, "if") {
      var e = significant(min(lex.matching(body), close) + 1)
      while lex.isWord(e, "else") && e < last {
        let b = significant(e + 1)
        if lex.isWord(b, "if") {
          return max(control(b, close: close, scope: statementScope), last + 1)
        }
        guard lex.isPunct(b, "{") else { break }
        let end = min(lex.matching(b), close)
        let branch = open(.branch, from: b, to: end, parent: statementScope)
        block(b, close: end, scope: branch)
        e = significant(end + 1)
      }
    }
    return last + 1
  }

  /// A `switch`/`select` body: each `case …:` / `default:` clause a branch of its own.
  private mutating func clauses(_ open: Int, close: Int, scope: Int) {
    var starts: [Int] = []
    var k = open + 1
    while k < close {
      if lex.isWord(k, "case") || lex.isWord(k, "default") { starts.append(k) }
      k = lex.isOpen(k) ? lex.matching(k) + 1 : k + 1
    }
    for (n, start) in starts.enumerated() {
      let end = n + 1 < starts.count ? starts[n + 1] - 1 : close - 1
      let branch = self.open(.branch, from: start, to: max(start, end), parent: scope)
      let colon = tokenRange(start, end + 1).first { lex.isPunct($0, ":") && !lex.isPunct($0 + 1, "=") } ?? start
      // `case v := <-ch:` binds `v` in its clause.
      _ = statement(significant(start + 1), close: colon, scope: branch)
      var s = colon + 1
      while s <= end {
        s = max(statement(significant(s), close: end + 1, scope: branch), s + 1)
      }
    }
  }

  /// The expressions in `from..<to`: function literals (each a scope) and composite literals' keys.
  private mutating func walkExpressions(_ from: Int, _ to: Int, scope: Int) {
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= Self.maximumNesting else { return }
    var k = from
    while k < to {
      if lex.isWord(k, "func"), lex.isPunct(significant(k + 1), "(") {
        k = max(function(k, scope: scope, declaration: false), k + 1)
        continue
      }
      if lex.isPunct(k, "{") {
        let close = min(lex.matching(k), to)
        compositeLiteral(k, close: close, scope: scope)
        k = close + 1
        continue
      }
      if lex.isWord(k, "struct") || lex.isWord(k, "interface"), lex.isPunct(k + 1, "{") {
        k = lex.matching(k + 1) + 1
        continue
      }
      k += 1
    }
  }

  /// `T{Key: v, …}`: each key a member of `T` (when written before the brace), the values read as expressions.
  private mutating func compositeLiteral(_ open: Int, close: Int, scope: Int) {
    let type = literalType(before: open)
    var k = open + 1
    var entryStart = true
    while k < close {
      if lex.isPunct(k, ",") || tokens[k].kind == .newline {
        entryStart = true
        k += 1
        continue
      }
      if entryStart, tokens[k].kind == .name, lex.isPunct(significant(k + 1), ":") {
        result.members.append(FileScopes.Member(position: position(k), receiver: type.isEmpty ? "" : "@lit:" + type))
        k = significant(k + 1) + 1
        entryStart = false
        continue
      }
      entryStart = false
      let stop = lex.commaOrEnd(k, close)
      walkExpressions(k, stop, scope: scope)
      k = max(stop, k + 1)
    }
  }

  // MARK: Members

  private mutating func readMembers() {
    for k in 1..<max(1, tokens.count) where tokens[k].kind == .name {
      guard lex.isPunct(k - 1, "."), !lex.isPunct(k - 2, ".") else { continue }
      var end = k - 2
      while tokens[end].kind == .newline && end > 0 { end -= 1 }
      result.members.append(FileScopes.Member(position: position(k), receiver: receiverText(endingAt: end)))
    }
  }

  /// The chain ending at token `k` (`a.b`, `f()`, `T{}` for a composite literal, `&T{}` alike), empty for
  /// anything else.
  private func receiverText(endingAt last: Int) -> String {
    var parts: [String] = []
    var k = last
    while parts.count < 12 {
      var suffix = ""
      if lex.isPunct(k, "}"), k < openers.count, openers[k] >= 0 {
        let type = literalType(before: Int(openers[k]))
        return type.isEmpty ? "" : ([type + "{}"] + parts.reversed()).joined(separator: ".")
      }
      while lex.isPunct(k, ")"), k >= 0, k < openers.count, openers[k] >= 0 {
        suffix += "()"
        k = Int(openers[k]) - 1
      }
      guard k >= 0, tokens[k].kind == .name else { return "" }
      parts.append(lex.text(k) + suffix)
      var before = k - 1
      while before > 0 && tokens[before].kind == .newline { before -= 1 }
      guard lex.isPunct(before, ".") else { break }
      k = before - 1
      while k > 0 && tokens[k].kind == .newline { k -= 1 }
    }
    return parts.count < 12 ? parts.reversed().joined(separator: ".") : ""
  }

  // MARK: Types

  /// The type a composite literal's `{` at `open` follows: `T`, `pkg.T`, `T[P]`; empty for `[]T{`, `map…{`
  /// and anything else (its elements' type is not one name).
  private func literalType(before open: Int) -> String {
    var k = open - 1
    if lex.isPunct(k, "]"), k < openers.count, openers[k] >= 0 {
      let bracket = Int(openers[k])
      if tokens[bracket - 1].kind == .name && !lex.isPunct(bracket + 1, "]") { k = bracket - 1 } else { return "" }
    }
    guard tokens[k].kind == .name else { return "" }
    var start = k
    if lex.isPunct(k - 1, "."), tokens[k - 2].kind == .name { start = k - 2 }
    let before = start - 1
    if lex.isPunct(before, "]") || lex.isWord(before, "map") || lex.isWord(before, "chan") { return "" }
    return lex.joined(start, k + 1)
  }

  /// A type as resolution follows it: `*T` and `T[P]` give `T`, `pkg.T` stays; empty for slices, maps,
  /// channels, functions and literal types.
  private func typeText(_ from: Int, _ to: Int) -> String {
    var k = significant(from)
    while lex.isPunct(k, "*") && k < to { k += 1 }
    guard tokens[k].kind == .name, k < to, !lex.isWord(k, "map"), !lex.isWord(k, "chan"), !lex.isWord(k, "func"),
      !lex.isWord(k, "struct"), !lex.isWord(k, "interface")
    else { return "" }
    var end = k + 1
    if lex.isPunct(end, "."), tokens[end + 1].kind == .name { end += 2 }
    return lex.joined(k, end)
  }

  /// The type a value writes: `T{…}`, `&T{…}`, `new(T)` → `T`; a chain of names and calls → `=chain`.
  private func valueType(_ from: Int, _ to: Int) -> String {
    var k = significant(from)
    if lex.isPunct(k, "&") { k += 1 }
    if lex.isWord(k, "new"), lex.isPunct(k + 1, "(") { return typeText(k + 2, lex.matching(k + 1)) }
    var text = ""
    var parts = 0
    while k < to && parts < 12 {
      parts += 1
      guard tokens[k].kind == .name else { return "" }
      text += lex.text(k)
      k += 1
      if lex.isPunct(k, "[") { k = lex.matching(k) + 1 }  // `T[P]{…}`, `f[T](…)`
      if lex.isPunct(k, "{") {
        return significant(lex.matching(k) + 1) >= to && !text.contains("(") ? text : ""
      }
      while lex.isPunct(k, "("), k < to {
        k = lex.matching(k) + 1
        text += "()"
      }
      guard k < to, significant(k) < to else { break }
      guard lex.isPunct(k, "."), tokens[k + 1].kind == .name else { return "" }
      text += "."
      k += 1
    }
    return text.isEmpty ? "" : "=" + text
  }

  /// `(T, error)` or `(n int, err error)`: the first result's type.
  private func firstResultType(_ open: Int) -> String {
    let close = lex.matching(open)
    let comma = tokenRange(open + 1, close).first { lex.isPunct($0, ",") } ?? close
    let first = significant(open + 1)
    // `(n int, …)`: a name then a type.
    if tokens[first].kind == .name, significant(first + 1) < comma, !lex.isPunct(significant(first + 1), ".") {
      return typeText(significant(first + 1), comma)
    }
    return typeText(first, comma)
  }

  /// `(r *T)`, `(T)`, `(l *List[T])`: `T`.
  private func receiverTypeName(_ open: Int) -> String {
    let close = lex.matching(open)
    let names = tokenRange(open + 1, close).filter { tokens[$0].kind == .name }
    let star = tokenRange(open + 1, close).contains { lex.isPunct($0, "*") }
    guard let type = names.count >= 2 && (star || !lex.isPunct(names[0] + 1, "[")) ? names[1] : names.first else { return "" }
    return lex.text(type)
  }

  // MARK: Tokens

  private func significant(_ k: Int) -> Int {
    var i = max(k, 0)
    while i < tokens.count && tokens[i].kind == .newline { i += 1 }
    return i
  }

  /// The end of the statement or spec starting at `k` (a newline or `;` outside brackets, or `end`).
  private func lineEnd(_ k: Int, _ end: Int) -> Int {
    var i = k
    while i < end {
      if tokens[i].kind == .newline || lex.isPunct(i, ";") { return i }
      if lex.isClose(i) { return i }
      i = lex.isOpen(i) ? lex.matching(i) + 1 : i + 1
    }
    return end
  }

}
