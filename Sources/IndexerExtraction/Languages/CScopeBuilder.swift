import IndexerModel

/// What a name means where it is used in a C or C++ file, read from the preprocessed tokens: the file's
/// `#include`s (imports named `#include`), namespaces and class/struct/union bodies as scopes of kind
/// `type` (a class's bases as written), functions with their parameters (a method defined out of its class,
/// `A::f`, has the outline's method as `symbol`, so its class is known), blocks, `for`/`if`/`while`/`switch`
/// statements' own scopes, `catch` clauses and C++ lambdas; declarations bind their names from the
/// declarator on (`int x = x;` sees itself, as C does) with the base type written (`struct s *p` → `s`,
/// `std::unique_ptr<T>` → `T`, `auto x = new T` → `T`, `auto x = f()` → `=f()`). Functions carry
/// `returns:T`; a typedef or alias `type:T`; a class or struct `@scope:N`; a function declared without a
/// body has the label `declaration`. Each name after `.`/`->` is a member with the chain before it (`a.b`,
/// `f()`, `a[]`, `this`); a name after `::` is one with `::` and its qualifier (`::std::chrono`, `::` alone
/// for the global namespace); a designator (`.x = 1`) in a typed initializer is a member of `@lit:T`.
///
/// Every token read goes through `TokenList`, and nesting past `maximumNesting` is skipped whole.
struct CScopeBuilder {
  let lex: CFamilyTokens
  var tokens: TokenList { lex.tokens }
  private let isCpp: Bool
  var result = FileScopes()
  private var nesting = 0
  let openers: [Int32]
  /// Outline symbols by the position of their name, to link a type's, a namespace's or a function's scope
  /// to its outline symbol.
  private let symbolsByPosition: [(position: SourcePosition, index: Int)]
  /// Designators already recorded as members of their initializer's type.
  var memberPositions: Set<SourcePosition> = []
  /// Template parameters read before a declaration: the next function or type scope binds them.
  private var pendingTemplateParameters: [Int] = []
  static let maximumNesting = 100

  /// Each token's punctuation byte (0 for any other token): the statement scans ask it of every token of
  /// every body several times, and an array load is what keeps them cheap.
  let punct: [UInt8]

  init(_ lex: CFamilyTokens, outline: FileIndex, isCpp: Bool) {
    self.lex = lex
    self.isCpp = isCpp
    openers = lex.openingBrackets()
    punct = lex.tokens.all.map { $0.kind == .punct ? lex.source[$0.start] : 0 }
    // Sorted by position (the first symbol at a position kept): a binary search per scope is cheaper than
    // hashing every symbol's position for the few scopes that ask.
    var byPosition = outline.symbols.enumerated().map { (position: $0.element.range.start, index: $0.offset) }
    byPosition.sort { $0.position != $1.position ? $0.position < $1.position : $0.index < $1.index }
    symbolsByPosition = byPosition
  }

  /// `includes`: each `#include`'s path as written (quotes or angle brackets kept) and where it stands.
  mutating func build(includes: [(path: String, position: SourcePosition)], end: SourcePosition) -> FileScopes {
    result.scopes = [FileScopes.Scope(kind: .file, range: SourceRange(start: SourcePosition(line: 1, column: 1), end: end), parent: -1)]
    for include in includes {
      result.imports.append(FileScopes.Import(localName: "#include", module: include.path, importedName: "", position: include.position, scope: 0))
    }
    declarations(0, tokens.count, scope: 0)
    readMembers()
    result.members.sort { $0.position < $1.position }
    return result
  }

  // MARK: Declarations at file, namespace and class level

  private mutating func declarations(_ from: Int, _ to: Int, scope: Int) {
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= Self.maximumNesting else { return }
    var k = from
    while k < to {
      k = max(declaration(k, to, scope: scope), k + 1)
    }
  }

  /// One declaration at file, namespace or class level; the token after it.
  private mutating func declaration(_ at: Int, _ end: Int, scope: Int) -> Int {
    var k = at
    if lex.isPunct(k, ";") || lex.isClose(k) { return k + 1 }
    if isAccessLabel(k) { return k + 2 }
    if lex.isWord(k, "template"), lex.isPunct(k + 1, "<") {
      let close = lex.angleEnd(k + 1, end)
      pendingTemplateParameters = templateParameters(k + 1, close)
      k = close + 1
      if lex.isWord(k, "friend") { k += 1 }
    }
    if lex.isWord(k, "namespace") { return namespace(k, end, scope: scope) }
    if lex.isWord(k, "extern"), tokens[k + 1].kind == .literal {
      if lex.isPunct(k + 2, "{") {
        let close = min(lex.matching(k + 2), end)
        declarations(k + 3, close, scope: scope)
        return close + 1
      }
      k += 2
    }
    if lex.isWord(k, "using") { return using(k, end, scope: scope) }
    if lex.isWord(k, "static_assert") || lex.isWord(k, "_Static_assert") { return statementEnd(k, end) + 1 }
    return declarationStatement(k, end, scope: scope, inBlock: false)
  }

  private func isAccessLabel(_ k: Int) -> Bool {
    (lex.isWord(k, "public") || lex.isWord(k, "private") || lex.isWord(k, "protected")) && lex.isPunct(k + 1, ":")
      && !lex.isPunct(k + 2, ":")
  }

  /// `namespace a::b { … }`, `namespace { … }`, `namespace x = y;`.
  private mutating func namespace(_ at: Int, _ end: Int, scope: Int) -> Int {
    var k = at + 1
    var names: [Int] = []
    while k < end, tokens[k].kind == .name || (lex.isPunct(k, ":") && lex.isPunct(k + 1, ":")) {
      if tokens[k].kind == .name, !lex.isWord(k, "inline") { names.append(k) }
      k += tokens[k].kind == .name ? 1 : 2
    }
    if lex.isPunct(k, "="), let name = names.first {
      let stop = statementEnd(k, end)
      bind(name, in: scope, kind: .definition, typeName: "namespace:" + qualifiedName(k + 1, stop))
      return stop + 1
    }
    guard lex.isPunct(k, "{") else { return statementEnd(k, end) + 1 }
    let close = min(lex.matching(k), end)
    let first = names.last ?? at
    let inner = open(.type, from: first, to: close, parent: scope, symbol: names.last.map { symbolIndex($0) } ?? -1)
    if let last = names.last { bind(last, in: scope, kind: .definition, typeName: "@scope:\(inner)") }
    declarations(k + 1, close, scope: inner)
    return close + 1
  }

