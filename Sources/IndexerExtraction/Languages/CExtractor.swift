import IndexerModel

/// C, C++ and Objective-C header definitions from the shared C-family tokenizer: functions (definitions
/// and prototypes), structs, unions, enums and their enumerators, typedefs, `#define` macros, global
/// variables, members; C++ classes, namespaces, methods in the class and `A::b` outside it, templates;
/// Objective-C `@interface`/`@protocol` with their methods and properties.
///
/// C++ shapes are recognized in C files too (`class Name {` cannot be C, where `class` is a plain name),
/// so `.h` headers of either language need no guess. Symbols sit at their name, as ctags puts them:
/// `static int\nfoo(void)` is `foo` on the second line. Function bodies are skipped by matching braces,
/// so locals never appear.
public struct CExtractor: Extractor {
  public let language: Language

  public init(language: Language = .c) {
    self.language = language
  }

  public func extract(_ source: UnsafeBufferPointer<UInt8>) -> FileIndex {
    let raw = CFamilyTokenizer().tokenize(source)
    let pre = CPreprocessor(source: source, raw: raw).run()
    let lex = CFamilyTokens(source: source, tokens: pre.tokens)
    // `.h` is C's and C++'s: a header that spells C++ is recorded as C++ (`--lang cpp` finds it).
    let language = self.language == .c && Self.spellsCpp(lex) ? Language.cpp : self.language
    var reader = CDeclarationReader(lex, macros: pre.macros, language: language)
    reader.readScope(from: 0, to: pre.tokens.count, scope: .init(container: "", parent: -1, kind: .file))
    reader.flushMacros(before: Int.max)
    let includes = Self.includes(CFamilyTokens(source: source, tokens: raw, bracketTable: false))
    // From the raw tokens: names in macro bodies and in every conditional branch are references too; the
    // words of an `#include <linux/jiffies.h>` path are not (that is no use of `jiffies`).
    reader.index.references = ReferenceCollector.collect(
      Self.dropping(includes.map(\.tokens), from: raw), in: source, keywords: language == .cpp ? Keywords.cpp : Keywords.c)
    let last = raw.last
    var scopeBuilder = CScopeBuilder(lex, outline: reader.index, isCpp: language == .cpp)
    reader.index.scopes = scopeBuilder.build(
      includes: includes.map { ($0.path, $0.position) },
      end: SourcePosition(line: last?.endLine ?? 1, column: last?.endColumn ?? 1))
    return reader.index
  }

  /// `tokens` without the ranges (ascending, not overlapping) of `ranges`.
  private static func dropping(_ ranges: [Range<Int>], from tokens: [CFamilyToken]) -> [CFamilyToken] {
    guard !ranges.isEmpty else { return tokens }
    var kept: [CFamilyToken] = []
    kept.reserveCapacity(tokens.count)
    var from = 0
    for range in ranges where range.lowerBound >= from && range.upperBound <= tokens.count {
      kept += tokens[from..<range.lowerBound]
      from = range.upperBound
    }
    kept += tokens[from...]
    return kept
  }

  /// Each `#include "x"` / `#include <x>` with its path as written (the quotes or angle brackets kept), and
  /// the tokens that spell it.
  static func includes(_ raw: CFamilyTokens) -> [(path: String, position: SourcePosition, tokens: Range<Int>)] {
    var found: [(path: String, position: SourcePosition, tokens: Range<Int>)] = []
    var atLineStart = true
    for k in 0..<raw.count {
      let t = raw.tokens[k]
      defer { atLineStart = t.kind == .newline }
      guard atLineStart, raw.isPunct(k, "#"), raw.isWord(k + 1, "include") || raw.isWord(k + 1, "include_next") || raw.isWord(k + 1, "import")
      else { continue }
      let path = k + 2
      if raw.tokens[path].kind == .literal {
        found.append((raw.text(path), raw.position(path), path..<path + 1))
      } else if raw.isPunct(path, "<") {
        var close = path + 1
        while close < raw.count, raw.tokens[close].kind != .newline, !raw.isPunct(close, ">") { close += 1 }
        guard raw.isPunct(close, ">") else { continue }
        found.append((raw.source.string(raw.tokens[path].start, raw.tokens[close].end), raw.position(path), path..<close + 1))
      }
    }
    return found
  }

  /// Whether code outside comments, strings and `#if 0` spells C++: `namespace x {`, `template <`,
  /// `class X {` or `class X :`, or `A::b` twice (once could be a stray `#ifdef __cplusplus` block).
  /// `extern "C"` does not count: C headers wrap themselves in it for C++ readers.
  static func spellsCpp(_ lex: CFamilyTokens) -> Bool {
    var scopes = 0
    for k in lex.tokens.indices {
      let t = lex.tokens[k]
      if t.kind == .punct {
        if lex.isPunct(k, ":"), lex.isPunct(k + 1, ":"), lex.tokens[k + 1].start == t.end, lex.tokens[k + 2].kind == .name {
          scopes += 1
          if scopes >= 2 { return true }
        }
        continue
      }
      // Only three words matter here; their lengths rule out most names before any byte is compared.
      let length = t.end - t.start
      guard t.kind == .name, length == 5 || length == 8 || length == 9 else { continue }
      if lex.isWord(k, "namespace"), lex.tokens[k + 1].kind == .name, lex.isPunct(k + 2, "{") { return true }
      if lex.isWord(k, "template"), lex.isPunct(k + 1, "<") { return true }
      if lex.isWord(k, "class"), lex.tokens[k + 1].kind == .name, lex.isPunct(k + 2, "{") || (lex.isPunct(k + 2, ":") && !lex.isPunct(k + 3, ":")) {
        return true
      }
    }
    return false
  }
}

private struct CDeclarationReader {
  let lex: CFamilyTokens
  var tokens: TokenList { lex.tokens }
  var index: FileIndex
  private var nesting = 0
  private let isCpp: Bool
  private let macros: [(symbol: Symbol, offset: Int)]
  private var nextMacro = 0

  struct Scope {
    /// `body`: a function body, where only named types (local structs, classes, unions, enums, typedefs,
    /// `using` aliases) are definitions; its variables and statements are not.
    enum Kind { case file, record, objc, body }
    var container: String
    var parent: Int
    var kind: Kind
    var className = ""
    var separator: String { "::" }
    func inner(_ name: String) -> String { container.isEmpty ? name : container + separator + name }
  }

