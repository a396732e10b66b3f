import IndexerModel

/// JavaScript and TypeScript (incl. `.jsx`/`.tsx`) definitions from the shared C-family tokenizer with
/// template and regex literals: functions, classes (methods, getters/setters, fields, constructors),
/// functions and arrow functions bound to `const`/`let`/`var`, other top-level bindings, `export default`
/// classes and functions, interfaces (properties, methods), type aliases, enums and their members, and
/// namespaces/modules.
///
/// Statements end at `;`, at a closing brace, or at a line break where the next line cannot continue
/// the expression (automatic semicolon insertion, approximately). Function bodies are skipped whole.
public struct JavaScriptExtractor: Extractor {
  public let language: Language

  public init(language: Language = .javascript) {
    self.language = language
  }

  public func extract(_ source: UnsafeBufferPointer<UInt8>) -> FileIndex {
    let tokens = CFamilyTokenizer(javascriptLiterals: true, dollarInNames: true).tokenize(source)
    var reader = ScriptReader(CFamilyTokens(source: source, tokens: tokens), language: language)
    reader.readStatements(from: 0, to: tokens.count, container: "", parent: -1)
    reader.index.references = ReferenceCollector.collect(
      tokens, in: source, keywords: language == .typescript ? Keywords.typescript : Keywords.javascript)
    var scopeBuilder = JavaScriptScopeBuilder(reader.lex)
    reader.index.scopes = scopeBuilder.build()
    return reader.index
  }
}

private struct ScriptReader {
  let lex: CFamilyTokens
  var tokens: TokenList { lex.tokens }
  var index: FileIndex
  private var nesting = 0

  private static let prefixes = Keywords.set(["export", "default", "declare", "async", "abstract"])
  /// The words `readStatements` switches on, in `StatementWord`'s order: looked up as bytes, no `String`.
  private static let statementWords = Keywords.set([
    "function", "class", "interface", "enum", "namespace", "module", "type", "if", "for", "while", "switch", "with", "catch",
    "global", "else", "do", "try", "finally", "const", "let", "var",
  ])
  private enum StatementWord: Int {
    case function, `class`, interface, `enum`, namespace, module, type, `if`, `for`, `while`, `switch`, with, `catch`
    case global, `else`, `do`, `try`, finally, const, `let`, `var`
  }
  private static let memberModifiers = Keywords.set([
    "static", "async", "public", "private", "protected", "readonly", "abstract", "override", "declare", "accessor",
  ])

  init(_ lex: CFamilyTokens, language: Language) {
    self.lex = lex
    index = FileIndex(language: language)
  }

  /// `inFunctionBody`: the statements of a function, where only functions, classes and bindings of
  /// functions or object literals are definitions (locals holding plain values are not), as ctags reads them.
  mutating func readStatements(from start: Int, to end: Int, container: String, parent: Int, inFunctionBody: Bool = false) {
    // Declarations nest through recursion: past the limit a body is skipped whole, so no input can
    // exhaust the stack (10,000 nested classes crashed every reader before this).
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= CFamilyTokens.maxNesting else { return }
    var i = start
    while i < end {
      guard let first = nextSignificant(i, end) else { return }
      i = first
      guard tokens[i].kind == .name else {
        // A bare block `{ … }`, or `(function () { ... })()`, `!function () { ... }()`, `(() => { ... })()`:
        // an expression statement whose functions are read like any other (an IIFE's body keeps the
        // enclosing scope: at the top of a file its definitions are module-level).
        i = lex.isPunct(i, "{")
          ? readBlock(after: i, end: end, container: container, parent: parent, inFunctionBody: inFunctionBody)
          : readExpressionStatement(i, end: end, container: container, parent: parent, inFunctionBody: inFunctionBody)
        continue
      }
      var k = i
      while k < end, lex.isOneOf(k, Self.prefixes) { k = significant(k + 1, end) }
      guard k < end, tokens[k].kind == .name else {
        i = max(k, i + 1)
        continue
      }
      switch lex.wordIndex(k, in: Self.statementWords).flatMap(StatementWord.init(rawValue:)) {
      case .function:
        i = readFunction(first: first, keyword: k, end: end, container: container, parent: parent)
      case .class:
        i = readClass(first: first, keyword: k, end: end, container: container, parent: parent)
      case .interface:
        i = readBraced(first: first, keyword: k, end: end, kind: .interface, container: container, parent: parent, members: true)
      case .enum:
        i = readBraced(first: first, keyword: k, end: end, kind: .enum, container: container, parent: parent, members: false)
      case .namespace, .module:
        let name = significant(k + 1, end)
        if name < end, tokens[name].kind == .name || tokens[name].kind == .literal {
          let open = tokenRange(name, end).first { lex.isPunct($0, "{") } ?? end
          let close = open < end ? lex.matching(open) : statementEnd(name, end)
          let at = lex.record(into: &index, name: name, label: label(name), kind: .module, container: container, start: first, end: close, signature: lex.joined(first, open), parent: parent)
          if open < end { readStatements(from: open + 1, to: close, container: qualified(container, name), parent: at) }
          i = close + 1
        } else {
          i = readExpressionStatement(k, end: end, container: container, parent: parent, inFunctionBody: inFunctionBody)  // `module.exports = ...`
        }
      case .type:
        let name = significant(k + 1, end)
        let stop = statementEnd(k, end)
        if name < end, tokens[name].kind == .name, tokenRange(name, stop).contains(where: { lex.isPunct($0, "=") }) {
          let eq = tokenRange(name, stop).first { lex.isPunct($0, "=") }!
          lex.record(into: &index, name: name, label: label(name), kind: .typealias, container: container, start: first, end: stop, signature: lex.joined(first, eq), parent: parent)
        }
        i = stop + 1
      case .if, .for, .while, .switch, .with, .catch:
        i = readBlock(after: significant(k + 1, end), end: end, container: container, parent: parent, inFunctionBody: inFunctionBody)
      case .global where lex.isPunct(significant(k + 1, end), "{"):
        // `declare global { interface Window { … } }`: augmentations of the global scope.
        i = readBlock(after: significant(k + 1, end), end: end, container: container, parent: parent, inFunctionBody: inFunctionBody)
      case .else, .do, .try, .finally:
        i = readBlock(after: k, end: end, container: container, parent: parent, inFunctionBody: inFunctionBody)
      case .const, .let, .var:
        if lex.isWord(k, "const"), lex.isWord(significant(k + 1, end), "enum") {
          i = readBraced(first: first, keyword: significant(k + 1, end), end: end, kind: .enum, container: container, parent: parent, members: false)
        } else {
          i = readBindings(first: first, keyword: k, end: end, container: container, parent: parent, inFunctionBody: inFunctionBody)
        }
      default:
        i = readExpressionStatement(k, end: end, container: container, parent: parent, inFunctionBody: inFunctionBody)
      }
    }
  }

