import IndexerModel

/// What a name means where it is used in a Rust file: modules (the file, inline `mod x { … }` bodies of
/// kind `module`), the items each binds (a `mod x;` binding carries `@mod`, a body `@scope:N`, a
/// tuple or unit struct `@type`, an alias `type:T`, a function `returns:T`), `use` trees as imports
/// (`module` is the path before the name, empty for `use name;`, `@crate` for `extern crate`; `*` for a glob), struct, enum, trait and impl bodies as scopes of
/// kind `type` (an impl's or trait's `Self` bound to the type it names, a trait impl's trait as its base;
/// methods carry the impl's type name as `labels`), functions with generics, `self` and parameter
/// patterns, blocks with `let` (seen from the end of the statement, so `let x = x` reads the earlier `x`),
/// `if let`/`while let`/`for`/`match` arms and closures with their pattern bindings, and each name after
/// `.` or `::` with the chain before it (`a.b()`, `Foo::new()?`, a path's `a::b::`), a call (labels `()`)
/// where a member after `.` is called; a struct literal's `field:` is a member of its type (`@lit:T`). An
/// item whose `#[cfg(…)]` does not hold here (`RustConfiguration`) has `labels` `cfg:off`.
///
/// Every token read goes through `TokenList`, and nesting past `maximumNesting` is skipped whole.
struct RustScopeBuilder: TokenScopeRecorder {
  let lex: CFamilyTokens
  private var tokens: TokenList { lex.tokens }
  var result = FileScopes()
  private var nesting = 0
  /// For each closing bracket, its opening one (-1 for any other token).
  private let openers: [Int32]
  /// The token ranges of `use` declarations, in source order: their names are members `useTree` records.
  private var useRanges: [Range<Int>] = []
  static let maximumNesting = 120

  init(_ lex: CFamilyTokens) {
    self.lex = lex
    openers = lex.openingBrackets()
  }

  mutating func build() -> FileScopes {
    openFileScope()
    if tokens.count > 0 { result.scopes[0].range.start = moduleStart() }
    items(from: 0, to: tokens.count, scope: 0, owner: "")
    readMembers()
    result.members.sort { $0.position < $1.position }
    return result
  }

  /// Where rustc's span of a module file starts: its first inner doc comment (`//!`, `/*!`) or its first
  /// token, past ordinary comments.
  private func moduleStart() -> SourcePosition {
    let source = lex.source
    let first = tokens[0].start
    var i = 0
    var line = 1
    var lineStart = 0
    func at(_ c: Int, _ byte: Unicode.Scalar) -> Bool { c < source.count && source[c] == UInt8(ascii: byte) }
    while i < first {
      if at(i, "\n") {
        line += 1
        lineStart = i + 1
        i += 1
      } else if at(i, "/") && (at(i + 1, "/") || at(i + 1, "*")) {
        if at(i + 2, "!") { return SourcePosition(line: line, column: i - lineStart + 1) }
        if at(i + 1, "/") {
          while i < first && !at(i, "\n") { i += 1 }
        } else {
          i += 2
          while i < first && !(at(i, "*") && at(i + 1, "/")) {
            if at(i, "\n") {
              line += 1
              lineStart = i + 1
            }
            i += 1
          }
          i += 2
        }
      } else {
        i += 1
      }
    }
    return position(0)
  }

  // MARK: Items

  /// The items of a module, impl or trait body in `from..<to`.
  private mutating func items(from: Int, to: Int, scope: Int, owner: String) {
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= Self.maximumNesting else { return }
    var k = from
    while k < to {
      if lex.isWord(k, "cfg_if"), lex.isPunct(k + 1, "!"), lex.isPunct(k + 2, "{") {
        let close = min(lex.matching(k + 2), to)
        configurationBranches(k + 3, close, scope: scope, owner: owner)
        k = close + 1
      } else if let next = item(k, end: to, scope: scope, owner: owner) {
        k = max(next, k + 1)
      } else if lex.isOpen(k) {
        k = lex.matching(k) + 1
      } else {
        k += 1
      }
    }
  }

  /// The item starting at `k` (after attributes and visibility), bound in `scope`; the token after it, or
  /// nil when no item starts there. `owner`: the impl's or trait's type name, for its functions' `labels`.
  private mutating func item(_ start: Int, end: Int, scope: Int, owner: String) -> Int? {
    var k = start
    var builtHere = true
    while lex.isPunct(k, "#") && k < end {
      var b = k + 1
      if lex.isPunct(b, "!") { b += 1 }
      guard lex.isPunct(b, "[") else { return nil }
      if lex.isWord(b + 1, "cfg"), lex.isPunct(b + 2, "("), !RustConfiguration(lex).holds(b + 2) { builtHere = false }
      k = lex.matching(b) + 1
    }
    guard !builtHere else { return itemAfterAttributes(k, start: start, end: end, scope: scope, owner: owner) }
    let before = result.bindings.count
    let next = itemAfterAttributes(k, start: start, end: end, scope: scope, owner: owner)
    markNotBuiltHere(since: before, scope: scope)
    return next
  }

  /// Items `cfg` leaves out of a build for this machine stay, marked, so resolution ranks them last.
  private mutating func markNotBuiltHere(since first: Int, scope: Int) {
    for b in first..<result.bindings.count where result.bindings[b].scope == scope && result.bindings[b].labels.isEmpty {
      result.bindings[b].labels = FileScopes.RustMarks.notBuiltHere
    }
  }

  /// The body of `cfg_if! { if #[cfg(a)] { … } else if #[cfg(b)] { … } else { … } }`: every branch's items,
  /// those of all but the first branch whose predicate holds marked as not built here.
  private mutating func configurationBranches(_ from: Int, _ to: Int, scope: Int, owner: String) {
    var k = from
    var taken = false
    while k < to {
      var holds = !taken
      if lex.isWord(k, "if"), lex.isPunct(k + 1, "#"), lex.isPunct(k + 2, "["), lex.isWord(k + 3, "cfg"), lex.isPunct(k + 4, "(") {
        holds = !taken && RustConfiguration(lex).holds(k + 4)
        k = lex.matching(k + 2) + 1
      }
      guard lex.isPunct(k, "{"), k < to else { return }
      let close = min(lex.matching(k), to)
      let before = result.bindings.count
      items(from: k + 1, to: close, scope: scope, owner: owner)
      if holds { taken = true } else { markNotBuiltHere(since: before, scope: scope) }
      k = close + 1
      guard lex.isWord(k, "else") else { return }
      k += 1
    }
  }


