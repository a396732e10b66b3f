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
    return reader.index
  }
}

private struct ScriptReader {
  let lex: CFamilyTokens
  var tokens: TokenList { lex.tokens }
  var index: FileIndex
  private var nesting = 0

  private static let prefixes: Set<String> = ["export", "default", "declare", "async", "abstract"]

  init(_ lex: CFamilyTokens, language: Language) {
    self.lex = lex
    index = FileIndex(language: language)
  }

  mutating func readStatements(from start: Int, to end: Int, container: String, parent: Int) {
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
        i = lex.isOpen(i) ? lex.matching(i) + 1 : i + 1
        continue
      }
      var k = i
      while k < end, tokens[k].kind == .name, Self.prefixes.contains(lex.text(k)) { k = significant(k + 1, end) }
      guard k < end, tokens[k].kind == .name else {
        i = max(k, i + 1)
        continue
      }
      switch lex.text(k) {
      case "function":
        i = readFunction(first: first, keyword: k, end: end, container: container, parent: parent)
      case "class":
        i = readClass(first: first, keyword: k, end: end, container: container, parent: parent)
      case "interface":
        i = readBraced(first: first, keyword: k, end: end, kind: .interface, container: container, parent: parent, members: true)
      case "enum":
        i = readBraced(first: first, keyword: k, end: end, kind: .enum, container: container, parent: parent, members: false)
      case "namespace", "module":
        let name = significant(k + 1, end)
        if name < end, tokens[name].kind == .name || tokens[name].kind == .literal {
          let open = tokenRange(name, end).first { lex.isPunct($0, "{") } ?? end
          let close = open < end ? lex.matching(open) : statementEnd(name, end)
          let at = lex.record(into: &index, name: name, label: label(name), kind: .module, container: container, start: first, end: close, signature: lex.joined(first, open), parent: parent)
          if open < end { readStatements(from: open + 1, to: close, container: qualified(container, name), parent: at) }
          i = close + 1
        } else {
          i = statementEnd(k, end) + 1
        }
      case "type":
        let name = significant(k + 1, end)
        let stop = statementEnd(k, end)
        if name < end, tokens[name].kind == .name, tokenRange(name, stop).contains(where: { lex.isPunct($0, "=") }) {
          let eq = tokenRange(name, stop).first { lex.isPunct($0, "=") }!
          lex.record(into: &index, name: name, label: label(name), kind: .typealias, container: container, start: first, end: stop, signature: lex.joined(first, eq), parent: parent)
        }
        i = stop + 1
      case "const", "let", "var":
        if lex.text(k) == "const", tokens[significant(k + 1, end)].kind == .name, lex.text(significant(k + 1, end)) == "enum" {
          i = readBraced(first: first, keyword: significant(k + 1, end), end: end, kind: .enum, container: container, parent: parent, members: false)
        } else {
          i = readBindings(first: first, keyword: k, end: end, container: container, parent: parent)
        }
      default:
        i = statementEnd(k, end) + 1
      }
    }
  }

  private mutating func readFunction(first: Int, keyword: Int, end: Int, container: String, parent: Int) -> Int {
    var name = significant(keyword + 1, end)
    if lex.isPunct(name, "*") { name = significant(name + 1, end) }
    let open = bodyOpen(keyword, end)
    let declarationEnd = open < end ? open : statementEnd(keyword, end)
    let close = open < end ? lex.matching(open) : declarationEnd
    if name < end, tokens[name].kind == .name {
      let signatureEnd = lex.isPunct(declarationEnd, ";") ? declarationEnd : (open < end ? open : declarationEnd + 1)
      lex.record(into: &index, name: name, label: label(name), kind: .function, container: container, start: first, end: close, signature: lex.joined(first, signatureEnd), parent: parent)
    }
    return close + 1
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
    let modifiers: Set<String> = [
      "static", "async", "public", "private", "protected", "readonly", "abstract", "override", "declare", "accessor",
    ]
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
      while k < end, tokens[k].kind == .name, modifiers.contains(lex.text(k)) || ((lex.text(k) == "get" || lex.text(k) == "set") && isMemberName(significant(k + 1, end))) {
        if lex.text(k) == "get" || lex.text(k) == "set" { accessor = lex.text(k) }
        k = significant(k + 1, end)
      }
      if lex.isPunct(k, "*") { k = significant(k + 1, end) }
      if lex.isPunct(k, "#") { k = significant(k + 1, end) }
      guard k < end, tokens[k].kind == .name || tokens[k].kind == .literal else {
        i = lex.isPunct(k, "[") ? statementEnd(lex.matching(k), end) + 1 : max(k + 1, first + 1)
        continue
      }
      let name = k
      var next = significant(k + 1, end)
      if lex.isPunct(next, "?") || lex.isPunct(next, "!") { next = significant(next + 1, end) }
      if lex.isPunct(next, "(") || lex.isPunct(next, "<") {
        let open = tokenRange(next, end).first { lex.isPunct($0, "{") || lex.isPunct($0, ";") } ?? end
        let close = lex.isPunct(open, "{") ? lex.matching(open) : open
        let kind: SymbolKind = lex.text(name) == "constructor" ? .initializer : .method
        _ = accessor
        lex.record(into: &index, name: name, label: label(name), kind: kind, container: container, start: first, end: close, signature: lex.joined(first, open), parent: parent)
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
      if members, tokens[k].kind == .name, lex.text(k) == "readonly" { k = significant(k + 1, close) }
      guard k < close, tokens[k].kind == .name || tokens[k].kind == .literal else {
        i = lex.isOpen(k) ? lex.matching(k) + 1 : k + 1
        continue
      }
      var stop = k
      var depth = 0
      while stop < close {
        if lex.isOpen(stop) { depth += 1 }
        if lex.isClose(stop) { depth -= 1 }
        if depth == 0 && (lex.isPunct(stop, ",") || lex.isPunct(stop, ";") || (members && tokens[stop].kind == .newline)) { break }
        stop += 1
      }
      var next = significant(k + 1, close)
      if lex.isPunct(next, "?") { next = significant(next + 1, close) }
      let memberKind: SymbolKind = !members ? .enumCase : (lex.isPunct(next, "(") || lex.isPunct(next, "<") ? .method : .property)
      let signatureEnd = members ? stop : (tokenRange(k, stop).first { lex.isPunct($0, "=") } ?? stop)
      lex.record(into: &index, name: k, label: label(k), kind: memberKind, container: inner, start: m, end: stop - 1, signature: lex.joined(m, signatureEnd), parent: at)
      i = stop + 1
    }
    return close + 1
  }

  /// `const a = 1, b = () => {}`: each simple name; functions when the value is one.
  private mutating func readBindings(first: Int, keyword: Int, end: Int, container: String, parent: Int) -> Int {
    let stop = statementEnd(keyword, end)
    var k = significant(keyword + 1, end)
    while k < stop {
      guard tokens[k].kind == .name else { break }  // destructuring patterns are not definitions here
      let name = k
      var j = significant(k + 1, stop)
      if lex.isPunct(j, ":") {  // a type annotation
        var depth = 0
        while j < stop, !(depth == 0 && (lex.isPunct(j, "=") || lex.isPunct(j, ","))) {
          if lex.isOpen(j) || lex.isPunct(j, "<") { depth += 1 }
          if lex.isClose(j) || lex.isPunct(j, ">") { depth -= 1 }
          j += 1
        }
      }
      var valueEnd = j
      var isFunction = false
      if lex.isPunct(j, "=") {
        let value = significant(j + 1, stop)
        var depth = 0
        valueEnd = value
        while valueEnd < stop, !(depth == 0 && lex.isPunct(valueEnd, ",")) {
          if lex.isOpen(valueEnd) { depth += 1 }
          if lex.isClose(valueEnd) { depth -= 1 }
          if depth == 0 && lex.isPunct(valueEnd, "=") && lex.isPunct(valueEnd + 1, ">") { isFunction = true }
          valueEnd += 1
        }
        if value < stop, tokens[value].kind == .name, lex.text(value) == "function" || (lex.text(value) == "async" && value + 1 < stop) {
          isFunction = true
        }
      }
      lex.record(
        into: &index, name: name, label: label(name), kind: isFunction ? .function : (lex.text(keyword) == "const" ? .constant : .variable), container: container,
        start: first, end: max(name, valueEnd - 1),
        signature: lex.joined(first, keyword + 1) + " " + lex.joined(name, lex.isPunct(j, "=") ? j : valueEnd), parent: parent)
      guard lex.isPunct(valueEnd, ",") else { break }
      k = significant(valueEnd + 1, stop)
    }
    return stop + 1
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
      if lex.isOpen(k) { depth += 1 }
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

  private func isMemberName(_ k: Int) -> Bool {
    k < tokens.count && (tokens[k].kind == .name || tokens[k].kind == .literal || lex.isPunct(k, "#") || lex.isPunct(k, "["))
  }

  private func qualified(_ container: String, _ name: Int) -> String {
    container.isEmpty ? label(name) : container + "." + label(name)
  }

  /// A name token's text; string-literal names (`declare module "x"`, `"quoted"() {}`) lose their quotes.
  private func label(_ k: Int) -> String {
    let raw = lex.text(k)
    return tokens[k].kind == .literal && raw.count >= 2 ? String(raw.dropFirst().dropLast()) : raw
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