  /// The body of `if (…) {`, `for (…) {`, `else {`, `try {`…: its statements are read as the enclosing
  /// scope's (ctags tags `x = function` and `var o = {…}` inside them). `head` is the token after the
  /// keyword: a parenthesized condition is skipped first. Without a brace the next statement is read as usual.
  private mutating func readBlock(after head: Int, end: Int, container: String, parent: Int, inFunctionBody: Bool) -> Int {
    var k = head
    if lex.isPunct(k, "("), k < end { k = lex.matching(k) + 1 } else if !lex.isPunct(k, "{") { k += 1 }
    let open = significant(k, end)
    guard open < end, lex.isPunct(open, "{") else { return min(k, end) }
    let close = min(lex.matching(open), end)
    readStatements(from: open + 1, to: close, container: container, parent: parent, inFunctionBody: inFunctionBody)
    return close + 1
  }

  private mutating func readFunction(first: Int, keyword: Int, end: Int, container: String, parent: Int) -> Int {
    var name = significant(keyword + 1, end)
    if lex.isPunct(name, "*") { name = significant(name + 1, end) }
    // The body follows the parameters (and a return type): a `{` further on belongs to a later statement
    // (`declare function f(o: {\n a: T }): void;` has none).
    let found = methodBodyOpen(keyword, end)
    let open = lex.isPunct(found, "{") ? found : end
    let declarationEnd = open < end ? open : min(found, end - 1)
    let close = open < end ? lex.matching(open) : declarationEnd
    if name < end, tokens[name].kind == .name {
      let signatureEnd = lex.isPunct(declarationEnd, ";") ? declarationEnd : (open < end ? open : declarationEnd + 1)
      let at = lex.record(into: &index, name: name, label: label(name), kind: .function, container: container, start: first, end: close, signature: lex.joined(first, signatureEnd), parent: parent)
      if open < end { readStatements(from: open + 1, to: close, container: qualified(container, name), parent: at, inFunctionBody: true) }
    } else if open < end {
      readStatements(from: open + 1, to: close, container: container, parent: parent, inFunctionBody: true)
    }
    return close + 1
  }

  /// An expression statement: its assignments of functions and object literals to members (and of
  /// functions to names) are definitions, and every function body inside it (callbacks, IIFE and UMD
  /// wrappers) is read too.
  private mutating func readExpressionStatement(_ k: Int, end: Int, container: String, parent: Int, inFunctionBody: Bool) -> Int {
    let stop = lex.isOpen(k) ? max(lex.matching(k), statementEnd(k, end)) : statementEnd(k, end)
    readNestedDefinitions(from: k, through: min(stop, end - 1), container: container, parent: parent, inFunctionBody: inFunctionBody)
    return stop + 1
  }

  /// `a.b = function`, `a.prototype.m = (…) => …` (a method of `a`), `x = function`, and `a.b = { … }` (the
  /// literal's members belong to `a.b`; to `a` for a prototype) starting at `k`: the token to go on from,
  /// or nil where `k` starts no such assignment.
  private mutating func readAssignment(_ k: Int, through stop: Int, container: String, parent: Int, atStatementStart: Bool) -> Int? {
    guard let assigned = memberAssignment(k, stop) ?? plainAssignment(k, stop) else {
      // `process = { on: function … }` as a statement: the literal's keys are members of the name it fills
      // (the name itself is declared elsewhere, or is a global).
      guard atStatementStart, tokens[k].kind == .name, lex.isPunct(k + 1, "="), !lex.isPunct(k + 2, "="), !lex.isPunct(k + 2, ">"),
        case let value = significant(k + 2, stop + 1), lex.isPunct(value, "{"), !lex.isPunct(significant(value + 1, stop + 1), "}")
      else { return nil }
      readObjectMembers(open: value, container: qualified(container, k), parent: parent)
      return lex.matching(value) + 1
    }
    let value = significant(assigned.equals + 1, stop + 1)
    if !assigned.owner.isEmpty, lex.isPunct(value, "{"), !lex.isPunct(significant(value + 1, stop + 1), "}") {
      var owner = assigned.owner + "." + label(assigned.name)
      var memberParent = parent
      if label(assigned.name) == "prototype" {
        owner = assigned.owner
      } else if assigned.owner == "module" && label(assigned.name) == "exports" {
        // CommonJS's export object is not a definition of its own; what it defines inline is.
      } else {
        memberParent = lex.record(
          into: &index, name: assigned.name, label: label(assigned.name), kind: .property,
          container: container.isEmpty ? assigned.owner : container + "." + assigned.owner, start: k, end: lex.matching(value),
          signature: lex.joined(k, value), parent: parent)
      }
      readObjectMembers(open: value, container: container.isEmpty ? owner : container + "." + owner, parent: memberParent)
      return lex.matching(value) + 1
    }
    // `x.create = function () { … }()` holds what the call returns: the function body is read on as an expression's.
    guard isFunctionValue(value, stop + 1), !isInvokedFunction(value, stop + 1) else { return nil }
    var owner = assigned.owner
    var kind: SymbolKind = .function
    if owner.hasSuffix(".prototype") {
      owner = String(owner.dropLast(".prototype".count))
      kind = .method
    }
    let body = functionBodyOpen(value, stop + 1)
    let close = body.map { lex.matching($0) } ?? stop
    let at = lex.record(
      into: &index, name: assigned.name, label: label(assigned.name), kind: kind,
      container: owner.isEmpty ? container : (container.isEmpty ? owner : container + "." + owner), start: k, end: close,
      signature: lex.joined(k, body ?? stop), parent: parent)
    recordExpressionName(value, body: body, close: close, container: container, parent: parent)
    guard let body else { return value }  // an expression-bodied arrow: its expression is scanned on
    readStatements(from: body + 1, to: close, container: qualified(container, assigned.name), parent: at, inFunctionBody: true)
    return close + 1
  }