  /// `using namespace x;` (an import of every name, `*`), `using x::y;`, `using T = U;`.
  private mutating func using(_ at: Int, _ end: Int, scope: Int) -> Int {
    let stop = statementEnd(at, end)
    if lex.isWord(at + 1, "namespace") {
      let module = qualifiedName(at + 2, stop)
      result.imports.append(FileScopes.Import(localName: "*", module: module, importedName: "", position: position(at + 2), scope: scope))
      return stop + 1
    }
    if tokens[at + 1].kind == .name, lex.isPunct(at + 2, "=") {
      bind(at + 1, in: scope, kind: .definition, typeName: "type:" + baseType(at + 3, stop).name)
      walkExpressions(at + 3, stop, scope: scope)
      return stop + 1
    }
    // `using Base::f;`: the name the qualified one brings in.
    if let last = tokenRange(at + 1, stop).last(where: { tokens[$0].kind == .name }) {
      let module = qualifiedName(at + 1, last)
      result.imports.append(
        FileScopes.Import(localName: lex.text(last), module: module, importedName: lex.text(last), position: position(last), scope: scope))
    }
    return stop + 1
  }

  // MARK: Declaration statements

  /// A declaration (types, functions, variables) or, in a block, any other statement that starts with a
  /// name; the token after it.
  private mutating func declarationStatement(_ at: Int, _ end: Int, scope: Int, inBlock: Bool) -> Int {
    var k = skipPrefixes(at, end)
    let start = k
    while lex.isOneOf(k, Self.specifiers) { k += 1 }
    k = skipAttributes(k, end)
    // `LEVELDB_EXPORT Status f(…)`, `API_EXPORT const T* x`: an attribute macro before the type (a type spelled
    // in capitals, `DWORD n = 0`, has no second name after it).
    while lex.isMacroSpelling(tokens[k]), tokens[k + 1].kind == .name, !lex.isOneOf(k + 1, Self.statementWords),
      tokens[k + 2].kind == .name || lex.isPunct(k + 2, "*") || lex.isPunct(k + 2, "&") || lex.isPunct(k + 2, "<")
        || (lex.isPunct(k + 2, ":") && lex.isPunct(k + 3, ":"))
    {
      k += 1
    }
    // `static __latent_entropy struct task_struct *copy_process(`: a lower-case attribute macro before `struct`.
    while tokens[k].kind == .name, typeKeyword(k) == nil, typeKeyword(k + 1) != nil, !lex.isOneOf(k, Self.specifiers) { k += 1 }
    // `struct s { … } x;`, `class A : public B { … };`, `enum E { … }`.
    if let keyword = typeKeyword(k) {
      var name = -1
      var m = keyword + 1
      if lex.isWord(keyword, "enum"), lex.isWord(m, "class") || lex.isWord(m, "struct") { m += 1 }
      m = skipAttributes(m, end)
      if lex.isPunct(m, ":"), lex.isPunct(m + 1, ":") { m += 2 }
      // `class LEVELDB_EXPORT DB {`: an export macro before the name.
      while tokens[m].kind == .name, tokens[m + 1].kind == .name, !lex.isWord(m + 1, "final"), lex.isMacroSpelling(tokens[m]) { m += 1 }
      if tokens[m].kind == .name, !lex.isWord(m, "final") {
        name = m
        m += 1
        while lex.isPunct(m, ":"), lex.isPunct(m + 1, ":"), tokens[m + 2].kind == .name {
          name = m + 2
          m += 3
        }
        if lex.isPunct(m, "<") { m = lex.angleEnd(m, end) + 1 }  // a specialization: `struct hash<T*>`
      }
      if lex.isWord(m, "final") { m += 1 }
      // `struct s;`, `class API Cache;`: declared ahead, nothing bound.
      if name >= 0, lex.isPunct(m, ";") { return m + 1 }
      var bases: [String] = []
      if lex.isPunct(m, ":"), !lex.isPunct(m + 1, ":") {
        // The bases, to the brace: `public B, private ns::C<T>`; an enum's `: int` is no base.
        var b = m + 1
        var partStart = b
        while b < end, !lex.isPunct(b, "{"), !lex.isPunct(b, ";") {
          if lex.isPunct(b, "<") {
            b = lex.angleEnd(b, end) + 1
            continue
          }
          if lex.isPunct(b, ",") {
            bases.append(baseType(skipAccess(partStart), b).name)
            partStart = b + 1
          }
          b = lex.isOpen(b) && !lex.isPunct(b, "{") ? lex.matching(b) + 1 : b + 1
        }
        if !lex.isWord(keyword, "enum") { bases.append(baseType(skipAccess(partStart), b).name) }
        m = b
      }
      if lex.isPunct(m, "{") {
        let close = min(lex.matching(m), end)
        let isEnum = lex.isWord(keyword, "enum")
        let isScopedEnum = isEnum && (lex.isWord(keyword + 1, "class") || lex.isWord(keyword + 1, "struct"))
        let body = open(.type, from: name >= 0 ? name : m, to: close, parent: scope, symbol: name >= 0 ? symbolIndex(name) : -1)
        result.scopes[body].bases = bases.filter { !$0.isEmpty }
        if name >= 0 { bind(name, in: scope, kind: .definition, typeName: "@scope:\(body)") }
        if isEnum {
          enumerators(m + 1, close, scope: isScopedEnum ? body : scope)
        } else {
          declarations(m + 1, close, scope: body)
        }
        // `struct s { … } a, *b;`: variables of the type.
        // `struct { … } *entries;`: a variable of an unnamed type names the body (a tag would be `@scope:`).
        let typeName = name >= 0 ? lex.text(name) : "@anon:\(body)"
        let stop = statementEnd(close + 1, end)
        if lex.isWord(start, "typedef") {
          for declarator in declarators(close + 1, stop, scope: scope, type: typeName, inBlock: inBlock) {
            bind(declarator, in: scope, kind: .definition, typeName: "type:" + typeName)
          }
        } else {
          for declarator in declarators(close + 1, stop, scope: scope, type: typeName, inBlock: inBlock) {
            bind(declarator, in: scope, kind: inBlock ? .local : .definition, typeName: typeName)
          }
        }
        return stop + 1
      }
    }
    // Most statements in a body are expressions (`x = f(y);`, `f(x);`, `p->n++;`): a declaration's type is
    // followed by a name, `*`, `&`, `::` or `<`; anything else is read as an expression without building a type.
    if inBlock, tokens[k].kind == .name, !lex.isOneOf(k, Self.builtinTypes), !lex.isOneOf(k, Self.specifiers) {
      let next = k + 1
      let mayDeclare = tokens[next].kind == .name || lex.isPunct(next, "*") || lex.isPunct(next, "&") || lex.isPunct(next, "<")
        || (lex.isPunct(next, ":") && lex.isPunct(next + 1, ":"))
      if !mayDeclare { return expressionStatement(at, end, scope: scope) }
    }
    let type = baseType(k, end)
    // A constructor, destructor or conversion in its class, or `A::A(…) {` out of it: no type before the name.
    if !inBlock, type.isConstructorLike, let function = functionDeclarator(k, end) {
      return self.function(function, start: start, returnType: "", end: end, scope: scope, inBlock: inBlock, isTypedef: false, isSpecial: true)
    }
    guard type.end > k, !type.name.isEmpty || type.isBuiltin else {
      return expressionStatement(at, end, scope: scope)
    }
    let isTypedef = lex.isWord(start, "typedef") || tokenRange(start, k).contains { lex.isWord($0, "typedef") }
    // A function: `T name(params) … {` or a prototype `T name(params);`.
    if let function = functionDeclarator(type.end, end) {
      return self.function(function, start: start, returnType: type.name, end: end, scope: scope, inBlock: inBlock, isTypedef: isTypedef)
    }
    let stop = statementEnd(type.end, end)
    let names = declarators(type.end, stop, scope: scope, type: type.name, inBlock: inBlock)
    guard !names.isEmpty else { return expressionStatement(at, end, scope: scope) }
    let valueType = names.count == 1 && type.name == "auto" ? autoType(type.end, stop) : type.name
    let isExtern = tokenRange(start, k).contains { lex.isWord($0, "extern") }
    for name in names {
      if isTypedef {
        bind(name, in: scope, kind: .definition, typeName: "type:" + type.name)
      } else {
        bind(name, in: scope, kind: inBlock ? .local : .definition, typeName: valueType, labels: isExtern ? "declaration" : "")
      }
    }
    return stop + 1
  }