  private mutating func itemAfterAttributes(_ afterAttributes: Int, start: Int, end: Int, scope: Int, owner: String) -> Int? {
    var k = afterAttributes
    while k < end, tokens[k].kind == .name {
      if lex.isWord(k, "pub") {
        k += 1
        if lex.isPunct(k, "(") { k = lex.matching(k) + 1 }
      } else if lex.isWord(k, "unsafe") || lex.isWord(k, "async") || lex.isWord(k, "default")
        || (lex.isWord(k, "const") && (lex.isWord(k + 1, "fn") || lex.isWord(k + 1, "unsafe") || lex.isWord(k + 1, "async")))
      {
        k += 1
      } else if lex.isWord(k, "extern"), tokens[k + 1].kind == .literal {
        k += 2
      } else {
        break
      }
    }
    guard k < end, tokens[k].kind == .name else { return k > start ? k : nil }
    if lex.isWord(k, "use") { return useDeclaration(k, end: end, scope: scope) }
    if lex.isWord(k, "fn") { return function(k, first: start, end: end, scope: scope, owner: owner) }
    if lex.isWord(k, "struct") || lex.isWord(k, "enum") || (lex.isWord(k, "union") && tokens[k + 1].kind == .name) {
      return typeItem(k, end: end, scope: scope)
    }
    if lex.isWord(k, "trait") { return trait(k, end: end, scope: scope) }
    if lex.isWord(k, "impl") { return implementation(k, end: end, scope: scope) }
    if lex.isWord(k, "mod") { return module(k, end: end, scope: scope) }
    if lex.isWord(k, "const") || lex.isWord(k, "static") { return constant(k, end: end, scope: scope) }
    if lex.isWord(k, "type"), tokens[k + 1].kind == .name { return alias(k, end: end, scope: scope) }
    if lex.isWord(k, "macro_rules"), lex.isPunct(k + 1, "!") {
      bind(k + 2, in: scope, kind: .definition)
      let body = k + 3
      return lex.isOpen(body) ? lex.matching(body) + 1 : body
    }
    if lex.isWord(k, "extern") {
      // `extern crate foo as bar;` binds a crate; `extern { … }` holds foreign items.
      if lex.isWord(k + 1, "crate"), tokens[k + 2].kind == .name {
        let local = lex.isWord(k + 3, "as") ? k + 4 : k + 2
        if !lex.isWord(local, "_") {
          bind(local, in: scope, kind: .imported)
          result.imports.append(
            FileScopes.Import(localName: lex.text(local), module: FileScopes.RustMarks.externCrate, importedName: lex.text(k + 2), position: position(local), scope: scope))
        }
        return statementEnd(k, end) + 1
      }
      if lex.isPunct(k + 1, "{") {
        let close = min(lex.matching(k + 1), end)
        items(from: k + 2, to: close, scope: scope, owner: owner)
        return close + 1
      }
    }
    return k > start ? k : nil
  }

  /// `use a::b::{c, d as e, f::*};`: an import per leaf, its name bound in `scope`.
  private mutating func useDeclaration(_ k: Int, end: Int, scope: Int) -> Int {
    let stop = statementEnd(k, end)
    useRanges.append(k..<(stop + 1))
    useTree(from: k + 1, to: stop, prefix: [], scope: scope)
    return stop + 1
  }

  private mutating func useTree(from: Int, to: Int, prefix: [String], scope: Int) {
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= Self.maximumNesting else { return }
    var path = prefix
    var k = from
    if isPathSeparator(k) { k += 2 }
    while k < to {
      if lex.isPunct(k, "*") {
        result.imports.append(FileScopes.Import(localName: "*", module: path.joined(separator: "::"), importedName: "", position: position(k), scope: scope))
        return
      }
      if lex.isPunct(k, "{") {
        let close = min(lex.matching(k), to)
        var start = k + 1
        var i = k + 1
        while i <= close {
          if i == close || lex.isPunct(i, ",") {
            if start < i { useTree(from: start, to: i, prefix: path, scope: scope) }
            start = i + 1
          }
          i = lex.isOpen(i) && i != close ? lex.matching(i) + 1 : i + 1
        }
        return
      }
      guard tokens[k].kind == .name else { return }
      if !path.isEmpty {
        result.members.append(FileScopes.Member(position: position(k), receiver: path.joined(separator: "::") + "::"))
      }
      let name = lex.text(k)
      if isPathSeparator(k + 1) {
        path.append(name)
        k += 3
        continue
      }
      // A leaf: `name`, `name as alias`, `self` (the module the prefix names).
      var local = k
      if lex.isWord(k + 1, "as"), tokens[k + 2].kind == .name { local = k + 2 }
      let isSelf = name == "self"
      let module = (isSelf ? path.dropLast() : path[...]).joined(separator: "::")
      let imported = isSelf ? (path.last ?? "") : name
      let localName = local == k ? imported : lex.text(local)
      guard !localName.isEmpty, localName != "_" else { return }
      result.imports.append(FileScopes.Import(localName: localName, module: module, importedName: imported, position: position(local), scope: scope))
      result.bindings.append(FileScopes.Binding(name: localName, scope: scope, position: position(local), kind: .imported))
      return
    }
  }

  /// `fn name<T: Bound>(self, a: A, (b, c): (B, C)) -> R where … { body }`, its name bound in `scope`.
  private mutating func function(_ k: Int, first: Int, end: Int, scope: Int, owner: String) -> Int {
    let name = k + 1
    guard tokens[name].kind == .name else { return k + 1 }
    var i = name + 1
    let generics = lex.isPunct(i, "<") ? i : -1
    if generics >= 0 { i = angleClose(i, end) + 1 }
    guard lex.isPunct(i, "("), i < end else { return i }
    let parameters = i
    i = lex.matching(i) + 1
    let afterParameters = i
    var returnType = ""
    if lex.isPunct(i, "-"), lex.isPunct(i + 1, ">") {
      let typeEnd = headEnd(i + 2, end)
      returnType = typeText(i + 2, typeEnd)
      i = typeEnd
    }
    i = headEnd(i, end)
    let body = lex.isPunct(i, "{") ? i : -1
    let last = body >= 0 ? min(lex.matching(body), end) : i
    bind(name, in: scope, kind: .definition, typeName: returnType.isEmpty ? "" : "returns:" + returnType, labels: owner)
    let functionScope = open(.function, from: first, to: last, parent: scope)
    if generics >= 0 { genericParameters(generics, end: end, scope: functionScope) }
    whereBounds(afterParameters, i, scope: functionScope)
    parameterList(parameters, scope: functionScope)
    if body >= 0 { blockStatements(body, close: last, scope: functionScope) }
    return last + 1
  }