  /// Words that start no declarator name: a `(` after them is not a function's parameter list.
  private static let notFunctionNames = Keywords.set([
    "if", "while", "for", "switch", "return", "sizeof", "alignof", "_Alignof", "__alignof__", "typeof", "__typeof__",
    "__typeof", "decltype", "__attribute__", "__attribute", "__declspec", "alignas", "_Alignas", "noexcept", "throw",
    "static_assert", "_Static_assert", "__asm__", "asm", "__asm", "defined", "case", "do", "else", "goto",
  ])
  /// Words that may stand before a name without being its type.
  private static let specifiers = Keywords.set([
    "static", "extern", "inline", "__inline", "__inline__", "const", "volatile", "register", "virtual", "explicit",
    "constexpr", "consteval", "constinit", "mutable", "thread_local", "_Thread_local", "__thread", "friend", "typename",
  ])
  /// Words that cannot follow a function's parameter list but start a declaration: after a macro call at file
  /// scope with no semicolon (`module_init(f)` then `static void __exit g(void)`), the call is not the head's.
  private static let declarationStartWords = Keywords.set([
    "static", "extern", "typedef", "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned",
    "_Bool", "struct", "union", "enum",
  ])
  private static let attributeWords = Keywords.set([
    "__attribute__", "__attribute", "__declspec", "alignas", "_Alignas", "__asm__", "asm", "__asm",
  ])
  /// `struct`, `union`, `enum`, `class`, in `typeKeywordKinds`' order.
  private static let typeKeywords = Keywords.set(["struct", "union", "enum", "class"])
  private static let typeKeywordKinds: [SymbolKind] = [.struct, .union, .enum, .class]
  /// The words `readStatement` switches on: any other first word needs no `String`.
  private static let statementWords = Keywords.set([
    "namespace", "extern", "typedef", "using", "public", "private", "protected", "signals", "slots", "friend", "static_assert",
    "_Static_assert", "return", "if", "for", "while", "do", "switch", "goto",
  ])

  private static let pointerQualifiers = Keywords.set(["const", "volatile", "restrict", "__restrict"])

  /// The kind `struct`/`union`/`enum`/`class` at token `k` introduces, or nil. `class` is a keyword of C++
  /// only: C names things `class` (Linux's `struct class`, the device model's).
  private func typeKeywordKind(_ k: Int) -> SymbolKind? {
    guard let kind = lex.wordIndex(k, in: Self.typeKeywords).map({ Self.typeKeywordKinds[$0] }) else { return nil }
    return kind == .class && !isCpp ? nil : kind
  }

  init(_ lex: CFamilyTokens, macros: [(symbol: Symbol, offset: Int)], language: Language) {
    self.isCpp = language == .cpp
    self.lex = lex
    self.macros = macros
    self.index = FileIndex(language: language)
  }

  /// File-level macros join the outline in source order, before the declaration that follows them.
  mutating func flushMacros(before offset: Int) {
    while nextMacro < macros.count && macros[nextMacro].offset < offset {
      index.append(macros[nextMacro].symbol, parent: -1)
      nextMacro += 1
    }
  }

  // MARK: Scopes

  mutating func readScope(from start: Int, to end: Int, scope: Scope) {
    // Declarations nest through recursion: past the limit a body is skipped whole, so no input can
    // exhaust the stack (10,000 nested classes crashed every reader before this).
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= CFamilyTokens.maxNesting else { return }
    var i = start
    // C++ access labels: members after `public:` are public, and so on (before any label, nothing is spelled).
    var access: AccessLevel?
    while i < end {
      if scope.parent == -1 && scope.kind == .file { flushMacros(before: tokens[i].start) }
      if scope.kind == .record, lex.isPunct(i + 1, ":"), !lex.isPunct(i + 2, ":"), let label = Self.accessLabel(lex, i) {
        access = label
        i += 2
        continue
      }
      if scope.kind == .record, lex.isPunct(i + 1, ":"), !lex.isPunct(i + 2, ":"), lex.isMacroSpelling(tokens[i]) {
        // A macro as an access label (`JSON_PRIVATE_UNLESS_TESTED:`, `Q_SIGNALS:`): which level it means is unknown.
        access = nil
        i += 2
        continue
      }
      let before = index.symbols.count
      i = readStatement(i, end, scope)
      if let access {
        for s in before..<index.symbols.count where index.parents[s] == scope.parent && index.symbols[s].access == nil {
          index.symbols[s].access = access
        }
      }
    }
  }

  private static func accessLabel(_ lex: CFamilyTokens, _ k: Int) -> AccessLevel? {
    if lex.isWord(k, "public") { return .public }
    if lex.isWord(k, "private") { return .private }
    if lex.isWord(k, "protected") { return .protected }
    return nil
  }

  /// The local types of a function body, in one pass over its tokens: blocks are entered, parentheses
  /// skipped, and only a statement that `definesLocalType` is read (function bodies are most of C's bytes,
  /// so this stays a byte-comparing scan).
  private mutating func readBody(from start: Int, to end: Int, scope: Scope) {
    var i = start
    var atStatementStart = true
    while i < end {
      if tokens[i].kind == .punct {
        let b = lex.source[tokens[i].start]
        if b == UInt8(ascii: "(") {
          i = lex.matching(i) + 1
          atStatementStart = false
          continue
        }
        atStatementStart = b == UInt8(ascii: "{") || b == UInt8(ascii: "}") || b == UInt8(ascii: ";")
        i += 1
        continue
      }
      if atStatementStart && tokens[i].kind == .name && definesLocalType(i, end) {
        i = max(readStatement(i, end, scope), i + 1)
        atStatementStart = true
        continue
      }
      atStatementStart = false
      i += 1
    }
  }

  /// Whether the statement at `k` in a function body defines a named type: `typedef ...`, `using X = ...`,
  /// or `struct`/`class`/`union`/`enum [class] X [: ...] {`.
  private func definesLocalType(_ k: Int, _ end: Int) -> Bool {
    if lex.isWord(k, "typedef") { return true }
    if lex.isWord(k, "using") { return tokens[k + 1].kind == .name && lex.isPunct(k + 2, "=") }
    guard lex.isWord(k, "struct") || lex.isWord(k, "class") || lex.isWord(k, "union") || lex.isWord(k, "enum") else { return false }
    var m = k + 1
    if lex.isWord(k, "enum"), lex.isWord(m, "class") || lex.isWord(m, "struct") { m += 1 }
    guard tokens[m].kind == .name else { return false }
    m += 1
    while m < end, !lex.isPunct(m, "{"), !lex.isPunct(m, ";"), !lex.isPunct(m, "("), !lex.isPunct(m, "=") { m += 1 }
    return lex.isPunct(m, "{")
  }