  /// Function bodies and class expressions anywhere inside an expression (callbacks, IIFE wrappers,
  /// `cached(function (x) {…})`); a named function expression (`return function onceHandler () {`) and a
  /// named class expression (`new (class Foo {…})`) are definitions too, as ctags has them.
  /// Assignments are read wherever they stand (`}, exports.mark = function`, `return this.delegate = {`).
  /// `inFunctionBody` is the enclosing scope's: an immediately invoked function's body keeps it.
  private mutating func readNestedDefinitions(from start: Int, through stop: Int, container: String, parent: Int, inFunctionBody: Bool) {
    var m = start
    while m <= stop {
      if tokens[m].kind == .name, !lex.isPunct(m - 1, "."),
        let next = readAssignment(m, through: stop, container: container, parent: parent, atStatementStart: m == start)
      {
        m = next
        continue
      }
      if lex.isWord(m, "class"), !lex.isPunct(m - 1, "."), case let after = significant(m + 1, stop + 1),
        tokens[after].kind == .name || lex.isPunct(after, "{")
      {
        let open = bodyOpen(m, stop + 1)
        guard open <= stop else { return }
        if tokens[after].kind == .name, !lex.isWord(after, "extends") {
          m = readClass(first: m, keyword: m, end: stop + 1, container: container, parent: parent)
        } else {
          let close = lex.matching(open)
          readClassMembers(from: open + 1, to: close, container: container, parent: parent)
          m = close + 1
        }
        continue
      }
      if let body = functionBodyOpen(m, stop + 1), tokens[m].kind == .name || lex.isPunct(m, "=") {
        let close = lex.matching(body)
        var bodyContainer = container
        var bodyParent = parent
        if lex.isWord(m, "function") {
          var name = significant(m + 1, stop + 1)
          if lex.isPunct(name, "*") { name = significant(name + 1, stop + 1) }
          if tokens[name].kind == .name {
            bodyParent = lex.record(
              into: &index, name: name, label: label(name), kind: .function, container: container, start: m, end: close,
              signature: lex.joined(m, body), parent: parent)
            bodyContainer = qualified(container, name)
          }
        }
        readStatements(from: body + 1, to: close, container: bodyContainer, parent: bodyParent, inFunctionBody: isInvoked(close) ? inFunctionBody : true)
        m = close + 1
        continue
      }
      m += 1
    }
  }

  /// `var Sub = function VueComponent (options) {`, `d.get = function proxyGetter () {`: the function
  /// expression's own name is a definition too (stack traces and ctags show it).
  private mutating func recordExpressionName(_ value: Int, body: Int?, close: Int, container: String, parent: Int) {
    var k = value
    if lex.isWord(k, "async") { k = significant(k + 1, tokens.count) }
    guard lex.isWord(k, "function") else { return }
    var name = significant(k + 1, tokens.count)
    if lex.isPunct(name, "*") { name = significant(name + 1, tokens.count) }
    guard tokens[name].kind == .name else { return }
    lex.record(
      into: &index, name: name, label: label(name), kind: .function, container: container, start: k, end: close,
      signature: lex.joined(k, body ?? close), parent: parent)
  }

  /// Whether the function whose body closes at `close` is called at once (`(function () {…})()`,
  /// `!function () {…}()`, `(() => {…}).call(this)`): what such a wrapper defines is module-level for its
  /// users (ctags tags its plain variables too), unlike a callback's locals.
  private func isInvoked(_ close: Int) -> Bool {
    var k = significant(close + 1, tokens.count)
    if lex.isPunct(k, ")") { k = significant(k + 1, tokens.count) }
    if lex.isPunct(k, "(") { return true }
    return lex.isPunct(k, ".") && (lex.isWord(k + 1, "call") || lex.isWord(k + 1, "apply"))
  }

  /// Whether the function expression at `k` is called where it stands (`function () { … }()`, a minifier's
  /// form without the wrapping parentheses): the value is the call's result, not a function.
  private func isInvokedFunction(_ k: Int, _ end: Int) -> Bool {
    guard let body = functionBodyOpen(k, end) else { return false }
    return isInvoked(lex.matching(body))
  }