  /// Words before a declaration that change nothing it declares: attributes, `__extension__`, `export`.
  private func skipPrefixes(_ at: Int, _ end: Int) -> Int {
    var k = at
    while k < end {
      if lex.isPunct(k, "["), lex.isPunct(k + 1, "[") {
        k = lex.matching(k) + 1
      } else if lex.isWord(k, "__extension__") || lex.isWord(k, "export") {
        k += 1
      } else {
        let next = skipAttributes(k, end)
        if next == k { break }
        k = next
      }
    }
    return k
  }

  /// Past `public`/`protected`/`private`/`virtual` before a base class.
  private func skipAccess(_ at: Int) -> Int {
    var k = at
    while lex.isWord(k, "public") || lex.isWord(k, "protected") || lex.isWord(k, "private") || lex.isWord(k, "virtual") { k += 1 }
    return k
  }

  private func skipAttributes(_ at: Int, _ end: Int) -> Int {
    var k = at
    while k < end, (lex.isOneOf(k, Self.attributeWords) && lex.isPunct(k + 1, "(")) || lex.isAttributeMacroCall(k) {
      k = lex.matching(k + 1) + 1
      while lex.isOneOf(k, Self.specifiers) && k < end { k += 1 }
    }
    return k
  }

  private func typeKeyword(_ k: Int) -> Int? {
    lex.isWord(k, "struct") || lex.isWord(k, "union") || lex.isWord(k, "enum") || (isCpp && lex.isWord(k, "class")) ? k : nil
  }

  /// `A, B = 2, C`: each enumerator bound in `scope` (the enclosing scope, or a scoped enum's own).
  private mutating func enumerators(_ from: Int, _ to: Int, scope: Int) {
    var k = from
    var expectName = true
    while k < to {
      if lex.isPunct(k, ",") {
        expectName = true
      } else if expectName, tokens[k].kind == .name {
        bind(k, in: scope, kind: .definition)
        expectName = false
      }
      k = lex.isOpen(k) ? lex.matching(k) + 1 : k + 1
    }
  }

  // MARK: Types

  struct BaseType {
    /// The type as resolution follows it: `s` of `struct s`, `ns::T` of `const ns::T<int>&`, the first
    /// template argument of a smart pointer; empty for builtin types.
    var name: String
    /// The token after the type.
    var end: Int
    var isBuiltin = false
    /// Only a qualified name with no type before it (`A::A`, `~A`): a constructor's or destructor's name.
    var isConstructorLike = false
  }