  /// Reads one declaration or statement starting at `at`; returns the token after it.
  private mutating func readStatement(_ at: Int, _ end: Int, _ scope: Scope) -> Int {
    var i = at
    if lex.isPunct(i, ";") || lex.isPunct(i, "}") || lex.isPunct(i, ")") || lex.isPunct(i, "]") { return i + 1 }
    if lex.isPunct(i, "@") { return readObjC(i, end, scope) }
    if scope.kind == .objc, lex.isPunct(i, "-") || lex.isPunct(i, "+") { return readObjCMethod(i, end, scope) }
    // Prefixes that do not change what is declared.
    while i < end {
      if lex.isWord(i, "template"), lex.isPunct(i + 1, "<") {
        i = lex.angleEnd(i + 1, end) + 1
      } else if lex.isPunct(i, "["), lex.isPunct(i + 1, "[") {
        i = lex.matching(i) + 1
      } else if lex.isOneOf(i, Self.attributeWords), lex.isPunct(i + 1, "(") {
        i = lex.matching(i + 1) + 1
      } else if lex.isWord(i, "__extension__") || lex.isWord(i, "export") {
        i += 1
      } else {
        break
      }
    }
    guard i < end else { return end }
    if scope.kind == .body {
      if lex.isPunct(i, "{") {  // a nested block: its local types belong to the function too
        let close = min(lex.matching(i), end)
        readScope(from: i + 1, to: close, scope: scope)
        return close + 1
      }
      guard definesLocalType(i, end) else { return skipStatement(i, end) }
    }
    if tokens[i].kind != .name && !(lex.isPunct(i, "~") && scope.kind == .record) { return skipStatement(i, end) }
    let word = lex.isOneOf(i, Self.statementWords) ? lex.text(i) : ""
    switch word {
    case "namespace": return readNamespace(i, end, scope)
    case "extern" where tokens.indices.contains(i + 1) && tokens[i + 1].kind == .literal:
      if lex.isPunct(i + 2, "{") {
        let close = lex.matching(i + 2)
        readScope(from: i + 3, to: min(close, end), scope: scope)
        return close + 1
      }
      return readStatement(i + 2, end, scope)
    case "typedef": return readTypedef(i, end, scope)
    case "using": return readUsing(i, end, scope)
    case "public", "private", "protected", "signals", "slots":
      if lex.isPunct(i + 1, ":") { return i + 2 }
      if lex.isPunct(i + 2, ":") { return i + 3 }  // Qt's `public slots:`
    case "friend":
      // A friend defined in its class (`friend bool operator==(const A& a, const A& b) { … }`) is a function
      // users look up; a friend declaration only names one.
      let head = statementHead(i + 1, end)
      if lex.isPunct(head.stop, "{"), compoundKeyword(i + 1, head.stop) == nil { return readDeclaration(i + 1, head, end, scope) }
      return skipStatement(i, end)
    case "static_assert", "_Static_assert", "return", "if", "for", "while", "do", "switch", "goto":
      return skipStatement(i, end)
    default: break
    }
    let head = statementHead(i, end)
    if lex.isPunct(head.stop, "{") {
      if let (keyword, kind) = compoundKeyword(i, head.stop) {
        return readCompound(first: i, keyword: keyword, kind: kind, open: head.stop, end, scope)
      }
      // `typedef` only starts a declaration: words before it are not C (prose in an `#ifdef` branch, as in
      // arch/parisc/math-emu/float.h) and must not swallow the typedef and its body. One inside parentheses
      // is a macro's argument (`BTF_ID(typedef, S)`), not a declaration.
      if let typedef = typedefOutsideBrackets(i + 1, head.stop) { return typedef }
    }
    return readDeclaration(i, head, end, scope)
  }

  // MARK: Statement shapes

  struct Head {
    /// The `;`, `{` or `}` that ends the head, or `end`.
    var stop: Int
    /// The first `=` at depth 0 before `stop`, if any.
    var equals: Int?
  }

  /// The first `typedef` between `from` and `stop` that is not inside parentheses or brackets.
  private func typedefOutsideBrackets(_ from: Int, _ stop: Int) -> Int? {
    var k = from
    while k < stop {
      if lex.isPunct(k, "(") || lex.isPunct(k, "[") {
        k = lex.matching(k) + 1
        continue
      }
      if lex.isWord(k, "typedef") { return k }
      k += 1
    }
    return nil
  }

  /// Scans to the first `;` or `{` outside parentheses and brackets (an initializer's braces belong to it).
  private func statementHead(_ from: Int, _ end: Int) -> Head {
    var k = from
    var equals: Int?
    while k < end {
      if lex.isPunct(k, "(") || lex.isPunct(k, "[") {
        k = lex.matching(k) + 1
        continue
      }
      if lex.isPunct(k, ";") || lex.isPunct(k, "}") { break }
      if lex.isPunct(k, "{") {
        if equals == nil { break }
        k = lex.matching(k) + 1
        continue
      }
      if equals == nil, lex.isPunct(k, "="), !isOperatorName(k), !isComparison(k) { equals = k }
      k += 1
    }
    return Head(stop: min(k, end), equals: equals)
  }

  /// Whether the `=` at `k` is part of `==`, `!=`, `<=` or `>=` (spelled without a space), as in a template
  /// argument of a return type: `conditional<(size%8)==0, half, Packet>::type f(const Packet& a) {`.
  private func isComparison(_ k: Int) -> Bool {
    if lex.isPunct(k + 1, "="), tokens[k + 1].start == tokens[k].end { return true }
    guard k > 0, tokens[k - 1].end == tokens[k].start else { return false }
    return lex.isPunct(k - 1, "=") || lex.isPunct(k - 1, "!") || lex.isPunct(k - 1, "<") || lex.isPunct(k - 1, ">")
  }

  /// Whether the `=` at `k` belongs to an operator's name (`operator=`, `operator==`, `operator<<=`).
  private func isOperatorName(_ k: Int) -> Bool {
    (1...3).contains { k - $0 >= 0 && lex.isWord(k - $0, "operator") }
  }

  /// The token after a statement that is not a declaration: to its `;`, or past its braced body.
  private func skipStatement(_ from: Int, _ end: Int) -> Int {
    let head = statementHead(from, end)
    if lex.isPunct(head.stop, "{") { return lex.matching(head.stop) + 1 }
    return head.stop + 1
  }