  /// `name = function ...` / `name = (...) => ...` at the start of a statement (no declaration keyword).
  private func plainAssignment(_ k: Int, _ stop: Int) -> (name: Int, owner: String, equals: Int)? {
    guard tokens[k].kind == .name, lex.isPunct(k + 1, "="), !lex.isPunct(k + 2, "="), !lex.isPunct(k + 2, ">"),
      case let value = significant(k + 2, stop + 1), isFunctionValue(value, stop + 1), !isInvokedFunction(value, stop + 1)
    else { return nil }
    return (k, "", k + 1)
  }

  /// `a.b.c =` (not `==`): the name `c`, its owner `a.b`, and the `=`.
  private func memberAssignment(_ k: Int, _ stop: Int) -> (name: Int, owner: String, equals: Int)? {
    guard tokens[k].kind == .name else { return nil }
    var m = k + 1
    var parts = 1
    while lex.isPunct(m, "."), tokens[m + 1].kind == .name, m + 1 <= stop {
      parts += 1
      m += 2
    }
    // Names become text only for an assignment: nearly every expression is tried, few are one.
    guard parts >= 2, lex.isPunct(m, "="), !lex.isPunct(m + 1, "="), !lex.isPunct(m + 1, ">") else { return nil }
    let owner = stride(from: k, to: m - 1, by: 2).map { lex.text($0) }.joined(separator: ".")
    return (m - 1, owner, m)
  }

  /// Whether the value at `k` is a function: `function`, `async function`, `(...) =>`, `x =>`.
  private func isFunctionValue(_ k: Int, _ end: Int) -> Bool {
    if lex.isWord(k, "function") { return true }
    if lex.isWord(k, "async") { return isFunctionValue(significant(k + 1, end), end) }
    if lex.isPunct(k, "(") {
      let close = lex.matching(k)
      return lex.isPunct(close + 1, "=") && lex.isPunct(close + 2, ">")
    }
    return tokens[k].kind == .name && lex.isPunct(k + 1, "=") && lex.isPunct(k + 2, ">")
  }

  /// The `{` of the body of a function that starts at `k` (`function name(...) {`, `(...) => {`, `x => {`),
  /// or nil when `k` starts no function or its body is an expression.
  private func functionBodyOpen(_ k: Int, _ end: Int) -> Int? {
    var m = k
    if lex.isWord(m, "async") { m = significant(m + 1, end) }
    // `(a, { b }) => {` and `x => {`: on to the arrow.
    if lex.isPunct(m, "("), case let close = lex.matching(m), lex.isPunct(close + 1, "="), lex.isPunct(close + 2, ">") {
      m = close + 1
    } else if tokens[m].kind == .name, lex.isPunct(m + 1, "="), lex.isPunct(m + 2, ">") {
      m += 1
    }
    if lex.isWord(m, "function") {
      m = significant(m + 1, end)
      if lex.isPunct(m, "*") { m = significant(m + 1, end) }
      if tokens[m].kind == .name { m = significant(m + 1, end) }
      guard lex.isPunct(m, "(") else { return nil }
      let open = significant(lex.matching(m) + 1, end)
      return lex.isPunct(open, "{") && open < end ? open : nil
    }
    // An arrow: `=>` then `{`.
    if lex.isPunct(m, "="), lex.isPunct(m + 1, ">") {
      let open = significant(m + 2, end)
      return lex.isPunct(open, "{") && open < end ? open : nil
    }
    return nil
  }

  private mutating func readClass(first: Int, keyword: Int, end: Int, container: String, parent: Int) -> Int {
    let name = significant(keyword + 1, end)
    let open = bodyOpen(keyword, end)
    guard open < end else { return end }
    let close = lex.matching(open)
    guard name < end, tokens[name].kind == .name, lex.text(name) != "extends", lex.text(name) != "implements" else {
      return close + 1  // an anonymous `export default class { }`
    }
    let at = lex.record(into: &index, name: name, label: label(name), kind: .class, container: container, start: first, end: close, signature: lex.joined(first, open), parent: parent)
    readClassMembers(from: open + 1, to: close, container: qualified(container, name), parent: at)
    return close + 1
  }

  /// Methods, accessors, constructors and fields of a class body.
  private mutating func readClassMembers(from start: Int, to end: Int, container: String, parent: Int) {
    var i = start
    while let first = nextSignificant(i, end) {
      if lex.isPunct(first, ";") || lex.isPunct(first, ",") { i = first + 1; continue }
      if lex.isPunct(first, "@") {  // a decorator: @name or @name(...)
        var k = significant(first + 1, end)
        while k < end, tokens[k].kind == .name {
          k += 1
          guard lex.isPunct(k, ".") else { break }
          k += 1
        }
        if lex.isPunct(k, "(") { k = lex.matching(k) + 1 }
        i = k
        continue
      }
      var k = first
      var accessor: String?
      while k < end, lex.isOneOf(k, Self.memberModifiers) || ((lex.isWord(k, "get") || lex.isWord(k, "set")) && isMemberName(significant(k + 1, end))) {
        if lex.isWord(k, "get") || lex.isWord(k, "set") { accessor = lex.text(k) }
        k = significant(k + 1, end)
      }
      if lex.isPunct(k, "*") { k = significant(k + 1, end) }
      if lex.isPunct(k, "#") { k = significant(k + 1, end) }
      if lex.isPunct(k, "[") {
        // A computed member (`[Symbol.iterator](): I;`, `readonly [key] = true;`) names no member: skipped whole.
        var after = significant(lex.matching(k) + 1, end)
        if lex.isPunct(after, "?") || lex.isPunct(after, "!") { after = significant(after + 1, end) }
        if lex.isPunct(after, "(") || lex.isPunct(after, "<") {
          let open = methodBodyOpen(after, end)
          i = (lex.isPunct(open, "{") ? lex.matching(open) : open) + 1
        } else {
          i = statementEnd(after, end) + 1
        }
        continue
      }
      guard k < end, tokens[k].kind == .name || tokens[k].kind == .literal else {
        i = max(k + 1, first + 1)
        continue
      }
      let name = k
      var next = significant(k + 1, end)
      if lex.isPunct(next, "?") || lex.isPunct(next, "!") { next = significant(next + 1, end) }
      if lex.isPunct(next, "(") || lex.isPunct(next, "<") {
        let open = methodBodyOpen(next, end)
        let close = lex.isPunct(open, "{") ? lex.matching(open) : open
        let kind: SymbolKind = lex.text(name) == "constructor" ? .initializer : .method
        _ = accessor
        let at = lex.record(into: &index, name: name, label: label(name), kind: kind, container: container, start: first, end: close, signature: lex.joined(first, open), parent: parent)
        if lex.isPunct(open, "{") {
          readStatements(from: open + 1, to: close, container: qualified(container, name), parent: at, inFunctionBody: true)
        }
        i = close + 1
      } else {
        let stop = statementEnd(name, end)
        let eq = tokenRange(name, stop).first { lex.isPunct($0, "=") } ?? stop
        lex.record(into: &index, name: name, label: label(name), kind: .property, container: container, start: first, end: stop, signature: lex.joined(first, eq), parent: parent)
        i = stop + 1
      }
    }
  }