  /// The type a declaration starts with at `k`, after its specifiers; `end == k` when none is there.
  /// `depth`: how many smart pointers' arguments are already being read (`unique_ptr<unique_ptr<…>>` nests).
  private func baseType(_ at: Int, _ end: Int, depth: Int = 0) -> BaseType {
    var k = at
    while (lex.isOneOf(k, Self.specifiers) || lex.isWord(k, "typename")) && k < end { k += 1 }
    if let keyword = typeKeyword(k) {
      var m = keyword + 1
      if lex.isWord(m, "class") || lex.isWord(m, "struct") { m += 1 }
      if lex.isPunct(m, ":"), lex.isPunct(m + 1, ":") { m += 2 }
      guard tokens[m].kind == .name else { return BaseType(name: "", end: at) }
      let (name, after) = qualified(m, end)
      return BaseType(name: name, end: skipQualifiers(after, end))
    }
    if lex.isOneOf(k, Self.builtinTypes) {
      while lex.isOneOf(k, Self.builtinTypes) || lex.isOneOf(k, Self.specifiers) { k += 1 }
      return BaseType(name: "", end: skipQualifiers(k, end), isBuiltin: true)
    }
    if lex.isWord(k, "decltype") || lex.isWord(k, "typeof") || lex.isWord(k, "__typeof__"), lex.isPunct(k + 1, "(") {
      return BaseType(name: "", end: skipQualifiers(lex.matching(k + 1) + 1, end), isBuiltin: true)
    }
    if lex.isPunct(k, "~"), tokens[k + 1].kind == .name {
      return BaseType(name: "", end: k, isConstructorLike: true)
    }
    let leadingScope = lex.isPunct(k, ":") && lex.isPunct(k + 1, ":")
    if leadingScope { k += 2 }
    guard tokens[k].kind == .name, !lex.isOneOf(k, Self.statementWords) else { return BaseType(name: "", end: at) }
    var (name, after) = qualified(k, end)
    // `A::A(` and `A::~A(`: a constructor or destructor defined out of its class.
    if lex.isPunct(after, "(") || (lex.isPunct(after, ":") && lex.isPunct(after + 1, ":") && lex.isPunct(after + 2, "~")) {
      return BaseType(name: "", end: k, isConstructorLike: true)
    }
    if lex.isPunct(after, "<") {
      let close = lex.angleEnd(after, end)
      if Self.smartPointers.contains(String(name.split(separator: ":").last ?? "")) {
        let argument = depth < 8 ? baseType(after + 1, close, depth: depth + 1) : BaseType(name: "", end: after)
        if !argument.name.isEmpty { name = argument.name }
      }
      after = close + 1
      // `vector<T>::iterator`: the nested type.
      while lex.isPunct(after, ":"), lex.isPunct(after + 1, ":"), tokens[after + 2].kind == .name {
        name += "::" + lex.text(after + 2)
        after += 3
      }
    }
    return BaseType(name: name, end: skipQualifiers(after, end))
  }

  /// `a::b::c` from the name at `k`: the text and the token after it.
  private func qualified(_ k: Int, _ end: Int) -> (String, Int) {
    var text = lex.text(k)
    var m = k + 1
    while m + 2 < end, lex.isPunct(m, ":"), lex.isPunct(m + 1, ":"), tokens[m + 2].kind == .name {
      text += "::" + lex.text(m + 2)
      m += 3
    }
    return (text, m)
  }

  private func qualifiedName(_ from: Int, _ to: Int) -> String {
    tokenRange(from, to).filter { tokens[$0].kind == .name }.map { lex.text($0) }.joined(separator: "::")
  }

  private func skipQualifiers(_ at: Int, _ end: Int) -> Int {
    var k = at
    while k < end, lex.isOneOf(k, Self.specifiers) || lex.isWord(k, "restrict") || lex.isWord(k, "__restrict") { k += 1 }
    return k
  }

  /// `auto x = new T(…)` → `T`; `auto x = T(…)`/`T{…}` or a chain of calls → `=chain` (resolved later).
  private func autoType(_ from: Int, _ stop: Int) -> String {
    guard let equals = tokenRange(from, stop).first(where: { lex.isPunct($0, "=") }) else { return "" }
    var k = equals + 1
    if lex.isWord(k, "new") { return baseType(k + 1, stop).name }
    var text = ""
    var parts = 0
    while k < stop && parts < 12 {
      parts += 1
      guard tokens[k].kind == .name else { return "" }
      let (name, after) = qualified(k, stop)
      text += name
      k = after
      if lex.isPunct(k, "<") {
        let close = lex.angleEnd(k, stop)
        if Self.smartPointerMakers.contains(String(name.split(separator: ":").last ?? "")) {
          return baseType(k + 1, close).name
        }
        k = close + 1
      }
      if lex.isPunct(k, "(") || lex.isPunct(k, "{") {
        k = lex.matching(k) + 1
        text += "()"
      }
      guard k < stop else { break }
      guard lex.isPunct(k, ".") || (lex.isPunct(k, "-") && lex.isPunct(k + 1, ">")) else { return "" }
      k += lex.isPunct(k, ".") ? 1 : 2
      text += "."
    }
    return text.isEmpty ? "" : "=" + text
  }

  // MARK: Declarators

  /// The declared names of `*a, b[2] = {…}, (*c)(int)` in `from..<stop`, each initializer read as an
  /// expression (a designated initializer's `.x` is a member of `type`).
  private mutating func declarators(_ from: Int, _ stop: Int, scope: Int, type: String, inBlock: Bool) -> [Int] {
    var names: [Int] = []
    var k = from
    while k < stop {
      // Pointers, references, qualifiers, attributes before the name.
      while k < stop, lex.isPunct(k, "*") || lex.isPunct(k, "&") || lex.isOneOf(k, Self.specifiers) || lex.isWord(k, "restrict")
        || lex.isWord(k, "__restrict")
      {
        k += 1
      }
      k = skipAttributes(k, stop)
      var name = -1
      if lex.isPunct(k, "(") {
        // `(*name)(args)`, `(*name[4])`.
        let close = min(lex.matching(k), stop)
        name = tokenRange(k + 1, close).last { tokens[$0].kind == .name && !lex.isOneOf($0, Self.specifiers) } ?? -1
        if name >= 0, tokenRange(k + 1, name).contains(where: { tokens[$0].kind == .name && !lex.isOneOf($0, Self.specifiers) }) { name = -1 }
        k = close + 1
      } else if tokens[k].kind == .name, !lex.isOneOf(k, Self.statementWords) {
        name = k
        k += 1
      } else {
        return names
      }
      if name >= 0 { names.append(name) }
      // The rest of this declarator: arrays, parameters, a bit-field, an initializer.
      while k < stop, !lex.isPunct(k, ",") {
        if lex.isPunct(k, "=") || (lex.isPunct(k, "{") && inBlock) || lex.isPunct(k, "(") && inBlock {
          let valueEnd = lex.commaOrEnd(k + (lex.isPunct(k, "=") ? 1 : 0), stop)
          let value = lex.isPunct(k, "=") ? k + 1 : k
          if lex.isPunct(value, "{") {
            designators(value, type: type, scope: scope)
          } else {
            walkExpressions(value, valueEnd, scope: scope)
          }
          k = valueEnd
          continue
        }
        if lex.isPunct(k, "(") {
          walkExpressions(k, lex.matching(k) + 1, scope: scope)
          k = lex.matching(k) + 1
          continue
        }
        k = lex.isOpen(k) ? lex.matching(k) + 1 : k + 1
      }
      k += 1
    }
    return names
  }