  /// `struct`/`union`/`enum`/`class` starting a type definition: only specifiers and attributes before it,
  /// and no parameter list between it and the brace (so `struct s *f(void) {` stays a function).
  /// Words before the keyword that are neither specifiers nor attributes are macros that expand to one
  /// (Linux's `static __initdata struct { … } x;`, `DLL_EXPORT struct s {`): without this the head reads as a
  /// declaration whose last word before the brace, `struct`, is the name.
  private func compoundKeyword(_ first: Int, _ stop: Int) -> (Int, SymbolKind)? {
    var k = first
    while k < stop, typeKeywordKind(k) == nil {
      if lex.isOneOf(k, Self.attributeWords), lex.isPunct(k + 1, "(") {
        k = lex.matching(k + 1) + 1
      } else if lex.isPunct(k, "["), lex.isPunct(k + 1, "[") {
        k = lex.matching(k) + 1
      } else if tokens[k].kind == .name {
        k += 1
      } else {
        return nil
      }
    }
    guard k < stop, let kind = typeKeywordKind(k) else { return nil }
    if kind == .class && k > first && lex.isWord(k - 1, "enum") { return nil }
    var m = k + 1
    while m < stop {
      // Template arguments may hold calls: `struct is_transparent : bool_constant<impl::is_transparent<T>()>`,
      // `struct is_complete_type<T, decltype(void(sizeof(T)))>`.
      if isCpp, lex.isPunct(m, "<"), tokens[m - 1].kind == .name {
        let close = lex.angleEnd(m, stop)
        if lex.isPunct(close, ">") {
          m = close + 1
          continue
        }
      }
      if lex.isPunct(m, "(") {
        guard m > 0, lex.isOneOf(m - 1, Self.attributeWords) else { return nil }
        m = lex.matching(m) + 1
        continue
      }
      if lex.isPunct(m, "=") { return nil }
      m += 1
    }
    return (k, kind)
  }

  // MARK: Namespaces, typedefs, using

  private mutating func readNamespace(_ at: Int, _ end: Int, _ scope: Scope) -> Int {
    var k = at + 1
    var nameTokens: [Int] = []
    while k < end, tokens[k].kind == .name || lex.isPunct(k, ":") {
      if tokens[k].kind == .name, !lex.isWord(k, "inline") { nameTokens.append(k) }
      k += 1
    }
    guard lex.isPunct(k, "{") else { return skipStatement(at, end) }  // `namespace fs = std::filesystem;`
    let close = lex.matching(k)
    var inner = scope
    if let last = nameTokens.last {
      let qualified = nameTokens.map { lex.text($0) }.joined(separator: "::")
      let prefix = nameTokens.dropLast().map { lex.text($0) }.joined(separator: "::")
      let container = [scope.container, prefix].filter { !$0.isEmpty }.joined(separator: "::")
      let at = lex.record(
        into: &index, name: last, kind: .namespace, container: container, start: last, end: close, signature: lex.joined(at, k),
        parent: scope.parent)
      inner = Scope(container: scope.inner(qualified), parent: at, kind: .file)
    }
    readScope(from: k + 1, to: min(close, end), scope: inner)
    return close + 1
  }

  private mutating func readTypedef(_ at: Int, _ end: Int, _ scope: Scope) -> Int {
    let head = statementHead(at + 1, end)
    let declaratorsFrom = at + 1
    let stop = head.stop
    if let (keyword, kind) = compoundKeyword(at + 1, head.stop), lex.isPunct(head.stop, "{") {
      let close = lex.matching(head.stop)
      let after = statementHead(close + 1, end).stop
      // `typedef struct { ... } name_t;`: the members belong to the typedef's name.
      var names = declarators(close + 1, after)
      if compoundName(keyword, head.stop) == nil, let typedefName = names.first {
        let at = lex.record(
          into: &index, name: typedefName, kind: .typedef, container: scope.container, start: typedefName, end: after,
          signature: lex.joined(at, head.stop) + " { ... } " + lex.joined(close + 1, after), parent: scope.parent)
        readMembers(kind: kind, open: head.stop, close: close, scope: scope, container: scope.inner(lex.text(typedefName)), parent: at, className: lex.text(typedefName), isEnumClass: false)
        names.removeFirst()
      } else {
        readCompoundBody(first: at, keyword: keyword, kind: kind, open: head.stop, close: close, scope)
      }
      for name in names {
        lex.record(
          into: &index, name: name, kind: .typedef, container: scope.container, start: name, end: after,
          signature: lex.joined(at, head.stop) + " { ... } " + lex.joined(close + 1, after), parent: scope.parent)
      }
      return after + 1
    }
    for name in declarators(declaratorsFrom, stop) {
      lex.record(
        into: &index, name: name, kind: .typedef, container: scope.container, start: name, end: stop,
        signature: lex.joined(at, stop), parent: scope.parent)
    }
    return stop + 1
  }

  /// `using Name = Type;` is an alias; `using namespace x;` and `using Base::f;` declare nothing new.
  private mutating func readUsing(_ at: Int, _ end: Int, _ scope: Scope) -> Int {
    let head = statementHead(at, end)
    if tokens.indices.contains(at + 1), tokens[at + 1].kind == .name, lex.isPunct(at + 2, "=") {
      lex.record(
        into: &index, name: at + 1, kind: .typedef, container: scope.container, start: at + 1, end: head.stop,
        signature: lex.joined(at, head.stop), parent: scope.parent)
    }
    return lex.isPunct(head.stop, "{") ? lex.matching(head.stop) + 1 : head.stop + 1
  }

  // MARK: Structs, unions, enums, classes

  private mutating func readCompound(
    first: Int, keyword: Int, kind: SymbolKind, open: Int, _ end: Int, _ scope: Scope
  ) -> Int {
    let close = lex.matching(open)
    readCompoundBody(first: first, keyword: keyword, kind: kind, open: open, close: close, scope)
    let tail = statementHead(close + 1, end)
    // `static __always_inline struct sgt_iter { … } __sgt_iter(…) { … }`: a function whose return type is
    // defined in its own head.
    if lex.isPunct(tail.stop, "{"), let function = functionName(close + 1, tail.equals ?? tail.stop) {
      return readFunction(function.start ?? close + 1, function, tail, end, scope)
    }
    // `struct s { ... } a, *b;` also declares variables (or members, inside a struct).
    let stop = tail.stop
    // `extern enum system_states { … } system_state;` declares a variable defined elsewhere.
    let isExtern = tokenRange(first, keyword).contains { lex.isWord($0, "extern") }
    recordVariables(declarators(close + 1, stop), first: first, stop: stop, scope: scope, isExtern: isExtern)
    return lex.isPunct(stop, "{") ? lex.matching(stop) + 1 : stop + 1
  }

