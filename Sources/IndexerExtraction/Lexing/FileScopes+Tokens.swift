import IndexerModel

/// How the C-family scope builders record a scope or a binding from token indexes.
extension FileScopes {
  /// Opens a scope over tokens `first...last` under `parent`; its index.
  mutating func open(_ kind: ScopeKind, from first: Int, to last: Int, parent: Int, in lex: CFamilyTokens) -> Int {
    scopes.append(Scope(kind: kind, range: SourceRange(start: lex.position(first), end: lex.endPosition(max(first, last))), parent: parent))
    return scopes.count - 1
  }

  /// Binds the name token `k` in `scope`; nothing when `k` is no name or `scope` no scope (cut-short input).
  mutating func bind(
    _ k: Int, in scope: Int, kind: BindingKind, typeName: String, visible: SourcePosition?, labels: String, in lex: CFamilyTokens
  ) {
    guard lex.tokens[k].kind == .name, scope >= 0, scope < scopes.count else { return }
    let at = lex.position(k)
    bindings.append(
      Binding(name: lex.text(k), scope: scope, position: at, kind: kind, typeName: typeName, visible: visible.map { max($0, at) }, labels: labels))
  }
}

/// A scope builder over C-family tokens: what it records goes into `result`, at the tokens' places.
protocol TokenScopeRecorder {
  var lex: CFamilyTokens { get }
  var result: FileScopes { get set }
}

extension TokenScopeRecorder {
  /// Starts over with the file's own scope, from its first byte to its last token.
  mutating func openFileScope() {
    let tokens = lex.tokens
    let last = tokens[tokens.count - 1]
    let end = tokens.count == 0 ? SourcePosition(line: 1, column: 1) : SourcePosition(line: last.endLine, column: last.endColumn)
    result.scopes = [FileScopes.Scope(kind: .file, range: SourceRange(start: SourcePosition(line: 1, column: 1), end: end), parent: -1)]
  }

  mutating func open(_ kind: FileScopes.ScopeKind, from first: Int, to last: Int, parent: Int) -> Int {
    result.open(kind, from: first, to: last, parent: parent, in: lex)
  }

  mutating func bind(
    _ k: Int, in scope: Int, kind: FileScopes.BindingKind, typeName: String = "", visible: SourcePosition? = nil, labels: String = ""
  ) {
    result.bind(k, in: scope, kind: kind, typeName: typeName, visible: visible, labels: labels, in: lex)
  }

  func position(_ k: Int) -> SourcePosition { lex.position(k) }
  func endPosition(_ k: Int) -> SourcePosition { lex.endPosition(k) }
}