  /// `interface X { ... }` (members: properties and methods) and `enum X { A = 1, B }`.
  private mutating func readBraced(
    first: Int, keyword: Int, end: Int, kind: SymbolKind, container: String, parent: Int, members: Bool
  ) -> Int {
    let name = significant(keyword + 1, end)
    let open = bodyOpen(keyword, end)
    guard name < end, tokens[name].kind == .name, open < end else { return statementEnd(keyword, end) + 1 }
    let close = lex.matching(open)
    let at = lex.record(into: &index, name: name, label: label(name), kind: kind, container: container, start: first, end: close, signature: lex.joined(first, open), parent: parent)
    let inner = qualified(container, name)
    var i = open + 1
    while let m = nextSignificant(i, close) {
      if lex.isPunct(m, ",") || lex.isPunct(m, ";") { i = m + 1; continue }
      var k = m
      if members, lex.isWord(k, "readonly") { k = significant(k + 1, close) }
      if members { k = accessorName(k, close) }
      var stop = k
      var depth = 0
      defer { i = stop + 1 }
      while stop < close {
        if lex.isOpen(stop) { depth += 1 }
        if lex.isClose(stop) { depth -= 1 }
        // In an interface `<` is always a bracket (type parameters spanning lines: `pipe<A = never,\n B = never>`);
        // the `>` of an arrow type `=>` is not.
        if members && lex.isPunct(stop, "<") { depth += 1 }
        if members && lex.isPunct(stop, ">") && !lex.isPunct(stop - 1, "=") { depth -= 1 }
        if depth == 0 && (lex.isPunct(stop, ",") || lex.isPunct(stop, ";")) { break }
        if depth == 0 && members && tokens[stop].kind == .newline && !typeContinues(across: stop, from: k, to: close) { break }
        stop += 1
      }
      // Call, construct and index signatures (`<T>(v: T): R;`, `(): R;`, `new (): R;`, `[key: string]: V;`)
      // name no member: skipped whole.
      guard k < close, tokens[k].kind == .name || tokens[k].kind == .literal, !(members && isConstructSignature(k)) else {
        continue
      }
      var next = significant(k + 1, close)
      if lex.isPunct(next, "?") { next = significant(next + 1, close) }
      // An accessor (`get location(): Location;`) is read and written as a property.
      let isCallable = (lex.isPunct(next, "(") || lex.isPunct(next, "<")) && !(k != m && isAccessor(m, close))
      let memberKind: SymbolKind = !members ? .enumCase : (isCallable ? .method : .property)
      let signatureEnd = members ? stop : (tokenRange(k, stop).first { lex.isPunct($0, "=") } ?? stop)
      lex.record(into: &index, name: k, label: label(k), kind: memberKind, container: inner, start: m, end: stop - 1, signature: lex.joined(m, signatureEnd), parent: at)
    }
    return close + 1
  }