  /// Records the type (when it has a name) and reads its members.
  private mutating func readCompoundBody(first: Int, keyword: Int, kind: SymbolKind, open: Int, close: Int, _ scope: Scope) {
    let nameToken = compoundName(keyword, open)
    let isEnumClass = isCpp && kind == .enum && keyword + 1 < open && (lex.isWord(keyword + 1, "class") || lex.isWord(keyword + 1, "struct"))
    guard let name = nameToken else {
      // Anonymous: an enum's enumerators are plain constants of the enclosing scope; an anonymous struct or
      // union's members are members of the enclosing one, as C reads them.
      readMembers(kind: kind, open: open, close: close, scope: scope, container: scope.container, parent: scope.parent, className: scope.className, isEnumClass: false)
      return
    }
    let parent = lex.record(
      into: &index, name: name, kind: kind, container: scope.container, start: name, end: close, signature: lex.joined(first, open),
      parent: scope.parent)
    readMembers(kind: kind, open: open, close: close, scope: scope, container: scope.inner(lex.text(name)), parent: parent, className: lex.text(name), isEnumClass: isEnumClass)
  }

  private mutating func readMembers(
    kind: SymbolKind, open: Int, close: Int, scope: Scope, container: String, parent: Int, className: String, isEnumClass: Bool
  ) {
    if kind == .enum {
      readEnumerators(open + 1, close, container: container, parent: parent)
    } else {
      readScope(from: open + 1, to: close, scope: Scope(container: container, parent: parent, kind: .record, className: className))
    }
  }

  /// The tag of `struct __attribute__((x)) tag final : base {`, or nil for an anonymous one.
  private func compoundName(_ keyword: Int, _ open: Int) -> Int? {
    var k = keyword + 1
    var nameToken: Int?
    while k < open {
      if lex.isOneOf(k, Self.attributeWords), lex.isPunct(k + 1, "(") {
        k = lex.matching(k + 1) + 1
        continue
      }
      if lex.isPunct(k, "["), lex.isPunct(k + 1, "[") {
        k = lex.matching(k) + 1
        continue
      }
      if lex.isPunct(k, ":") && !lex.isPunct(k + 1, ":") && !(k > 0 && lex.isPunct(k - 1, ":")) { break }  // base list or enum type
      if tokens[k].kind == .name, !lex.isWord(k, "final"), !(isCpp && lex.isWord(k, "class")), !lex.isWord(k, "struct") { nameToken = k }
      if lex.isPunct(k, "<") { k = lex.angleEnd(k, open) }  // explicit specialization `struct hash<T>`
      k += 1
    }
    return nameToken
  }

  private mutating func readEnumerators(_ from: Int, _ to: Int, container: String, parent: Int) {
    var k = from
    while k < to {
      guard tokens[k].kind == .name else {
        k += 1
        continue
      }
      var e = k + 1
      while e < to && !lex.isPunct(e, ",") {
        if lex.isOpen(e) { e = lex.matching(e) }
        e += 1
      }
      let signatureEnd = tokenRange(k, e).first { lex.isPunct($0, "=") } ?? e
      lex.record(
        into: &index, name: k, kind: .enumCase, container: container, start: k, end: e - 1, signature: lex.joined(k, signatureEnd),
        parent: parent)
      k = e + 1
    }
  }

  // MARK: Functions and variables

  private mutating func readDeclaration(_ first: Int, _ head: Head, _ end: Int, _ scope: Scope) -> Int {
    let stop = head.stop
    if isForwardDeclaration(first, stop) { return stop + 1 }
    let isExtern = tokenRange(first, stop).contains { lex.isWord($0, "extern") }
    if let function = functionName(first, head.equals ?? stop) {
      return readFunction(function.start ?? first, function, head, end, scope)
    }
    if !isExtern || scope.kind == .file {
      let names = declarators(first, stop)
      // A declaration needs a type before its first name: `FOO;` or `x = 1;` declare nothing.
      if let firstName = names.first, hasType(before: firstName, from: first) {
        recordVariables(names, first: first, stop: stop, scope: scope, isExtern: isExtern)
      }
    }
    return lex.isPunct(stop, "{") ? lex.matching(stop) + 1 : stop + 1
  }

  private struct FunctionName {
    var token: Int
    var label: String
    var qualifier: [String]
    var paramsOpen: Int
    /// Where the declaration starts: the head's first token, or the token after a macro call that ends
    /// without a semicolon before it (`declarationAfterMacroCall`).
    var start: Int? = nil
  }

  /// The name of the function a head declares, if it is one: the name before the first parameter list
  /// at depth 0 (attribute and `decltype` groups are not it), `operator==` and `~T` included, with any
  /// `A::B::` qualifier; `int (*name(args))(void)` returns a function pointer; `int (*name)(void)` is a variable.
  private func functionName(_ first: Int, _ stop: Int) -> FunctionName? {
    let headStart = first
    var first = first
    var k = first
    var angle: (open: Int, close: Int)?  // the last template argument list skipped
    while k < stop {
      if lex.isPunct(k, "<"), k > first, tokens[k - 1].kind == .name, !lex.isWord(k - 1, "operator") {
        angle = (k, lex.angleEnd(k, stop))
        k = angle!.close + 1
        continue
      }
      if lex.isPunct(k, "[") {
        k = lex.matching(k) + 1
        continue
      }
      guard lex.isPunct(k, "(") else {
        k += 1
        continue
      }
      var before = k - 1
      if let angle, angle.close == before, angle.open - 1 >= first {
        // An explicit specialization: `template<> int predux_min<Packet4i>(const Packet4i& a)`.
        before = angle.open - 1
      }
      if before >= first, lex.isAttributeMacroCall(before) {
        // `FORMAT_PRESERVING(1) const char *_(…)`: an attribute macro, not the function.
        k = lex.matching(k) + 1
        continue
      }
      if before >= first, lex.isOneOf(before, Self.notFunctionNames) {
        if lex.isOneOf(before, Self.attributeWords) || lex.isWord(before, "decltype") || lex.isWord(before, "__typeof__")
          || lex.isWord(before, "typeof") || lex.isWord(before, "alignas")
        {
          k = lex.matching(k) + 1
          continue
        }
        return nil
      }
      if lex.isPunct(k + 1, "*") || lex.isPunct(k + 1, "^") || lex.isPunct(k + 1, "&") {
        // A declarator group: a function only if a name inside is followed by its own parameters.
        let close = lex.matching(k)
        var m = k + 1
        while m < close {
          if tokens[m].kind == .name, lex.isPunct(m + 1, "("), !lex.isOneOf(m, Self.notFunctionNames) {
            return FunctionName(token: m, label: lex.text(m), qualifier: qualifier(before: m, first: k + 1), paramsOpen: m + 1, start: first == headStart ? nil : first)
          }
          m += 1
        }
        return nil
      }
      guard before >= first else { return nil }
      if before == first, tokens[before].kind == .name, let rest = declarationAfterMacroCall(k, stop) {
        // `module_init(f) static void __exit g(void) {`: the head starts again after the call.
        first = rest
        k = rest
        angle = nil
        continue
      }
      if let op = operatorName(before: k, first: first) {
        return FunctionName(
          token: op.token, label: op.label, qualifier: qualifier(before: op.token, first: first), paramsOpen: op.paramsOpen,
          start: first == headStart ? nil : first)
      }
      guard tokens[before].kind == .name else { return nil }
      var label = lex.text(before)
      var nameStart = before
      if before - 1 >= first, lex.isPunct(before - 1, "~") {
        label = "~" + label
        nameStart = before - 1
      }
      return FunctionName(
        token: before, label: label, qualifier: qualifier(before: nameStart, first: first), paramsOpen: k, start: first == headStart ? nil : first)
    }
    return nil
  }