  /// `{ .a = 1, .b = { … } }`: the designators as members of `type`; values read as expressions.
  private mutating func designators(_ open: Int, type: String, scope: Int) {
    let close = lex.matching(open)
    var k = open + 1
    while k < close {
      if lex.isPunct(k, "."), tokens[k + 1].kind == .name, lex.isPunct(k - 1, "{") || lex.isPunct(k - 1, ",") {
        let at = position(k + 1)
        result.members.append(FileScopes.Member(position: at, receiver: type.isEmpty ? "" : "@lit:" + type))
        memberPositions.insert(at)
        k += 2
        continue
      }
      if lex.isOpen(k) {
        walkExpressions(k, lex.matching(k) + 1, scope: scope)
        k = lex.matching(k) + 1
        continue
      }
      k += 1
    }
  }

  // MARK: Functions

  struct FunctionDeclarator {
    /// The name token (the last of `A::B::f`, or `operator`).
    var name: Int
    /// `A::B` of `A::B::f`, empty when unqualified.
    var qualifier: String
    var parameters: Int
  }

  /// A function's declarator at `k` (after the return type): pointers, then `[A::]name(`; nil otherwise.
  private func functionDeclarator(_ at: Int, _ end: Int) -> FunctionDeclarator? {
    var k = at
    while lex.isPunct(k, "*") || lex.isPunct(k, "&") || lex.isOneOf(k, Self.specifiers) { k += 1 }
    k = skipAttributes(k, end)
    var qualifier: [String] = []
    if lex.isPunct(k, ":"), lex.isPunct(k + 1, ":") { k += 2 }
    while tokens[k].kind == .name, lex.isPunct(k + 1, ":"), lex.isPunct(k + 2, ":") {
      qualifier.append(lex.text(k))
      k += 3
    }
    // `A<T>::f(`.
    if tokens[k].kind == .name, lex.isPunct(k + 1, "<"), isCpp {
      let close = lex.angleEnd(k + 1, end)
      if lex.isPunct(close + 1, ":"), lex.isPunct(close + 2, ":"), tokens[close + 3].kind == .name {
        qualifier.append(lex.text(k))
        k = close + 3
      }
    }
    if lex.isPunct(k, "~") { k += 1 }
    guard tokens[k].kind == .name, lex.isWord(k, "operator") || !lex.isOneOf(k, Self.statementWords) else { return nil }
    let name = k
    var parameters = k + 1
    if lex.isWord(k, "operator") {
      // `operator==(`, `operator()(`, `operator bool(`.
      var m = k + 1
      if lex.isPunct(m, "(") && lex.isPunct(m + 1, ")") { m += 2 }
      while m < end, !lex.isPunct(m, "(") { m += 1 }
      parameters = m
    }
    if lex.isPunct(parameters, "<"), isCpp { parameters = lex.angleEnd(parameters, end) + 1 }  // `f<int>(` specialization
    guard lex.isPunct(parameters, "(") else { return nil }
    // `T x(a, b)` in a block is an object with arguments, told apart by the caller.
    return FunctionDeclarator(name: name, qualifier: qualifier.joined(separator: "::"), parameters: parameters)
  }

  /// A function definition or prototype; a prototype binds its name (labelled `declaration`), a definition
  /// opens a function scope for its parameters and body.
  private mutating func function(
    _ function: FunctionDeclarator, start: Int, returnType: String, end: Int, scope: Int, inBlock: Bool, isTypedef: Bool,
    isSpecial: Bool = false
  ) -> Int {
    let close = lex.matching(function.parameters)
    // After the parameters: `const`, `noexcept`, `override`, `-> T`, `= 0`, `: init(…)`, attributes, to `{` or `;`.
    var k = close + 1
    var trailingReturn = ""
    while k < end, !lex.isPunct(k, "{"), !lex.isPunct(k, ";"), !lex.isPunct(k, "}") {
      if lex.isPunct(k, "-"), lex.isPunct(k + 1, ">") { trailingReturn = baseType(k + 2, end).name }
      if lex.isPunct(k, ":"), !lex.isPunct(k + 1, ":"), isCpp {
        // A constructor's initializer list: `: a_(x), b_{y} {`.
        var m = k + 1
        while m < end, !lex.isPunct(m, ";") {
          if lex.isPunct(m, "{"), !(tokens[m - 1].kind == .name) { break }
          if lex.isPunct(m, "{") && lex.isPunct(m - 1, ")") { break }
          m = lex.isOpen(m) ? lex.matching(m) + 1 : m + 1
        }
        k = m
        break
      }
      k = lex.isOpen(k) && !lex.isPunct(k, "{") ? lex.matching(k) + 1 : k + 1
    }
    let returns = trailingReturn.isEmpty ? returnType : trailingReturn
    // `A::~A() = default;` out of its class defines it as surely as a body.
    let isDefaulted = lex.isPunct(k, ";") && (lex.isWord(k - 1, "default") || lex.isWord(k - 1, "delete")) && lex.isPunct(k - 2, "=")
    let hasBody = lex.isPunct(k, "{")
    if inBlock && !hasBody {
      // In a block, `T x(args);` is an object; a local prototype is rare.
      bind(function.name, in: scope, kind: .local, typeName: returnType)
      walkExpressions(function.parameters, close + 1, scope: scope)
      pendingTemplateParameters = []
      return statementEnd(close, end) + 1
    }
    if isTypedef {
      bind(function.name, in: scope, kind: .definition, typeName: "type:")
      pendingTemplateParameters = []
      return statementEnd(close, end) + 1
    }
    let typeName = returns.isEmpty ? "" : "returns:" + returns
    let labels = hasBody || isDefaulted ? "" : "declaration"
    if function.qualifier.isEmpty && !isSpecial {
      bind(function.name, in: scope, kind: .definition, typeName: typeName, labels: labels)
    } else {
      // `A::f` out of its class, or a constructor or destructor (`~` as its type): the class's member, kept out of
      // lexical lookup, where the name means the class.
      let destructor = lex.isPunct(function.name - 1, "~")
      bind(function.name, in: scope, kind: .attribute, typeName: destructor ? "~" : typeName, labels: labels)
    }
    guard hasBody else {
      // A prototype's parameters are its own: `value` in `void f(int value);` is no other `value`.
      let prototype = open(.function, from: function.parameters, to: close, parent: scope)
      parameters(function.parameters, close: close, scope: prototype)
      return statementEnd(close, end) + 1
    }
    let bodyClose = min(lex.matching(k), end)
    let functionScope = open(.function, from: start, to: bodyClose, parent: scope, symbol: symbolIndex(function.name))
    if !function.qualifier.isEmpty {
      result.scopes[functionScope].bases = [function.qualifier]
    } else if lex.isOneOf(function.name, Self.fixtureTests), tokens[function.parameters + 1].kind == .name {
      // googletest's `TEST_F(Fixture, Name) { … }` is a method of a subclass of `Fixture`.
      result.scopes[functionScope].bases = [lex.text(function.parameters + 1)]
    }
    parameters(function.parameters, close: close, scope: functionScope)
    // The initializer list between the parameters and the body.
    walkExpressions(close + 1, k, scope: functionScope)
    block(k, close: bodyClose, scope: functionScope)
    return bodyClose + 1
  }