  /// `const a = 1, b = () => {}`: each simple name; functions when the value is one; an object literal's
  /// methods and keys as members of its binding. In a function body only functions and object literals count.
  private mutating func readBindings(
    first: Int, keyword: Int, end: Int, container: String, parent: Int, inFunctionBody: Bool = false
  ) -> Int {
    // One past the statement's last token (`let a\nlet b` ends at `a`, which is a name to read). It is
    // looked for from the first name: `var` alone on its line (`var\n  A = 1,\n  B = 2;`) ends nothing.
    var k = significant(keyword + 1, end)
    let stop = min(statementEnd(k, end) + 1, end)
    while k < stop {
      guard tokens[k].kind == .name else { break }  // destructuring patterns are not definitions here
      let name = k
      var j = significant(k + 1, stop)
      var objectType: Int?
      if lex.isPunct(j, ":") {  // a type annotation
        if lex.isPunct(significant(j + 1, stop), "{") { objectType = significant(j + 1, stop) }
        var depth = 0
        while j < stop, !(depth == 0 && ((lex.isPunct(j, "=") && !lex.isPunct(j + 1, ">")) || lex.isPunct(j, ",") || lex.isPunct(j, ";"))) {
          if lex.isOpen(j) || lex.isPunct(j, "<") { depth += 1 }
          if lex.isClose(j) || (lex.isPunct(j, ">") && !lex.isPunct(j - 1, "=")) { depth -= 1 }  // not `=>`'s `>`
          j += 1
        }
      }
      var valueEnd = j
      var isFunction = false
      var value = j
      if lex.isPunct(j, "=") {
        value = significant(j + 1, stop)
        var depth = 0
        valueEnd = value
        while valueEnd < stop, !(depth == 0 && (lex.isPunct(valueEnd, ",") || lex.isPunct(valueEnd, ";"))) {
          if lex.isOpen(valueEnd) { depth += 1 }
          if lex.isClose(valueEnd) { depth -= 1 }
          if depth == 0 && lex.isPunct(valueEnd, "=") && lex.isPunct(valueEnd + 1, ">") { isFunction = true }
          valueEnd += 1
        }
        if value < stop, lex.isWord(value, "function") || (lex.isWord(value, "async") && value + 1 < stop) {
          isFunction = true
        }
        // `var baseCreate = function () { … }();` holds what the call returns.
        if isFunction, isInvokedFunction(value, valueEnd) { isFunction = false }
      }
      // `var config = ({ … })`: the literal inside the parentheses (not `({ a }) => …`'s parameter).
      if lex.isPunct(value, "("), case let inner = significant(value + 1, stop), lex.isPunct(inner, "{"),
        case let paren = significant(lex.matching(inner) + 1, stop), lex.isPunct(paren, ")"),
        !(lex.isPunct(paren + 1, "=") && lex.isPunct(paren + 2, ">"))
      {
        value = inner
      }
      // An object literal with members (an empty `{}` is a value being built, not a definition to look up).
      let isObject = lex.isPunct(j, "=") && lex.isPunct(value, "{") && !lex.isPunct(significant(value + 1, stop), "}")
      if lex.isPunct(j, "="), lex.isWord(value, "class"), case let open = bodyOpen(value, valueEnd), open < valueEnd {
        // `let Adder$1 = class Adder {…}`: the binding is the class users name (ctags tags both names).
        let close = lex.matching(open)
        let start = name == significant(keyword + 1, end) ? first : name
        let at = lex.record(
          into: &index, name: name, label: label(name), kind: .class, container: container, start: start, end: close,
          signature: lex.joined(first, open), parent: parent)
        let inner = significant(value + 1, open)
        if tokens[inner].kind == .name, !lex.isWord(inner, "extends"), label(inner) != label(name) {
          lex.record(
            into: &index, name: inner, label: label(inner), kind: .class, container: container, start: value, end: close,
            signature: lex.joined(value, open), parent: parent)
        }
        readClassMembers(from: open + 1, to: close, container: qualified(container, name), parent: at)
      } else if !inFunctionBody || isFunction || isObject {
        // The first name's line is its keyword's; later names (`var a = 1,\n    b = 2`), and a first one on a
        // line after its keyword's, start at themselves.
        let start = name == keyword + 1 ? first : name
        let at = lex.record(
          into: &index, name: name, label: label(name), kind: isFunction ? .function : (lex.text(keyword) == "const" ? .constant : .variable), container: container,
          start: start, end: max(name, valueEnd - 1),
          signature: lex.joined(first, keyword + 1) + " " + lex.joined(name, lex.isPunct(j, "=") ? j : valueEnd), parent: parent)
        if let objectType {
          // `declare const palettes: { Accent: { Accent3: number[] } }`: the members of its inline type.
          readTypeMembers(open: objectType, container: qualified(container, name), parent: at, depth: 0)
        }
        if isObject {
          readObjectMembers(open: value, container: qualified(container, name), parent: at)
        } else if isFunction, let body = functionBodyOpen(value, valueEnd) {
          recordExpressionName(value, body: body, close: lex.matching(body), container: container, parent: parent)
          readStatements(from: body + 1, to: lex.matching(body), container: qualified(container, name), parent: at, inFunctionBody: true)
        } else if lex.isPunct(j, "="), value < valueEnd {
          readNestedDefinitions(from: value, through: valueEnd - 1, container: container, parent: parent, inFunctionBody: inFunctionBody)
        }
      } else if lex.isPunct(j, "="), value < valueEnd {
        readNestedDefinitions(from: value, through: valueEnd - 1, container: container, parent: parent, inFunctionBody: inFunctionBody)
      }
      guard lex.isPunct(valueEnd, ",") else { break }
      k = significant(valueEnd + 1, stop)
    }
    return stop
  }

  /// The members of an inline object type, `{ readonly A: number; f(x: T): U; B: { C: string[] } }`:
  /// properties and methods, nested types read as their own members (at most 8 deep).
  private mutating func readTypeMembers(open: Int, container: String, parent: Int, depth: Int) {
    guard depth < 8 else { return }
    let close = lex.matching(open)
    var i = open + 1
    while let m = nextSignificant(i, close) {
      var stop = m
      var nesting = 0
      while stop < close {
        if lex.isOpen(stop) { nesting += 1 }
        if lex.isClose(stop) { nesting -= 1 }
        if nesting == 0 && (lex.isPunct(stop, ";") || lex.isPunct(stop, ",")) { break }
        stop += 1
      }
      defer { i = stop + 1 }
      var k = m
      if lex.isWord(k, "readonly") { k = significant(k + 1, stop) }
      k = accessorName(k, stop)
      guard tokens[k].kind == .name || tokens[k].kind == .literal, !isConstructSignature(k) else { continue }
      var next = significant(k + 1, stop)
      if lex.isPunct(next, "?") { next = significant(next + 1, stop) }
      if lex.isPunct(next, "(") || lex.isPunct(next, "<") {
        lex.record(
          into: &index, name: k, label: label(k), kind: k != m && isAccessor(m, stop) ? .property : .method, container: container,
          start: m, end: stop - 1, signature: lex.joined(m, stop), parent: parent)
      } else if lex.isPunct(next, ":") {
        let type = significant(next + 1, stop)
        let at = lex.record(
          into: &index, name: k, label: label(k), kind: .property, container: container, start: m, end: stop - 1,
          signature: lex.joined(m, lex.isPunct(type, "{") ? type : stop), parent: parent)
        if lex.isPunct(type, "{") { readTypeMembers(open: type, container: qualified(container, k), parent: at, depth: depth + 1) }
      }
    }
  }