  /// Where a declaration starts again after the call `NAME(…)` opening at `open`, when a word no parameter
  /// list is followed by (`static`, `void`, `struct` …) comes after it and a later name has its own `(`: the
  /// call was a macro invocation without a semicolon. Nil when the head is an ordinary function.
  private func declarationAfterMacroCall(_ open: Int, _ stop: Int) -> Int? {
    var close = lex.matching(open)
    // More calls, each on a line of its own: `module_init(f)` then `module_exit(g)` then the declaration.
    var calls = 1
    while calls < Self.chainedMacroCalls, close + 2 < stop, tokens[close + 1].kind == .name, lex.isPunct(close + 2, "("),
      tokens[close + 1].line > tokens[close].endLine
    {
      let next = lex.matching(close + 2)
      guard next > close + 2, next < stop else { return nil }
      close = next
      calls += 1
    }
    guard close + 1 < stop, lex.isOneOf(close + 1, Self.declarationStartWords) else { return nil }
    for m in tokenRange(close + 2, stop) where tokens[m].kind == .name && lex.isPunct(m + 1, "(") { return close + 1 }
    return nil
  }

  /// Macro calls without a semicolon a declaration's head may follow (real code has two or three).
  private static let chainedMacroCalls = 8

  /// `operator==`, `operator()`, `operator new[]`, `operator bool` before the parameter list at `open`,
  /// named as ctags names them: `operator ==`, `operator ()`, `operator new[]`, `operator bool` (a space after
  /// `operator`, and between two words). For `operator()` the caller's `open` is the first `(`: `paramsOpen`
  /// says where the parameters really start.
  private func operatorName(before open: Int, first: Int) -> (token: Int, label: String, paramsOpen: Int)? {
    if lex.isPunct(open, "("), lex.isPunct(open + 1, ")"), lex.isPunct(open + 2, "("), lex.isWord(open - 1, "operator") {
      return (open - 1, "operator ()", open + 2)
    }
    var k = open - 1
    var steps = 0
    while k >= first && steps < 4 {
      if lex.isWord(k, "operator") {
        var label = "operator "
        var previousWasName = false
        for m in tokenRange(k + 1, open) {
          let isName = tokens[m].kind == .name
          if isName && previousWasName { label += " " }
          label += lex.text(m)
          previousWasName = isName
        }
        return (k, label, open)
      }
      // Template arguments of a conversion's type are skipped whole (`operator output_adapter_t<CharType>()`);
      // a `>` just after `operator` is the operator itself (`operator>`, `operator->`, `operator>>`).
      let isOperatorSymbol = (k - 1 >= first && lex.isWord(k - 1, "operator")) || (k - 2 >= first && lex.isWord(k - 2, "operator"))
      k = lex.isPunct(k, ">") && !isOperatorSymbol ? angleStart(k, first) - 1 : k - 1
      steps += 1
    }
    return nil
  }

  /// The `<` opening the `>` at `close`, looking back no further than `first` (`first` when none does).
  private func angleStart(_ close: Int, _ first: Int) -> Int {
    lex.angleOpen(close, notBefore: first) ?? first
  }

  /// `A::B::` before a name, as ["A", "B"] (template arguments dropped).
  private func qualifier(before name: Int, first: Int) -> [String] {
    var parts: [String] = []
    var k = name - 1
    while k - 1 >= first, lex.isPunct(k, ":"), lex.isPunct(k - 1, ":") {
      k -= 2
      if k >= first, lex.isPunct(k, ">") { k = angleStart(k, first) - 1 }
      guard k >= first, tokens[k].kind == .name else { break }
      parts.insert(lex.text(k), at: 0)
      k -= 1
    }
    return parts
  }

  private mutating func readFunction(_ first: Int, _ function: FunctionName, _ head: Head, _ end: Int, _ scope: Scope) -> Int {
    let paramsClose = lex.matching(function.paramsOpen)
    var stop = head.stop
    // A constructor's initializer list `: a(1), b{2}` comes before the body; its braces are not the body.
    var k = paramsClose + 1
    while k < end, !lex.isPunct(k, "{"), !lex.isPunct(k, ";"), !lex.isPunct(k, "}") {
      if lex.isPunct(k, ":"), !lex.isPunct(k + 1, ":"), !lex.isPunct(k - 1, ":") {
        var m = k + 1
        while m < end {
          if lex.isPunct(m, "(") {
            m = lex.matching(m) + 1
          } else if lex.isPunct(m, "{") {
            if m > 0, tokens[m - 1].kind == .name || lex.isPunct(m - 1, ">") {
              m = lex.matching(m) + 1  // `b{2}`
            } else {
              break
            }
          } else if lex.isPunct(m, ";") || lex.isPunct(m, "}") {
            break
          } else {
            m += 1
          }
        }
        stop = m
        break
      }
      if lex.isPunct(k, "(") || lex.isPunct(k, "[") {
        k = lex.matching(k) + 1
        continue
      }
      k += 1
    }
    let hasBody = lex.isPunct(stop, "{")
    let bodyEnd = hasBody ? lex.matching(stop) : stop
    let isQualified = !function.qualifier.isEmpty
    let bareName = function.label.hasPrefix("~") ? String(function.label.dropFirst()) : function.label
    let owner = isQualified ? function.qualifier.last! : scope.className
    let inClass = scope.kind == .record || isQualified
    // A type is needed unless this is a constructor, a destructor, a conversion or a qualified member.
    let isSpecialMember = inClass && (bareName == owner || function.label.hasPrefix("operator"))
    // `SYSCALL_DEFINE2(name, ...) { ... }` at file level: a macro that expands to a definition, recorded
    // under the macro's name as ctags does; without a body such a line is a macro call, not a prototype.
    let isMacroDefinition = hasBody && scope.kind == .file && !isQualified
    guard isSpecialMember || isQualified || isMacroDefinition
      || hasType(before: function.token - (function.label.hasPrefix("~") ? 1 : 0), from: first)
    else {
      return hasBody ? bodyEnd + 1 : stop + 1
    }
    let kind: SymbolKind =
      if inClass && bareName == owner && function.label.hasPrefix("~") { .deinitializer }
      else if inClass && bareName == owner { .initializer }
      else if inClass { .method }
      else if hasBody { .function }
      else { .prototype }
    let container = isQualified ? scope.inner(function.qualifier.joined(separator: "::")) : scope.container
    let signatureEnd = hasBody || head.equals == nil ? stop : min(stop, head.equals!)
    let at = lex.record(
      into: &index, name: function.token, label: function.label, kind: kind, container: container, start: function.token,
      end: bodyEnd, signature: lex.joined(first, signatureEnd), parent: scope.parent)
    lex.applyModifiers(to: &index, at: at, first, function.token)
    if hasBody && scope.kind != .objc && scope.kind != .body {
      // Local types have the function as container (`Eigen::selector::run`), as ctags scopes them.
      let local = container.isEmpty ? function.label : container + "::" + function.label
      readBody(from: stop + 1, to: bodyEnd, scope: Scope(container: local, parent: at, kind: .body))
    }
    return bodyEnd + 1
  }