  /// `<'a, T: Bound + Other, const N: usize>`: each type parameter with its first bound as its type.
  private mutating func genericParameters(_ open: Int, end: Int, scope: Int) {
    let close = angleClose(open, end)
    var k = open + 1
    var expectName = true
    var depth = 0
    while k < close {
      if lex.isPunct(k, "<") { depth += 1 }
      if lex.isPunct(k, ">"), !lex.isPunct(k - 1, "-") { depth -= 1 }
      if depth == 0 && lex.isPunct(k, ",") {
        expectName = true
      } else if depth == 0 && expectName && tokens[k].kind == .name {
        expectName = false
        var nameToken = k
        if lex.isWord(k, "const") { nameToken = k + 1 }
        if !lex.text(nameToken).hasPrefix("'") {
          var bound = ""
          if lex.isPunct(nameToken + 1, ":"), !isPathSeparator(nameToken + 1) { bound = typeText(nameToken + 2, close) }
          bind(nameToken, in: scope, kind: lex.isWord(k, "const") ? .parameter : .typeParameter, typeName: bound)
        }
      }
      k = lex.isPunct(k, "(") || lex.isPunct(k, "[") ? lex.matching(k) + 1 : k + 1
    }
  }

  /// `where T: Bound + Other, U: Other`: the first bound of a type parameter of `scope` its generics left
  /// unbounded (`impl<T> Buf for Take<T> where T: Buf`).
  private mutating func whereBounds(_ from: Int, _ to: Int, scope: Int) {
    guard let word = depthZero(from, to, { lex.isWord($0, "where") }) else { return }
    for (start, stop) in commaSeparated(word + 1, to) {
      guard tokens[start].kind == .name, lex.isPunct(start + 1, ":"), !isPathSeparator(start + 1) else { continue }
      let name = lex.text(start)
      let bound = typeText(start + 2, stop)
      guard !bound.isEmpty,
        let b = result.bindings.lastIndex(where: { $0.scope == scope && $0.kind == .typeParameter && $0.name == name && $0.typeName.isEmpty })
      else { continue }
      result.bindings[b].typeName = bound
    }
  }

  /// `(&mut self, a: A, mut b: B, (c, d): (C, D))`.
  private mutating func parameterList(_ open: Int, scope: Int) {
    let close = lex.matching(open)
    for (start, stop) in commaSeparated(open + 1, close) {
      let colon = typeColon(start, stop)
      let patternEnd = colon ?? stop
      if let selfToken = tokenRange(start, patternEnd).first(where: { lex.isWord($0, "self") }) {
        bind(selfToken, in: scope, kind: .receiverParameter, typeName: colon.map { typeText($0 + 1, stop) } ?? "Self")
        continue
      }
      let type = colon.map { typeText($0 + 1, stop) } ?? ""
      pattern(start, patternEnd, scope: scope, kind: .parameter, typeName: type, visible: nil)
    }
  }

  /// `struct S<T> { a: A }`, `struct S(A);`, `enum E { A, B(u8), C { x: i32 } }`, `union U { … }`.
  private mutating func typeItem(_ k: Int, end: Int, scope: Int) -> Int {
    let name = k + 1
    guard tokens[name].kind == .name else { return k + 1 }
    var i = name + 1
    let generics = lex.isPunct(i, "<") ? i : -1
    if generics >= 0 { i = angleClose(i, end) + 1 }
    if lex.isPunct(i, "(") { i = lex.matching(i) + 1 }
    i = headEnd(i, end)
    guard let (body, close) = typeBody(k, name: name, head: i, end: end, scope: scope) else { return statementEnd(i, end) + 1 }
    if generics >= 0 { genericParameters(generics, end: end, scope: body) }
    let isEnum = lex.isWord(k, "enum")
    for (start, stop) in commaSeparated(i + 1, close) {
      var first = start
      while lex.isPunct(first, "#"), lex.isPunct(first + 1, "["), first < stop { first = lex.matching(first + 1) + 1 }
      if lex.isWord(first, "pub") {
        first += 1
        if lex.isPunct(first, "(") { first = lex.matching(first) + 1 }
      }
      guard tokens[first].kind == .name, first < stop else { continue }
      if isEnum {
        bind(first, in: body, kind: .definition)
      } else if lex.isPunct(first + 1, ":") {
        bind(first, in: body, kind: .definition, typeName: typeText(first + 2, stop))
      }
    }
    return close + 1
  }

  /// The body `{` at `head` of the type item at keyword `k`: its scope, opened and bound to the name
  /// (`@scope:N`), and its closing brace; nil for a unit or tuple struct, bound as `@type`.
  private mutating func typeBody(_ k: Int, name: Int, head: Int, end: Int, scope: Int) -> (body: Int, close: Int)? {
    guard lex.isPunct(head, "{"), head < end else {
      bind(name, in: scope, kind: .definition, typeName: "@type")
      return nil
    }
    let close = min(lex.matching(head), end)
    let body = open(.type, from: k, to: close, parent: scope)
    bind(name, in: scope, kind: .definition, typeName: "@scope:\(body)")
    return (body, close)
  }

  /// `trait T<X>: Super + Other where … { items }`: a type scope whose bases are the supertraits.
  private mutating func trait(_ k: Int, end: Int, scope: Int) -> Int {
    let name = k + 1
    guard tokens[name].kind == .name else { return k + 1 }
    var i = name + 1
    let generics = lex.isPunct(i, "<") ? i : -1
    if generics >= 0 { i = angleClose(i, end) + 1 }
    var bases: [String] = []
    if lex.isPunct(i, ":") {
      let stop = headEnd(i + 1, end)
      bases = boundList(i + 1, stop)
      i = stop
    }
    i = headEnd(i, end)
    guard let (body, close) = typeBody(k, name: name, head: i, end: end, scope: scope) else { return statementEnd(i, end) + 1 }
    result.scopes[body].bases = bases
    result.bindings.append(FileScopes.Binding(name: "Self", scope: body, position: position(name), kind: .typeParameter, typeName: lex.text(name)))
    if generics >= 0 { genericParameters(generics, end: end, scope: body) }
    items(from: i + 1, to: close, scope: body, owner: lex.text(name))
    return close + 1
  }