  /// `{ method() {}, key: function () {}, arrow: () => 1, value: 3, get x() {} }`: methods and properties.
  private mutating func readObjectMembers(open: Int, container: String, parent: Int, depth: Int = 0) {
    guard depth < 8 else { return }  // nested literals are read 8 deep at most
    let close = lex.matching(open)
    var i = open + 1
    while let m = nextSignificant(i, close) {
      var k = m
      if lex.isPunct(k, ",") {
        i = k + 1
        continue
      }
      if lex.isWord(k, "get") || lex.isWord(k, "set") || lex.isWord(k, "async") || lex.isWord(k, "static"),
        tokens[significant(k + 1, close)].kind == .name
      {
        k = significant(k + 1, close)
      }
      if lex.isPunct(k, "*") { k = significant(k + 1, close) }
      // The member runs to the next `,` at depth 0.
      var stop = k
      var depth = 0
      while stop < close {
        if lex.isOpen(stop) { depth += 1 }
        if lex.isClose(stop) { depth -= 1 }
        if depth == 0 && lex.isPunct(stop, ",") { break }
        stop += 1
      }
      defer { i = stop + 1 }
      guard tokens[k].kind == .name || tokens[k].kind == .literal else { continue }  // `...spread`, `[computed]`
      let next = significant(k + 1, close)
      if lex.isPunct(next, "(") {
        let body = significant(lex.matching(next) + 1, close)
        let at = lex.record(
          into: &index, name: k, label: label(k), kind: .method, container: container, start: m, end: stop - 1,
          signature: lex.joined(m, lex.isPunct(body, "{") ? body : stop), parent: parent)
        if lex.isPunct(body, "{") {
          readStatements(from: body + 1, to: lex.matching(body), container: container + "." + label(k), parent: at, inFunctionBody: true)
        }
      } else if lex.isPunct(next, ":") {
        let value = significant(next + 1, close)
        let isFunction = isFunctionValue(value, stop)
        let at = lex.record(
          into: &index, name: k, label: label(k), kind: isFunction ? .method : .property, container: container, start: m, end: stop - 1,
          signature: lex.joined(m, isFunction ? (functionBodyOpen(value, stop) ?? stop) : next), parent: parent)
        // `format: { indent: {...} }`: a nested literal's keys are members of its key.
        if lex.isPunct(value, "{"), !lex.isPunct(significant(value + 1, close), "}") {
          readObjectMembers(open: value, container: container + "." + label(k), parent: at, depth: depth + 1)
        } else if isFunction, let body = functionBodyOpen(value, stop) {
          readStatements(from: body + 1, to: lex.matching(body), container: container + "." + label(k), parent: at, inFunctionBody: true)
        } else if value < stop {
          // `read_template: with_eof_error("msg", function (s) { function read() {…} })`: the callbacks in the
          // value, under the key.
          readNestedDefinitions(from: value, through: stop - 1, container: container + "." + label(k), parent: at, inFunctionBody: true)
        }
      }
    }
  }

  // MARK: Helpers

  /// The end of a statement: `;` at depth 0, the end of the range, or a line break after which the next
  /// line starts a new statement (it does not begin with `.`, an operator or a closing bracket, and the
  /// line before did not end with an operator or `,`).
  private func statementEnd(_ from: Int, _ end: Int) -> Int {
    var k = from
    var depth = 0
    var last = from
    while k < end {
      let t = tokens[k]
      if t.kind == .newline {
        if depth == 0, k > from, endsOperand(last), let next = nextSignificant(k, end), startsStatement(next) { return last }
        k += 1
        continue
      }
      if lex.isOpen(k) {
        // A bracketed group is skipped whole (`matching` is a table lookup): walking into every nested
        // function body again for each enclosing statement made deep bundles quadratic.
        let close = lex.matching(k)
        if close > k, lex.isClose(close) {
          last = close
          k = close + 1
          continue
        }
        depth += 1
      }
      if lex.isClose(k) {
        if depth == 0 { return max(from, k - 1) }
        depth -= 1
      }
      if depth == 0 && lex.isPunct(k, ";") { return k }
      last = k
      k += 1
    }
    return max(from, end - 1)
  }

  private func endsOperand(_ k: Int) -> Bool {
    tokens[k].kind == .name || tokens[k].kind == .literal || lex.isPunct(k, ")") || lex.isPunct(k, "]") || lex.isPunct(k, "}")
  }

  private func startsStatement(_ k: Int) -> Bool {
    tokens[k].kind == .name || tokens[k].kind == .literal || lex.isPunct(k, "@") || lex.isPunct(k, "{")
  }

  /// The `{` opening a class, interface or enum body (after heritage clauses and generics).
  private func bodyOpen(_ from: Int, _ end: Int) -> Int {
    var k = from
    var depth = 0
    while k < end {
      if lex.isPunct(k, "<") || lex.isPunct(k, "(") { depth += 1 }
      if lex.isPunct(k, ">") || lex.isPunct(k, ")") { depth -= 1 }
      if depth <= 0 && lex.isPunct(k, "{") { return k }
      k += 1
    }
    return end
  }