  /// `class LEVELDB_EXPORT Cache;`: a class declared ahead behind an export macro declares no variable
  /// (`Cache` of type `LEVELDB_EXPORT`). Only `class`, or a macro named for exporting, so C's `struct FOO bar;`
  /// stays a variable.
  private func isForwardDeclaration(_ first: Int, _ stop: Int) -> Bool {
    guard let keyword = typeKeywordKind(first), lex.isPunct(stop, ";"), stop - first == 3, tokens[first + 1].kind == .name,
      tokens[first + 2].kind == .name, lex.isMacroSpelling(tokens[first + 1])
    else { return false }
    let macro = lex.text(first + 1)
    return keyword == .class || ["EXPORT", "API", "DLL", "VISIBLE", "PUBLIC"].contains { macro.contains($0) }
  }

  /// Whether a type comes before `name`: some word that is not a storage class or qualifier, or a `*`/`&`.
  private func hasType(before name: Int, from first: Int) -> Bool {
    var k = first
    while k < name {
      if tokens[k].kind == .name, !lex.isOneOf(k, Self.specifiers) { return true }
      if lex.isPunct(k, "(") || lex.isPunct(k, "[") || lex.isPunct(k, "<") {
        return k > first && tokens[k - 1].kind == .name && !lex.isOneOf(k - 1, Self.specifiers)
      }
      if lex.isPunct(k, ":") { return true }  // `std::string x;`
      k += 1
    }
    return false
  }

  /// The declared names of `type a, *b[2] = {..}, (*c)(int);` between `from` and `stop`.
  private func declarators(_ from: Int, _ stop: Int) -> [Int] {
    var names: [Int] = []
    var chunkStart = from
    var k = from
    var lastName: Int?
    var done = false
    func finish() {
      // The last word may be a type word with no name after it (`int;`, or `struct {` when text that is not C,
      // such as prose in an `#ifdef` branch, ran into the statement): it is the type seen so far, not a name.
      if let lastName, typeKeywordKind(lastName) == nil, !lex.isOneOf(lastName, Self.declarationStartWords) { names.append(lastName) }
      lastName = nil
      done = false
    }
    while k < stop {
      if lex.isPunct(k, ",") {
        finish()
        chunkStart = k + 1
        k += 1
        continue
      }
      if done {
        if lex.isOpen(k) { k = lex.matching(k) }
        // In C++ an initializer's template arguments hold commas that separate no declarators:
        // `value = is_detected_exact<void, from_json_function, serializer>::value;`.
        if isCpp, lex.isPunct(k, "<"), tokens[k - 1].kind == .name {
          let close = lex.angleEnd(k, stop)
          if lex.isPunct(close, ">") { k = close }
        }
        k += 1
        continue
      }
      if lex.isPunct(k, "(") {
        if lex.isOneOf(k - 1, Self.attributeWords) || lex.isWord(k - 1, "decltype") {
          k = lex.matching(k) + 1
          continue
        }
        let close = lex.matching(k)
        // `typedef int (handler_t)(int);` names the type inside its own parentheses.
        let parenthesizedName = lastName != nil && tokens[k + 1].kind == .name && close == k + 2 && lex.isPunct(close + 1, "(")
        // `(CALLCONV * name)(...)`: a calling-convention macro before the star.
        let macroThenStar = lastName != nil && lex.isPunct(close + 1, "(") && tokenRange(k + 1, close).contains { lex.isPunct($0, "*") }
        if lex.isPunct(k + 1, "*") || lex.isPunct(k + 1, "^") || lex.isPunct(k + 1, "&") || parenthesizedName || macroThenStar {
          // `(*name)` or `(*name[4])`: the name inside.
          var m = k + 1
          while m < close {
            if tokens[m].kind == .name, !lex.isOneOf(m, Self.specifiers), !lex.isPunct(m + 1, "*") {
              lastName = m
              break
            }
            if lex.isOpen(m) { break }
            m += 1
          }
          done = true
          k = close + 1
          continue
        }
        done = lastName != nil
        k = close + 1
        continue
      }
      if lex.isPunct(k, "[") || lex.isPunct(k, "=") || (lex.isPunct(k, ":") && !lex.isPunct(k + 1, ":") && !lex.isPunct(k - 1, ":")) {
        done = lastName != nil
        if lex.isOpen(k) { k = lex.matching(k) }
        k += 1
        continue
      }
      if lex.isPunct(k, "<"), k > chunkStart, tokens[k - 1].kind == .name {
        k = lex.angleEnd(k, stop) + 1
        continue
      }
      if tokens[k].kind == .name {
        // `struct`, `class` and friends introduce a tag, except where C uses them as plain names (`*class;`).
        let isTagKeyword = typeKeywordKind(k) != nil && tokens[k + 1].kind == .name
        // In `struct tag *p` the tag is a type, not a declarator; `struct tag;` declares nothing.
        let isTag = k > chunkStart && typeKeywordKind(k - 1) != nil
        if !lex.isOneOf(k, Self.specifiers), !lex.isOneOf(k, Self.attributeWords), !isTagKeyword, !isTag {
          lastName = k
        }
      }
      k += 1
    }
    finish()
    return names
  }