  /// `impl<T> Trait<T> for Type<T> where … { items }` or `impl Type { … }`: a type scope whose `Self` is
  /// the type and whose base is the trait; its functions are labelled with the type's name.
  private mutating func implementation(_ k: Int, end: Int, scope: Int) -> Int {
    var i = k + 1
    let generics = lex.isPunct(i, "<") ? i : -1
    if generics >= 0 { i = angleClose(i, end) + 1 }
    let headStart = i
    let open = headEnd(i, end)
    guard lex.isPunct(open, "{"), open < end else { return statementEnd(i, end) + 1 }
    // `for` at depth 0 splits the trait from the type (`for<'a>` is a higher-ranked bound, not the split).
    var split = -1
    var depth = 0
    var whereClause = open
    for t in tokenRange(headStart, open) {
      if lex.isPunct(t, "<") { depth += 1 }
      if lex.isPunct(t, ">"), !lex.isPunct(t - 1, "-") { depth -= 1 }
      if depth == 0 && lex.isWord(t, "for") && !lex.isPunct(t + 1, "<") && split < 0 { split = t }
      if depth == 0 && lex.isWord(t, "where") {
        whereClause = t
        break
      }
    }
    let typeStart = split >= 0 ? split + 1 : headStart
    let selfType = typeText(typeStart, whereClause)
    let traitName = split >= 0 ? typeText(lex.isPunct(headStart, "!") ? headStart + 1 : headStart, split) : ""
    let close = min(lex.matching(open), end)
    let body = self.open(.type, from: k, to: close, parent: scope)
    if !traitName.isEmpty { result.scopes[body].bases = [traitName] }
    if let typeName = typeNameToken(typeStart, whereClause), !selfType.isEmpty {
      result.bindings.append(FileScopes.Binding(name: "Self", scope: body, position: position(typeName), kind: .typeParameter, typeName: selfType))
    }
    if generics >= 0 { genericParameters(generics, end: end, scope: body) }
    whereBounds(whereClause, open, scope: body)
    let owner = selfType.split(separator: ":").last.map(String.init) ?? selfType
    items(from: open + 1, to: close, scope: body, owner: owner)
    return close + 1
  }

  /// `mod x;` (its file, `@mod`) or `mod x { items }` (a module scope, `@scope:N`).
  private mutating func module(_ k: Int, end: Int, scope: Int) -> Int {
    let name = k + 1
    guard tokens[name].kind == .name else { return k + 1 }
    guard lex.isPunct(name + 1, "{") else {
      bind(name, in: scope, kind: .definition, typeName: "@mod")
      return statementEnd(name, end) + 1
    }
    let close = min(lex.matching(name + 1), end)
    let body = open(.module, from: k, to: close, parent: scope)
    bind(name, in: scope, kind: .definition, typeName: "@scope:\(body)")
    items(from: name + 2, to: close, scope: body, owner: "")
    return close + 1
  }

  /// `const N: T = v;`, `static mut S: T = v;` (a trait's `const N: T;` too).
  private mutating func constant(_ k: Int, end: Int, scope: Int) -> Int {
    var name = k + 1
    if lex.isWord(name, "mut") { name += 1 }
    let stop = statementEnd(k, end)
    guard tokens[name].kind == .name, lex.isPunct(name + 1, ":") else { return stop + 1 }
    let equals = tokenRange(name, stop).first { lex.isPunct($0, "=") } ?? stop
    bind(name, in: scope, kind: .definition, typeName: typeText(name + 2, equals))
    walkExpressions(equals + 1, stop, scope: scope)
    return stop + 1
  }

  /// `type A<T> = B<T>;` (`type:B`) or a trait's `type Item;`.
  private mutating func alias(_ k: Int, end: Int, scope: Int) -> Int {
    let stop = statementEnd(k, end)
    let equals = tokenRange(k, stop).first { lex.isPunct($0, "=") }
    let target = equals.map { typeText($0 + 1, stop) } ?? ""
    bind(k + 1, in: scope, kind: .definition, typeName: target.isEmpty ? "@type" : "type:" + target)
    return stop + 1
  }

  // MARK: Statements

  /// The statements of the block `{ … }` at `open`, in `scope`.
  private mutating func blockStatements(_ open: Int, close: Int, scope: Int) {
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= Self.maximumNesting else { return }
    var k = open + 1
    while k < close {
      k = max(statement(k, close: close, scope: scope), k + 1)
    }
  }

  /// One statement at `k`; the token after it.
  private mutating func statement(_ k: Int, close: Int, scope: Int) -> Int {
    if lex.isPunct(k, ";") { return k + 1 }
    if lex.isWord(k, "let") { return letStatement(k, close: close, scope: scope) }
    if startsItem(k), let next = item(k, end: close, scope: scope, owner: "") { return next }
    // A block-like expression ends its statement at its last brace unless the expression goes on (`.`, `?`).
    var start = k
    if lex.text(k).hasPrefix("'"), lex.isPunct(k + 1, ":") { start = k + 2 }  // a loop label
    if let blockEnd = blockLikeEnd(start, close), !lex.isPunct(blockEnd + 1, "."), !lex.isPunct(blockEnd + 1, "?") {
      walkExpressions(start, blockEnd + 1, scope: scope)
      return blockEnd + 1
    }
    let stop = statementEnd(k, close)
    walkExpressions(k, stop, scope: scope)
    return stop + 1
  }

  /// Whether an item (not an expression) starts at `k`: attributes, visibility or an item keyword.
  private func startsItem(_ k: Int) -> Bool {
    if lex.isPunct(k, "#") { return true }
    guard tokens[k].kind == .name else { return false }
    if lex.isWord(k, "unsafe") || lex.isWord(k, "async") || lex.isWord(k, "const") {
      return tokens[k + 1].kind == .name && !lex.isWord(k + 1, "move")
    }
    return lex.isOneOf(k, Self.itemWords)
  }