  /// `(int a, struct s *b, void (*cb)(int), …)`: each named parameter with its type.
  private mutating func parameters(_ open: Int, close: Int, scope: Int) {
    var start = open + 1
    var k = open + 1
    while k <= close && k < tokens.count {
      if k == close || lex.isPunct(k, ",") {
        parameter(start, k, scope: scope)
        start = k + 1
      }
      if lex.isPunct(k, "<"), isCpp, tokens[k - 1].kind == .name {
        k = lex.angleEnd(k, close) + 1
        continue
      }
      k = lex.isOpen(k) && k != close ? lex.matching(k) + 1 : k + 1
    }
  }

  private mutating func parameter(_ from: Int, _ to: Int, scope: Int) {
    let type = baseType(skipAttributes(from, to), to)
    guard type.end > from, type.end < to else { return }
    var k = type.end
    while lex.isPunct(k, "*") || lex.isPunct(k, "&") || lex.isOneOf(k, Self.specifiers) || lex.isWord(k, "restrict")
      || lex.isWord(k, "__restrict") || (lex.isPunct(k, ".") && lex.isPunct(k + 1, "."))
    {
      k += 1
    }
    var name = -1
    if lex.isPunct(k, "(") {
      let close = lex.matching(k)
      name = tokenRange(k + 1, close).last { tokens[$0].kind == .name && !lex.isOneOf($0, Self.specifiers) } ?? -1
    } else if tokens[k].kind == .name, k < to {
      name = k
    }
    if name >= 0 { bind(name, in: scope, kind: .parameter, typeName: type.name) }
    if let equals = tokenRange(k, to).first(where: { lex.isPunct($0, "=") }) { walkExpressions(equals + 1, to, scope: scope) }
  }

  private func templateParameters(_ open: Int, _ close: Int) -> [Int] {
    var names: [Int] = []
    var k = open + 1
    var last = -1
    while k <= close {
      if lex.isPunct(k, ",") || k == close {
        if last >= 0 { names.append(last) }
        last = -1
      } else if lex.isPunct(k, "=") {
        if last >= 0 { names.append(last) }
        last = -1
        while k < close, !lex.isPunct(k, ",") { k = lex.isOpen(k) ? lex.matching(k) + 1 : k + 1 }
        continue
      } else if tokens[k].kind == .name, !lex.isWord(k, "typename"), !lex.isWord(k, "class") {
        last = k
      }
      if lex.isPunct(k, "<") && k != open {
        k = lex.angleEnd(k, close) + 1
        continue
      }
      k += 1
    }
    return names
  }

  // MARK: Statements

  private mutating func block(_ open: Int, close: Int, scope: Int) {
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= Self.maximumNesting else { return }
    var k = open + 1
    while k < close {
      k = max(statement(k, close, scope: scope), k + 1)
    }
  }