  private mutating func recordVariables(_ names: [Int], first: Int, stop: Int, scope: Scope, isExtern: Bool) {
    guard scope.kind != .body else { return }  // a local type's variables are locals
    // `extern` at file or namespace level declares a variable defined elsewhere; `extern int x = 1;` defines it.
    let declaresOnly =
      isExtern && scope.kind == .file && !lex.isPunct(stop, "{")
      && !tokenRange(names.first ?? first, stop).contains { lex.isPunct($0, "=") }
    guard !isExtern || scope.kind == .file else { return }
    for name in names {
      // `int Counter::total = 0;` defines a static member of Counter.
      let qualifier = qualifier(before: name, first: first)
      let kind: SymbolKind =
        if scope.kind == .record || scope.kind == .objc || !qualifier.isEmpty { .field }
        else if declaresOnly { .externvar }
        else { .variable }
      let container = qualifier.isEmpty ? scope.container : scope.inner(qualifier.joined(separator: "::"))
      let typeEnd = declaratorStart(names[0], first)
      let start = declaratorStart(name, first)
      let span = (start, declaratorEnd(from: start, stop))
      let type = lex.joined(first, typeEnd)
      let at = lex.record(
        into: &index, name: name, kind: kind, container: container, start: name, end: stop,
        signature: (type.isEmpty ? "" : type + " ") + lex.joined(span.0, span.1), parent: scope.parent)
      lex.applyModifiers(to: &index, at: at, first, typeEnd)
    }
  }

  /// Where the declarator of `name` starts: before its `*`, `&` and `(` (and qualifiers among them).
  private func declaratorStart(_ name: Int, _ first: Int) -> Int {
    var k = name
    while k - 1 >= first {
      let p = k - 1
      if lex.isPunct(p, "*") || lex.isPunct(p, "&") || lex.isPunct(p, "(") || lex.isPunct(p, "^") {
        k = p
      } else if lex.isOneOf(p, Self.pointerQualifiers), p - 1 >= first,
        lex.isPunct(p - 1, "*")
      {
        k = p
      } else {
        break
      }
    }
    return k
  }

  /// Where the declarator starting at `start` ends: at the `,`, `=`, `;` or bit-field `:` after it.
  private func declaratorEnd(from start: Int, _ stop: Int) -> Int {
    var k = start
    while k < stop {
      if lex.isOpen(k) {
        k = lex.matching(k) + 1
        continue
      }
      if lex.isPunct(k, ",") || lex.isPunct(k, "=") || lex.isClose(k) || (lex.isPunct(k, ":") && !lex.isPunct(k + 1, ":") && !lex.isPunct(k - 1, ":")) { break }
      k += 1
    }
    return min(k, stop)
  }

  // MARK: Objective-C

  /// `@interface Name : Super <P>` ... `@end`, `@protocol Name`, `@implementation`; other `@` words are skipped.
  private mutating func readObjC(_ at: Int, _ end: Int, _ scope: Scope) -> Int {
    guard tokens.indices.contains(at + 1), tokens[at + 1].kind == .name else { return at + 1 }
    let word = lex.text(at + 1)
    switch word {
    case "interface", "protocol", "implementation":
      let name = at + 2
      guard name < end, tokens[name].kind == .name else { return at + 2 }
      if word == "protocol", lex.isPunct(name + 1, ";") || lex.isPunct(name + 1, ",") { return name + 1 }  // forward declaration
      var bodyEnd = name + 1
      while bodyEnd < end, !(lex.isPunct(bodyEnd, "@") && tokens.indices.contains(bodyEnd + 1) && lex.text(bodyEnd + 1) == "end") { bodyEnd += 1 }
      var headerEnd = name + 1
      while headerEnd < bodyEnd, tokens[headerEnd].line == tokens[name].line, !lex.isPunct(headerEnd, "{") { headerEnd += 1 }
      let category = lex.isPunct(name + 1, "(")
      let at2 = lex.record(
        into: &index, name: name, kind: word == "protocol" ? .protocol : (category ? .extension : .class), container: scope.container,
        start: name, end: min(bodyEnd + 1, end - 1), signature: lex.joined(at, headerEnd), parent: scope.parent)
      let inner = Scope(container: scope.inner(lex.text(name)), parent: at2, kind: .objc, className: lex.text(name))
      var k = headerEnd
      if lex.isPunct(k, "{") {  // instance variables
        let close = lex.matching(k)
        readScope(from: k + 1, to: close, scope: Scope(container: inner.container, parent: at2, kind: .record, className: inner.className))
        k = close + 1
      }
      readScope(from: k, to: bodyEnd, scope: inner)
      return bodyEnd + 2
    case "property":
      var k = at + 2
      if lex.isPunct(k, "(") { k = lex.matching(k) + 1 }
      let stop = statementHead(k, end).stop
      if let name = declarators(k, stop).last {
        lex.record(
          into: &index, name: name, kind: .property, container: scope.container, start: name, end: stop, signature: lex.joined(at, stop),
          parent: scope.parent)
      }
      return stop + 1
    default:
      return at + 2
    }
  }

  /// `- (void)insert:(id)x atIndex:(int)i;` is the method `insert:atIndex:`.
  private mutating func readObjCMethod(_ at: Int, _ end: Int, _ scope: Scope) -> Int {
    var stop = at + 1
    while stop < end, !lex.isPunct(stop, ";"), !lex.isPunct(stop, "{") {
      if lex.isPunct(stop, "@") { break }
      stop += 1
    }
    var k = at + 1
    var selector = ""
    var nameToken: Int?
    while k < stop {
      if lex.isPunct(k, "(") {
        k = lex.matching(k) + 1
        continue
      }
      if tokens[k].kind == .name {
        if lex.isPunct(k + 1, ":") {
          selector += lex.text(k) + ":"
          nameToken = nameToken ?? k
          k += 2
          if lex.isPunct(k, "(") { k = lex.matching(k) + 1 }
          k += 1  // the parameter's name
          continue
        }
        if nameToken == nil {
          selector = lex.text(k)
          nameToken = k
        }
        if lex.text(k) == "__attribute__" || lex.text(k) == "NS_SWIFT_NAME" { break }
      }
      k += 1
    }
    let bodyEnd = lex.isPunct(stop, "{") ? lex.matching(stop) : stop
    if let nameToken {
      lex.record(
        into: &index, name: nameToken, label: selector, kind: .method, container: scope.container, start: nameToken, end: bodyEnd,
        signature: lex.joined(at, stop), parent: scope.parent)
    }
    return lex.isPunct(stop, "@") ? stop : bodyEnd + 1
  }
}