  private static let itemWords = Keywords.set([
    "pub", "fn", "struct", "enum", "union", "trait", "impl", "mod", "static", "type", "use", "extern", "macro_rules",
  ])

  /// The last token of an `if`/`match`/`loop`/`while`/`for`/`unsafe` expression or a block at `k`; nil for
  /// anything else.
  private func blockLikeEnd(_ k: Int, _ close: Int) -> Int? {
    if lex.isPunct(k, "{") { return min(lex.matching(k), close) }
    guard lex.isWord(k, "if") || lex.isWord(k, "match") || lex.isWord(k, "loop") || lex.isWord(k, "while") || lex.isWord(k, "for")
      || lex.isWord(k, "unsafe")
    else { return nil }
    let body = headEnd(k + 1, close)
    guard lex.isPunct(body, "{"), body < close else { return nil }
    var last = min(lex.matching(body), close)
    if lex.isWord(k, "if") {
      while lex.isWord(last + 1, "else") {
        let next = lex.isWord(last + 2, "if") ? headEnd(last + 3, close) : last + 2
        guard lex.isPunct(next, "{"), next < close else { break }
        last = min(lex.matching(next), close)
      }
    }
    return last
  }

  /// `let PATTERN (: T)? (= value)? (else { … })?;`: the names are seen from the `;`.
  private mutating func letStatement(_ k: Int, close: Int, scope: Int) -> Int {
    let stop = statementEnd(k, close)
    let equals = depthZero(k + 1, stop) { lex.isPunct($0, "=") && !lex.isPunct($0 + 1, "=") && !lex.isPunct($0 - 1, "=") }
    let colon = typeColon(k + 1, equals ?? stop)
    let patternEnd = colon ?? equals ?? stop
    var type = ""
    if let colon { type = typeText(colon + 1, equals ?? stop) } else if let equals { type = valueType(equals + 1, stop) }
    if let equals { walkExpressions(equals + 1, stop, scope: scope) }
    pattern(k + 1, patternEnd, scope: scope, kind: .local, typeName: type, visible: endPosition(stop))
    return stop + 1
  }

  // MARK: Expressions

  /// The expressions in `from..<to`: blocks, `if let`, `while let`, `for`, `match` arms and closures open
  /// scopes; a struct literal's fields are members of its type.
  private mutating func walkExpressions(_ from: Int, _ to: Int, scope: Int) {
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= Self.maximumNesting else { return }
    var k = from
    while k < to {
      if lex.isWord(k, "if") || lex.isWord(k, "while") {
        k = max(conditional(k, to: to, scope: scope), k + 1)
      } else if lex.isWord(k, "match") {
        k = max(match(k, to: to, scope: scope), k + 1)
      } else if lex.isWord(k, "for"), !lex.isPunct(k + 1, "<") {
        k = max(forLoop(k, to: to, scope: scope), k + 1)
      } else if lex.isPunct(k, "{") {
        let close = min(lex.matching(k), to)
        if let type = literalType(before: k) {
          structLiteral(k, close: close, type: type, scope: scope)
        } else {
          let inner = open(.block, from: k, to: close, parent: scope)
          blockStatements(k, close: close, scope: inner)
        }
        k = close + 1
      } else if lex.isPunct(k, "|"), closureStarts(k) {
        k = max(closure(k, to: to, scope: scope), k + 1)
      } else {
        k += 1
      }
    }
  }

  /// `if let P = e && c { … } else …`, `while let P = e { … }`, or without `let`: a scope over the head and
  /// the body for the patterns' names; `else` branches are outside it.
  private mutating func conditional(_ k: Int, to: Int, scope: Int) -> Int {
    let body = headEnd(k + 1, to)
    guard lex.isPunct(body, "{"), body < to else { return k + 1 }
    let bodyClose = min(lex.matching(body), to)
    let hasLet = depthZero(k + 1, body) { lex.isWord($0, "let") } != nil
    let inner = hasLet ? open(.block, from: k, to: bodyClose, parent: scope) : scope
    var i = k + 1
    while i < body {
      guard let let_ = depthZero(i, body, { lex.isWord($0, "let") }) else {
        walkExpressions(i, body, scope: inner)
        break
      }
      walkExpressions(i, let_, scope: inner)
      let equals = depthZero(let_ + 1, body) { lex.isPunct($0, "=") && !lex.isPunct($0 + 1, "=") && !lex.isPunct($0 - 1, "=") } ?? body
      let next = depthZero(equals + 1, body) { lex.isPunct($0, "&") && lex.isPunct($0 + 1, "&") } ?? body
      walkExpressions(equals + 1, next, scope: inner)
      pattern(let_ + 1, equals, scope: inner, kind: .pattern, typeName: "", visible: position(min(next, body)))
      i = next
    }
    let block = open(.block, from: body, to: bodyClose, parent: inner)
    blockStatements(body, close: bodyClose, scope: block)
    guard lex.isWord(k, "if"), lex.isWord(bodyClose + 1, "else"), bodyClose + 1 < to else { return bodyClose + 1 }
    let e = bodyClose + 2
    if lex.isWord(e, "if") { return conditional(e, to: to, scope: scope) }
    guard lex.isPunct(e, "{"), e < to else { return e }
    let elseClose = min(lex.matching(e), to)
    let branch = open(.branch, from: e, to: elseClose, parent: scope)
    blockStatements(e, close: elseClose, scope: branch)
    return elseClose + 1
  }

  /// `for PATTERN in iterable { … }`.
  private mutating func forLoop(_ k: Int, to: Int, scope: Int) -> Int {
    let body = headEnd(k + 1, to)
    guard lex.isPunct(body, "{"), body < to, let inWord = depthZero(k + 1, body, { lex.isWord($0, "in") }) else { return k + 1 }
    let bodyClose = min(lex.matching(body), to)
    walkExpressions(inWord + 1, body, scope: scope)
    let loop = open(.block, from: k, to: bodyClose, parent: scope)
    pattern(k + 1, inWord, scope: loop, kind: .loop, typeName: "", visible: nil)
    let block = open(.block, from: body, to: bodyClose, parent: loop)
    blockStatements(body, close: bodyClose, scope: block)
    return bodyClose + 1
  }