  /// One statement in a block; the token after it.
  private mutating func statement(_ k: Int, _ end: Int, scope: Int) -> Int {
    guard k < end else { return end }
    // `else if … else if …`, `if (a) if (b) …` and `do do …` recurse here without a brace.
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= Self.maximumNesting else { return statementEnd(k, end) + 1 }
    if lex.isPunct(k, ";") { return k + 1 }
    if lex.isPunct(k, "{") {
      let close = min(lex.matching(k), end)
      let inner = open(.block, from: k, to: close, parent: scope)
      block(k, close: close, scope: inner)
      return close + 1
    }
    guard tokens[k].kind == .name else { return expressionStatement(k, end, scope: scope) }
    // Most statements are expressions (`x = f(y);`, `p->n++;`, `f(x);`): after a name, only `*`, `&`, `<`,
    // `::`, a `:` (a label) or another name can start a declaration, and `(` or `{` only after a keyword.
    let next = byte(k + 1)
    if next != 0, next != UInt8(ascii: "*"), next != UInt8(ascii: "&"), next != UInt8(ascii: "<"), next != UInt8(ascii: ":"),
      !lex.isOneOf(k, Self.statementStarts)
    {
      return expressionStatement(k, end, scope: scope)
    }
    if lex.isWord(k, "if") || lex.isWord(k, "while") || lex.isWord(k, "switch") || lex.isWord(k, "for") {
      return control(k, end, scope: scope)
    }
    if lex.isWord(k, "do") {
      let body = statement(k + 1, end, scope: scope)
      return lex.isWord(body, "while") ? expressionStatement(body, end, scope: scope) : body
    }
    if lex.isWord(k, "else") { return statement(k + 1, end, scope: scope) }
    if lex.isWord(k, "try") { return statement(k + 1, end, scope: scope) }
    if lex.isWord(k, "catch"), lex.isPunct(k + 1, "(") {
      let close = lex.matching(k + 1)
      let bodyEnd = lex.isPunct(close + 1, "{") ? min(lex.matching(close + 1), end) : close
      let handler = open(.block, from: k, to: bodyEnd, parent: scope)
      let type = baseType(k + 2, close)
      if let name = tokenRange(type.end, close).last(where: { tokens[$0].kind == .name }) {
        bind(name, in: handler, kind: .handler, typeName: type.name)
      }
      if lex.isPunct(close + 1, "{") { block(close + 1, close: bodyEnd, scope: handler) }
      return bodyEnd + 1
    }
    if lex.isWord(k, "case") || lex.isWord(k, "default") {
      var m = k + 1
      while m < end, !(lex.isPunct(m, ":") && !lex.isPunct(m + 1, ":") && !lex.isPunct(m - 1, ":")) {
        m = lex.isOpen(m) ? lex.matching(m) + 1 : m + 1
      }
      return m + 1
    }
    // `label:`, seen from anywhere in its function (`goto` jumps forward too).
    if lex.isPunct(k + 1, ":"), !lex.isPunct(k + 2, ":"), !isCpp || !isAccessLabel(k) {
      var function = scope
      while function > 0, function < result.scopes.count, result.scopes[function].kind != .function, result.scopes[function].kind != .lambda {
        function = result.scopes[function].parent
      }
      if function > 0, function < result.scopes.count {
        result.bindings.append(
          FileScopes.Binding(
            name: lex.text(k), scope: function, position: position(k), kind: .local, visible: result.scopes[function].range.start,
            labels: "label"))
      }
      return k + 2
    }
    if lex.isOneOf(k, Self.statementWords) { return expressionStatement(k, end, scope: scope) }
    if lex.isWord(k, "using") { return using(k, end, scope: scope) }
    if lex.isWord(k, "template") || lex.isWord(k, "typedef") || lex.isWord(k, "static_assert") {
      return declaration(k, end, scope: scope)
    }
    return declarationStatement(k, end, scope: scope, inBlock: true)
  }

  /// `if (…) … else …`, `while (…) …`, `switch (…) …`, `for (init; cond; step) …`: a scope for the whole
  /// statement (what its head declares), the body a statement in it, an `else` a branch.
  private mutating func control(_ k: Int, _ end: Int, scope: Int) -> Int {
    var open = k + 1
    if lex.isWord(open, "constexpr") { open += 1 }
    guard lex.isPunct(open, "(") else { return expressionStatement(k, end, scope: scope) }
    let close = min(lex.matching(open), end)
    let statementScope = self.open(.block, from: k, to: close, parent: scope)
    // The head: `int i = 0; i < n; i++`, `auto& x : v`, `auto x = f(); x`.
    var clauseStart = open + 1
    var clauses = 0
    var m = open + 1
    while m <= close {
      if m == close || lex.isPunct(m, ";") || (lex.isPunct(m, ":") && !lex.isPunct(m + 1, ":") && !lex.isPunct(m - 1, ":") && clauses == 0) {
        if clauses == 0 && (m < close || !lex.isWord(k, "for")) {
          headDeclaration(clauseStart, m, scope: statementScope, needsInitializer: !lex.isWord(k, "for"))
        } else {
          walkExpressions(clauseStart, m, scope: statementScope)
        }
        clauses += 1
        clauseStart = m + 1
      }
      m = lex.isOpen(m) && m != close ? lex.matching(m) + 1 : m + 1
    }
    var next = statement(close + 1, end, scope: statementScope)
    if lex.isWord(k, "if"), lex.isWord(next, "else"), next < end {
      let branch = self.open(.branch, from: next, to: next, parent: statementScope)
      let after = statement(next + 1, end, scope: branch)
      result.scopes[branch].range.end = lex.endPosition(max(next, after - 1))
      next = after
    }
    result.scopes[statementScope].range.end = lex.endPosition(max(close, next - 1))
    return next
  }

  /// A declaration in a statement's head, or an expression.
  /// `needsInitializer`: a condition (`if (T x = f())`) declares only with an initializer; without, `a & b`
  /// and `a * b` are expressions.
  private mutating func headDeclaration(_ from: Int, _ to: Int, scope: Int, needsInitializer: Bool) {
    let type = baseType(from, to)
    if type.end > from, !type.isConstructorLike, type.end < to, !type.name.isEmpty || type.isBuiltin,
      !needsInitializer || tokenRange(type.end, to).contains(where: { lex.isPunct($0, "=") || lex.isPunct($0, "{") })
    {
      let names = declarators(type.end, to, scope: scope, type: type.name, inBlock: true)
      if !names.isEmpty {
        let valueType = names.count == 1 && type.name == "auto" ? autoType(type.end, to) : type.name
        for name in names { bind(name, in: scope, kind: .local, typeName: valueType) }
        return
      }
    }
    walkExpressions(from, to, scope: scope)
  }

  /// An expression statement: to its `;` (or a block that follows a macro's `(…)`, as in
  /// `list_for_each(p, head) { … }`), reading lambdas and statement expressions in it.
  private mutating func expressionStatement(_ k: Int, _ end: Int, scope: Int) -> Int {
    let stop = statementEnd(k, end)
    walkExpressions(k, stop, scope: scope)
    if lex.isPunct(stop, "{") { return stop }
    return stop + 1
  }

  /// The `;` ending the statement at `k`, a `{` after `)` (a macro's block), or `end`.
  private func statementEnd(_ k: Int, _ end: Int) -> Int {
    var m = k
    while m < end {
      let b = byte(m)
      if b == UInt8(ascii: ";") || b == UInt8(ascii: "}") { return m }
      if b == UInt8(ascii: "{"), byte(m - 1) == UInt8(ascii: ")") || lex.isWord(m - 1, "else") { return m }
      m = b == UInt8(ascii: "(") || b == UInt8(ascii: "[") || b == UInt8(ascii: "{") ? lex.matching(m) + 1 : m + 1
    }
    return end
  }