  /// The `{` of a function's or method's body, or else the `;` or last token ending a body-less one, from
  /// before its `(`: past the parameters (a default `conf = {}` is no body) and a TypeScript return type
  /// (`): { a: T } {`), within the statement.
  private func methodBodyOpen(_ from: Int, _ end: Int) -> Int {
    guard let parameters = tokenRange(from, end).first(where: { lex.isPunct($0, "(") }) else { return end }
    var k = significant(lex.matching(parameters) + 1, end)
    if lex.isPunct(k, ":") {
      k = significant(k + 1, end)
      if lex.isPunct(k, "{") { k = lex.matching(k) + 1 }
    }
    let last = statementEnd(k, end)
    return tokenRange(k, last + 1).first { lex.isPunct($0, "{") || lex.isPunct($0, ";") } ?? last
  }

  /// `get name` / `set name` in an interface or type literal: the accessor's name (a member named `get`,
  /// as in `get(): T` or `get: T`, stays itself); else `k`.
  private func accessorName(_ k: Int, _ end: Int) -> Int {
    guard lex.isWord(k, "get") || lex.isWord(k, "set") else { return k }
    let name = significant(k + 1, end)
    return name < end && (tokens[name].kind == .name || tokens[name].kind == .literal) ? name : k
  }

  /// Whether the member that starts at `first` is a `get`/`set` accessor.
  private func isAccessor(_ first: Int, _ end: Int) -> Bool {
    var k = first
    if lex.isWord(k, "readonly") { k = significant(k + 1, end) }
    return accessorName(k, end) != k
  }

  /// `new (): T;` or `new <T>(x: T): U;`: a construct signature, which names no member.
  private func isConstructSignature(_ k: Int) -> Bool {
    lex.isWord(k, "new") && (lex.isPunct(k + 1, "(") || lex.isPunct(k + 1, "<"))
  }

  /// Whether a member's type goes on past the line break at `newline` (between `from` and `end`): the line
  /// ends with an operator (`curry(arity?: number):`, `A ? B :`, `|`, `=>`), or the next begins with one
  /// (`? X`, `: Y`, `| Z`, `& W`, `.`, `extends`), as conditional and union types spanning lines do.
  private func typeContinues(across newline: Int, from: Int, to end: Int) -> Bool {
    var last = newline - 1
    while last > from && tokens[last].kind == .newline { last -= 1 }
    guard last >= from, tokens[last].kind != .newline else { return false }
    let continuing: [Unicode.Scalar] = [":", "?", "|", "&", "=", ".", "<", "(", "["]
    if continuing.contains(where: { lex.isPunct(last, $0) }) { return true }
    if lex.isPunct(last, ">") && lex.isPunct(last - 1, "=") { return true }  // `=>`
    if lex.isWord(last, "extends") || lex.isWord(last, "keyof") || lex.isWord(last, "infer") { return true }
    guard let next = nextSignificant(newline, end) else { return false }
    let leading: [Unicode.Scalar] = [":", "?", "|", "&", ".", "="]
    if leading.contains(where: { lex.isPunct(next, $0) }) { return true }
    return lex.isWord(next, "extends")
  }

  private func isMemberName(_ k: Int) -> Bool {
    k < tokens.count && (tokens[k].kind == .name || tokens[k].kind == .literal || lex.isPunct(k, "#") || lex.isPunct(k, "["))
  }

  private func qualified(_ container: String, _ name: Int) -> String {
    container.isEmpty ? label(name) : container + "." + label(name)
  }

  /// A name token's text; string-literal names (`declare module "x"`, `"quoted"() {}`) lose their quotes.
  private func label(_ k: Int) -> String {
    let raw = lex.text(k)
    guard tokens[k].kind == .literal, raw.count >= 2, let quote = raw.first, quote == "'" || quote == "\"" || quote == "`" else {
      return raw
    }
    return Self.unescaped(raw.dropFirst().dropLast())
  }

  /// A string literal's value, as the language reads it: `'\xAD'` is U+00AD, `'\u{1F600}'` one scalar.
  /// A malformed escape is kept as written.
  static func unescaped(_ body: Substring) -> String {
    guard body.contains("\\") else { return String(body) }
    var out = ""
    var scalars = body.unicodeScalars[...]
    func hex(_ count: Int) -> Unicode.Scalar? {
      guard scalars.count >= count, let v = UInt32(String(String.UnicodeScalarView(scalars.prefix(count))), radix: 16) else { return nil }
      scalars = scalars.dropFirst(count)
      return Unicode.Scalar(v)
    }
    while let c = scalars.popFirst() {
      guard c == "\\", let e = scalars.popFirst() else {
        out.unicodeScalars.append(c)
        continue
      }
      switch e {
      case "n": out += "\n"
      case "t": out += "\t"
      case "r": out += "\r"
      case "b": out += "\u{8}"
      case "f": out += "\u{C}"
      case "v": out += "\u{B}"
      case "0": out += "\u{0}"
      case "x":
        if let v = hex(2) { out.unicodeScalars.append(v) } else { out += "\\x" }
      case "u":
        if scalars.first == "{", let close = scalars.firstIndex(of: "}") {
          let digits = String(String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex)..<close]))
          if let v = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(v) {
            out.unicodeScalars.append(scalar)
            scalars = scalars[scalars.index(after: close)...]
          } else {
            out += "\\u"
          }
        } else if let v = hex(4) {
          out.unicodeScalars.append(v)
        } else {
          out += "\\u"
        }
      case "\n": break  // a line continuation
      default: out.unicodeScalars.append(e)
      }
    }
    return out
  }

  private func nextSignificant(_ from: Int, _ end: Int) -> Int? {
    let k = significant(from, end)
    return k < end ? k : nil
  }

  private func significant(_ from: Int, _ end: Int) -> Int {
    var k = from
    while k < end && tokens[k].kind == .newline { k += 1 }
    return k
  }
}