  /// `match e { P if guard => value, P | Q => { … } }`: each arm a branch binding its pattern's names.
  private mutating func match(_ k: Int, to: Int, scope: Int) -> Int {
    let body = headEnd(k + 1, to)
    guard lex.isPunct(body, "{"), body < to else { return k + 1 }
    let bodyClose = min(lex.matching(body), to)
    walkExpressions(k + 1, body, scope: scope)
    var i = body + 1
    while i < bodyClose {
      guard let arrow = depthZero(i, bodyClose, { lex.isPunct($0, "=") && lex.isPunct($0 + 1, ">") }) else { break }
      var armEnd: Int
      if lex.isPunct(arrow + 2, "{") {
        armEnd = min(lex.matching(arrow + 2), bodyClose)
        if lex.isPunct(armEnd + 1, ",") { armEnd += 1 }
      } else {
        armEnd = depthZero(arrow + 2, bodyClose) { lex.isPunct($0, ",") } ?? bodyClose
      }
      let arm = open(.branch, from: i, to: max(i, min(armEnd, bodyClose - 1)), parent: scope)
      let guardWord = depthZero(i, arrow) { lex.isWord($0, "if") }
      pattern(i, guardWord ?? arrow, scope: arm, kind: .pattern, typeName: "", visible: nil)
      if let guardWord { walkExpressions(guardWord + 1, arrow, scope: arm) }
      walkExpressions(arrow + 2, min(armEnd + 1, bodyClose), scope: arm)
      i = armEnd + 1
    }
    return bodyClose + 1
  }

  /// `|a, b: T| body` or `move || { … }`: a lambda scope over the parameters and the body; the token after it.
  private mutating func closure(_ k: Int, to: Int, scope: Int) -> Int {
    var paramsEnd = k + 1
    if !lex.isPunct(k + 1, "|") {
      paramsEnd = depthZero(k + 1, to) { lex.isPunct($0, "|") } ?? to
    }
    guard paramsEnd < to else { return to }
    var bodyStart = paramsEnd + 1
    if lex.isPunct(bodyStart, "-"), lex.isPunct(bodyStart + 1, ">") { bodyStart = headEnd(bodyStart + 2, to) }
    var bodyEnd: Int
    if lex.isPunct(bodyStart, "{") {
      bodyEnd = min(lex.matching(bodyStart), to) + 1
    } else {
      bodyEnd = depthZero(bodyStart, to) { lex.isPunct($0, ",") || lex.isPunct($0, ";") || lex.isClose($0) } ?? to
    }
    bodyEnd = max(bodyEnd, bodyStart)
    let lambda = open(.lambda, from: k, to: max(k, bodyEnd - 1), parent: scope)
    for (start, stop) in commaSeparated(k + 1, paramsEnd) {
      let colon = typeColon(start, stop)
      pattern(start, colon ?? stop, scope: lambda, kind: .parameter, typeName: colon.map { typeText($0 + 1, stop) } ?? "", visible: nil)
    }
    walkExpressions(bodyStart, bodyEnd, scope: lambda)
    return bodyEnd
  }

  /// Whether the `|` at `k` opens a closure's parameters rather than being an operator.
  private func closureStarts(_ k: Int) -> Bool {
    let before = k - 1
    if before < 0 { return true }
    switch tokens[before].kind {
    case .name: return lex.isWord(before, "move") || lex.isWord(before, "return") || lex.isWord(before, "in") || lex.isWord(before, "else")
    case .literal: return false
    case .punct:
      // `#[inline] |x| …`: an attribute's `]` goes before a closure.
      if lex.isPunct(before, "]"), before < openers.count, openers[before] > 0, lex.isPunct(Int(openers[before]) - 1, "#") { return true }
      return !(lex.isPunct(before, "|") || lex.isPunct(before, ")") || lex.isPunct(before, "]") || lex.isPunct(before, "}")
        || lex.isPunct(before, "?"))
    default: return true
    }
  }

  /// `T { a: x, b, ..rest }`: `a` a member of `T`; the values read as expressions.
  private mutating func structLiteral(_ open: Int, close: Int, type: String, scope: Int) {
    for (start, stop) in commaSeparated(open + 1, close, generics: false) {
      if tokens[start].kind == .name, lex.isPunct(start + 1, ":"), !isPathSeparator(start + 1) {
        result.members.append(FileScopes.Member(position: position(start), receiver: "@lit:" + type))
        walkExpressions(start + 2, stop, scope: scope)
      } else {
        walkExpressions(start, stop, scope: scope)
      }
    }
  }

  /// The struct a `{` at `open` builds (`Point {`, `a::Point {`, `Self {`); nil when the brace opens a block.
  private func literalType(before open: Int) -> String? {
    let k = open - 1
    guard tokens[k].kind == .name, !lex.isOneOf(k, Self.expressionWords) else { return nil }
    let first = pathStart(endingAt: k)
    // A lower-case last segment is a variable or a macro's body (`if x {`, `quote! {`), not a struct.
    guard !lex.isPunct(first - 1, "!"), lex.text(k).first?.isUppercase == true else { return nil }
    return lex.joined(first, k + 1)
  }

  private static let expressionWords = Keywords.set([
    "else", "loop", "unsafe", "async", "move", "in", "return", "break", "continue", "match", "if", "while", "for", "try", "const",
    "where", "mut", "dyn", "impl", "as",
  ])

  /// The first token of the path `a::b::C` ending at name token `k`.
  private func pathStart(endingAt k: Int) -> Int {
    var first = k
    var steps = 0
    while steps < 16, isPathSeparator(first - 2), tokens[first - 3].kind == .name {
      first -= 3
      steps += 1
    }
    return first
  }

  // MARK: Patterns