  /// Token `k`'s punctuation byte, 0 for any other token or outside the file.
  func byte(_ k: Int) -> UInt8 {
    k >= 0 && k < punct.count ? punct[k] : 0
  }

  /// Lambdas (each a scope) and GNU statement expressions `({ … })` inside `from..<to`.
  private mutating func walkExpressions(_ from: Int, _ to: Int, scope: Int) {
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= Self.maximumNesting else { return }
    var k = from
    while k < to {
      let b = byte(k)
      guard b == UInt8(ascii: "(") || b == UInt8(ascii: "[") else {
        k += 1
        continue
      }
      if lex.isPunct(k, "("), lex.isPunct(k + 1, "{") {
        let close = lex.matching(k + 1)
        let inner = open(.block, from: k + 1, to: close, parent: scope)
        block(k + 1, close: close, scope: inner)
        k = close + 1
        continue
      }
      if isCpp, lex.isPunct(k, "["), !(tokens[k - 1].kind == .name || lex.isClose(k - 1)), !lex.isPunct(k + 1, "[") {
        let captureClose = lex.matching(k)
        var m = captureClose + 1
        var parameterList = -1
        if lex.isPunct(m, "(") {
          parameterList = m
          m = lex.matching(m) + 1
        }
        while m < to, !lex.isPunct(m, "{"), !lex.isPunct(m, ";"), !lex.isClose(m) { m = lex.isOpen(m) ? lex.matching(m) + 1 : m + 1 }
        if lex.isPunct(m, "{") {
          let close = lex.matching(m)
          let lambda = open(.lambda, from: k, to: close, parent: scope)
          if parameterList >= 0 { parameters(parameterList, close: lex.matching(parameterList), scope: lambda) }
          block(m, close: close, scope: lambda)
          k = close + 1
          continue
        }
      }
      k += 1
    }
  }

  // MARK: Tokens

  private func symbolIndex(_ k: Int) -> Int {
    let at = position(k)
    var low = 0
    var high = symbolsByPosition.count
    while low < high {
      let mid = (low + high) / 2
      if symbolsByPosition[mid].position < at { low = mid + 1 } else { high = mid }
    }
    return low < symbolsByPosition.count && symbolsByPosition[low].position == at ? symbolsByPosition[low].index : -1
  }

  private mutating func open(_ kind: FileScopes.ScopeKind, from first: Int, to last: Int, parent: Int, symbol: Int = -1) -> Int {
    result.scopes.append(
      FileScopes.Scope(kind: kind, range: SourceRange(start: position(first), end: endPosition(max(first, last))), parent: parent, symbol: symbol))
    let index = result.scopes.count - 1
    if kind == .function || kind == .type {
      for parameter in pendingTemplateParameters { bind(parameter, in: index, kind: .typeParameter) }
      pendingTemplateParameters = []
    }
    return index
  }

  private mutating func bind(_ k: Int, in scope: Int, kind: FileScopes.BindingKind, typeName: String = "", labels: String = "") {
    // A keyword is never a name, however a statement the reader misread places it.
    guard tokens[k].kind == .name, scope >= 0, scope < result.scopes.count, !lex.isOneOf(k, isCpp ? Keywords.cpp : Keywords.c) else { return }
    result.bindings.append(FileScopes.Binding(name: lex.text(k), scope: scope, position: position(k), kind: kind, typeName: typeName, labels: labels))
  }

  func position(_ k: Int) -> SourcePosition { lex.position(k) }
  private func endPosition(_ k: Int) -> SourcePosition { lex.endPosition(k) }

  // MARK: Words

  private static let specifiers = Keywords.set([
    "static", "extern", "inline", "__inline", "__inline__", "const", "volatile", "register", "virtual", "explicit",
    "constexpr", "consteval", "constinit", "mutable", "thread_local", "_Thread_local", "__thread", "friend", "typedef",
    "__extension__", "__restrict", "restrict", "__const", "noexcept",
  ])
  private static let attributeWords = Keywords.set([
    "__attribute__", "__attribute", "__declspec", "alignas", "_Alignas", "__asm__", "asm", "__asm",
  ])
  private static let builtinTypes = Keywords.set([
    "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "_Bool", "bool", "_Complex", "__int128",
    "wchar_t", "char8_t", "char16_t", "char32_t", "__signed__", "__unsigned__",
  ])
  /// Words that start no declaration: a statement that starts with one is an expression or a jump.
  static let statementWords = Keywords.set([
    "return", "goto", "break", "continue", "sizeof", "alignof", "_Alignof", "__alignof__", "new", "delete", "throw", "co_return",
    "co_await", "co_yield", "this", "true", "false", "nullptr", "NULL", "if", "else", "while", "for", "do", "switch", "case",
    "default", "static_cast", "dynamic_cast", "const_cast", "reinterpret_cast", "operator", "typeid", "asm", "__asm__",
  ])
  /// Words a statement may start with that are followed by punctuation and begin no expression: control
  /// flow, jumps, types, specifiers, attributes.
  private static let statementStarts = Keywords.set([
    "if", "while", "for", "switch", "do", "else", "try", "catch", "case", "default", "using", "template", "typedef",
    "static_assert", "_Static_assert", "return", "goto", "sizeof", "alignof", "decltype", "typeof", "__typeof__", "throw",
    "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "_Bool", "bool", "auto", "const",
    "volatile", "static", "extern", "register", "inline", "__attribute__", "__attribute", "__declspec", "alignas", "_Alignas",
    "__asm__", "asm", "__asm", "__extension__", "struct", "union", "enum", "class", "new", "delete", "co_return", "co_await",
  ])
  private static let fixtureTests = Keywords.set(["TEST_F", "TEST_P", "TYPED_TEST", "TYPED_TEST_P", "BENCHMARK_F"])
  private static let smartPointers: Set<String> = [
    "unique_ptr", "shared_ptr", "weak_ptr", "scoped_refptr", "intrusive_ptr", "optional", "reference_wrapper", "atomic",
  ]
  private static let smartPointerMakers: Set<String> = ["make_unique", "make_shared", "make_optional"]
}