  /// Binds the names a pattern in `from..<to` introduces: `x`, `mut x`, `ref x`, `Some(x)`, `(a, b)`,
  /// `Point { x, y: py }`, `x @ 1..=5`, `A | B`. A name followed by `::`, `(`, `{` or `!`, after `::` or
  /// `.`, a struct pattern's field label and a capitalized name (a variant, a constant) are paths, not
  /// bindings. `typeName` goes to a pattern that is one name.
  private mutating func pattern(
    _ from: Int, _ to: Int, scope: Int, kind: FileScopes.BindingKind, typeName: String, visible: SourcePosition?
  ) {
    let names = tokenRange(from, to).filter { k in
      guard tokens[k].kind == .name, !lex.isOneOf(k, Self.patternWords) else { return false }
      let text = lex.text(k)
      if text == "_" || text.hasPrefix("'") { return false }
      if isPathSeparator(k + 1) || lex.isPunct(k + 1, "(") || lex.isPunct(k + 1, "{") || lex.isPunct(k + 1, "!") { return false }
      if isPathSeparator(k - 2) || lex.isPunct(k - 1, ".") { return false }
      if k + 1 < to && lex.isPunct(k + 1, ":") { return false }
      if text.first?.isUppercase == true && !lex.isPunct(k + 1, "@") { return false }
      return true
    }
    for k in names {
      bind(k, in: scope, kind: kind, typeName: names.count == 1 ? typeName : "", visible: visible)
    }
  }

  private static let patternWords = Keywords.set(["ref", "mut", "box", "true", "false", "in", "if", "let", "self", "Self", "crate", "super"])

  // MARK: Members

  /// Each name after `.` (a field or method) or `::` (a path's next segment) outside `use` declarations,
  /// with the chain before it.
  private mutating func readMembers() {
    var useIndex = 0
    for k in 1..<max(1, tokens.count) where tokens[k].kind == .name {
      while useIndex < useRanges.count && useRanges[useIndex].upperBound <= k { useIndex += 1 }
      if useIndex < useRanges.count && useRanges[useIndex].contains(k) { continue }
      if lex.isPunct(k - 1, "."), !lex.isPunct(k - 2, ".") {
        result.members.append(FileScopes.Member(position: position(k), receiver: chain(endingAt: k - 2)))
        // A called member is a method even where a field has its name (`self.len()` beside `len: usize`).
        if lex.isPunct(k + 1, "(") || (isPathSeparator(k + 1) && lex.isPunct(k + 3, "<")) {
          result.calls.append(FileScopes.Call(position: position(k), labels: "()"))
        }
      } else if isPathSeparator(k - 2) {
        let before = chain(endingAt: k - 3)
        result.members.append(FileScopes.Member(position: position(k), receiver: before.isEmpty ? "" : before + "::"))
      }
    }
  }

  /// The chain ending at token `k` as written (`self.items`, `Foo::new()`, `a.b()?`, `crate::x`), empty
  /// for anything else (a literal, an index, a parenthesized expression).
  private func chain(endingAt last: Int) -> String {
    var text = ""
    var k = last
    var links = 0
    while links < 12 {
      links += 1
      var suffix = ""
      while lex.isPunct(k, "?") {
        suffix = "?" + suffix
        k -= 1
      }
      while lex.isPunct(k, ")"), k >= 0, k < openers.count, openers[k] >= 0 {
        suffix = "()" + suffix
        k = Int(openers[k]) - 1
        // A turbofish before the call: `collect::<Vec<_>>()`.
        if lex.isPunct(k, ">") {
          guard let open = angleOpen(k), isPathSeparator(open - 2) else { return "" }
          k = open - 3
        }
      }
      // A qualified path's start, `<T as a::Trait>`: the trait, whose items the path names.
      if lex.isPunct(k, ">"), let open = angleOpen(k), let word = tokenRange(open + 1, k).first(where: { lex.isWord($0, "as") }) {
        let trait = typeText(word + 1, k)
        return trait.isEmpty ? "" : trait + suffix + text
      }
      guard k >= 0, tokens[k].kind == .name, !lex.isOneOf(k, Self.expressionWords) || lex.isWord(k, "self") else { return "" }
      text = lex.text(k) + suffix + text
      if lex.isPunct(k - 1, "."), !lex.isPunct(k - 2, ".") {
        text = "." + text
        k -= 2
      } else if isPathSeparator(k - 2) {
        text = "::" + text
        k -= 3
        if lex.isPunct(k, ">") {  // `Vec::<u8>::new`
          guard let open = angleOpen(k), isPathSeparator(open - 2) else { return "" }
          k = open - 3
        }
      } else {
        return text
      }
    }
    return ""
  }

  /// The `<` matching the `>` at `close`, scanning back; nil past a statement's end.
  private func angleOpen(_ close: Int) -> Int? {
    lex.angleOpen(close, notBefore: max(0, close - 256))
  }

  // MARK: Types

  /// A type as resolution follows it: references, `mut`, lifetimes, `dyn`/`impl` and generic arguments
  /// dropped (`&'a mut a::B<T>` → `a::B`), except that `Box`/`Rc`/`Arc`/`Pin` give their argument and
  /// `Option<T>`/`Result<T, E>` keep it (`Option<T>`); empty for tuples, slices, arrays and functions.
  private func typeText(_ from: Int, _ to: Int, depth: Int = 0) -> String {
    var k = from
    while k < to, lex.isPunct(k, "&") || lex.isPunct(k, "*") || lex.isWord(k, "mut") || lex.isWord(k, "dyn") || lex.isWord(k, "impl")
      || lex.isWord(k, "const") || tokens[k].kind == .name && lex.text(k).hasPrefix("'")
    {
      k += 1
    }
    if isPathSeparator(k) { k += 2 }
    guard k < to, tokens[k].kind == .name, depth < 4 else { return "" }
    var text = lex.text(k)
    var last = text
    while isPathSeparator(k + 1), tokens[k + 3].kind == .name, k + 3 < to {
      k += 3
      last = lex.text(k)
      text += "::" + last
    }
    guard lex.isPunct(k + 1, "<") else { return text }
    let close = angleClose(k + 1, to)
    let argument = tokenRange(k + 2, close)
    let firstArgumentEnd = argument.first { lex.isPunct($0, ",") && angleDepth(k + 2, $0) == 0 } ?? close
    switch last {
    case "Box", "Rc", "Arc", "Pin":
      return typeText(k + 2, firstArgumentEnd, depth: depth + 1)
    case "Option", "Result":
      let inner = typeText(k + 2, firstArgumentEnd, depth: depth + 1)
      return inner.isEmpty ? text : last + "<" + inner + ">"
    default:
      return text
    }
  }

  private func angleDepth(_ from: Int, _ to: Int) -> Int {
    var depth = 0
    for t in tokenRange(from, to) {
      if lex.isPunct(t, "<") { depth += 1 }
      if lex.isPunct(t, ">"), !lex.isPunct(t - 1, "-") { depth -= 1 }
    }
    return depth
  }

  /// `Trait + Other + 'a`: each bound's type.
  private func boundList(_ from: Int, _ to: Int) -> [String] {
    var bounds: [String] = []
    var start = from
    var depth = 0
    for t in tokenRange(from, to + 1) {
      if t < to && lex.isPunct(t, "<") { depth += 1 }
      if t < to && lex.isPunct(t, ">") && !lex.isPunct(t - 1, "-") { depth -= 1 }
      if t == to || (depth == 0 && lex.isPunct(t, "+")) {
        let type = typeText(start, t)
        if !type.isEmpty { bounds.append(type) }
        start = t + 1
      }
    }
    return bounds
  }

  /// The token naming the type in `from..<to` (`B` of `&a::B<T>`).
  private func typeNameToken(_ from: Int, _ to: Int) -> Int? {
    var k = from
    while k < to, !(tokens[k].kind == .name && !lex.isOneOf(k, Self.typePrefixWords) && !lex.text(k).hasPrefix("'")) { k += 1 }
    guard k < to else { return nil }
    while isPathSeparator(k + 1), tokens[k + 3].kind == .name, k + 3 < to { k += 3 }
    return k
  }

  private static let typePrefixWords = Keywords.set(["mut", "dyn", "impl", "const"])

  /// The type a `let` value writes: `T { … }` → `T`; a chain of paths, calls, fields and `?` → `=chain`.
  private func valueType(_ from: Int, _ to: Int) -> String {
    var k = from
    while lex.isPunct(k, "&") || lex.isWord(k, "mut") { k += 1 }
    guard tokens[k].kind == .name, k < to else { return "" }
    var text = ""
    var links = 0
    while k < to && links < 12 {
      links += 1
      guard tokens[k].kind == .name, !lex.isOneOf(k, Self.expressionWords) || lex.isWord(k, "self") else { return "" }
      text += lex.text(k)
      k += 1
      if isPathSeparator(k), lex.isPunct(k + 2, "<") { k = angleClose(k + 2, to) + 1 }  // turbofish
      if lex.isPunct(k, "{") {
        let close = lex.matching(k)
        return close + 1 >= to && !text.contains("(") && !text.contains(".") ? text : ""
      }
      while lex.isPunct(k, "("), k < to {
        k = lex.matching(k) + 1
        text += "()"
      }
      while lex.isPunct(k, "?"), k < to {
        k += 1
        text += "?"
      }
      guard k < to else { break }
      if isPathSeparator(k) {
        text += "::"
        k += 2
      } else if lex.isPunct(k, "."), tokens[k + 1].kind == .name {
        text += "."
        k += 1
      } else {
        return ""
      }
    }
    return text.isEmpty || k < to ? "" : "=" + text
  }

  // MARK: Tokens

  /// Whether tokens `k`, `k + 1` are `::` (two adjacent colons).
  private func isPathSeparator(_ k: Int) -> Bool {
    lex.isPunct(k, ":") && lex.isPunct(k + 1, ":") && tokens[k + 1].start == tokens[k].end
  }

  /// The `:` before a binding's type in `from..<to` at depth 0 (not a `::`); nil when none.
  private func typeColon(_ from: Int, _ to: Int) -> Int? {
    depthZero(from, to) { lex.isPunct($0, ":") && !isPathSeparator($0) && !isPathSeparator($0 - 1) }
  }

  /// The first token in `from..<to` outside brackets for which `test` holds.
  private func depthZero(_ from: Int, _ to: Int, _ test: (Int) -> Bool) -> Int? {
    var k = from
    while k < to {
      if test(k) { return k }
      k = lex.isOpen(k) ? lex.matching(k) + 1 : k + 1
    }
    return nil
  }

  /// The ranges between commas at depth 0 in `from..<to`: brackets skipped, and `<…>` generics too where
  /// the list holds types (`generics`; in an expression `<` is a comparison).
  private func commaSeparated(_ from: Int, _ to: Int, generics: Bool = true) -> [(Int, Int)] {
    var parts: [(Int, Int)] = []
    var start = from
    var k = from
    var angles = 0
    while k < to {
      if generics && lex.isPunct(k, "<") { angles += 1 }
      if generics, lex.isPunct(k, ">"), !lex.isPunct(k - 1, "-"), !lex.isPunct(k - 1, "=") { angles = max(0, angles - 1) }
      if lex.isPunct(k, ",") && angles == 0 {
        if start < k { parts.append((start, k)) }
        start = k + 1
      }
      k = lex.isOpen(k) ? lex.matching(k) + 1 : k + 1
    }
    if start < to { parts.append((start, to)) }
    return parts
  }

  /// Where a head ends: the `{` or `;` at depth 0 (brackets skipped), or `end`.
  private func headEnd(_ from: Int, _ end: Int) -> Int {
    var k = from
    while k < end {
      if lex.isPunct(k, "{") || lex.isPunct(k, ";") { return k }
      if lex.isClose(k) { return k }
      k = lex.isOpen(k) ? lex.matching(k) + 1 : k + 1
    }
    return end
  }

  /// The `>` closing the `<` at `open` (`->` is no closer); the head's end when none closes it first.
  private func angleClose(_ open: Int, _ end: Int) -> Int {
    var depth = 0
    var k = open
    while k < end {
      if lex.isPunct(k, "<") { depth += 1 }
      if lex.isPunct(k, ">"), !lex.isPunct(k - 1, "-") {
        depth -= 1
        if depth == 0 { return k }
      }
      if lex.isPunct(k, "{") || lex.isPunct(k, ";") { return max(open, k - 1) }
      k = lex.isPunct(k, "(") || lex.isPunct(k, "[") ? lex.matching(k) + 1 : k + 1
    }
    return max(open, end - 1)
  }

  /// The `;` ending the statement at `from` (brackets skipped), or the last token before `end`.
  private func statementEnd(_ from: Int, _ end: Int) -> Int {
    var k = from
    while k < end {
      if lex.isPunct(k, ";") { return k }
      if lex.isClose(k) { return max(from, k - 1) }
      k = lex.isOpen(k) ? lex.matching(k) + 1 : k + 1
    }
    return max(from, end - 1)
  }
}
