import IndexerModel
import SwiftSyntax

/// Swift's scopes, bindings, imports, member uses and call labels, from the tree the extractor already
/// parsed: every brace is a scope, a local is seen from the end of its declaration, `if let` binds in its
/// own branch and `guard let` in the rest of the enclosing block.
///
/// Depth: the parser caps nesting (`SwiftExtractor.maximumNestingLevel`), which bounds this visitor's
/// recursion; the receiver walk has its own limit.
final class SwiftScopeBuilder: SyntaxVisitor {
  private let converter: SourceLocationConverter
  /// Outline symbols by name and the line of their first token, to tie a type's or function's scope to its symbol.
  private let symbolAt: [String: Int]
  private var result = FileScopes()
  private var stack: [Int] = []

  /// How many links of a receiver chain (`a.b.c()`) are kept; longer ones are recorded as unknown.
  static let maximumReceiverLinks = 16

  init(converter: SourceLocationConverter, outline: FileIndex) {
    self.converter = converter
    var symbolAt: [String: Int] = [:]
    for (i, symbol) in outline.symbols.enumerated() {
      let key = "\(symbol.range.start.line):\(symbol.name)"
      if symbolAt[key] == nil { symbolAt[key] = i }
    }
    self.symbolAt = symbolAt
    super.init(viewMode: .sourceAccurate)
  }

  /// The scopes of `tree`; members and calls come out in source order, as `FileScopes` requires.
  func build(_ tree: SourceFileSyntax) -> FileScopes {
    result = FileScopes()
    result.scopes.append(
      FileScopes.Scope(kind: .file, range: SourceRange(start: SourcePosition(line: 1, column: 1), end: position(tree.endPosition)), parent: -1))
    stack = [0]
    walk(tree)
    result.members.sort { $0.position < $1.position }
    result.calls.sort { $0.position < $1.position }
    return result
  }

  // MARK: Scopes

  private var current: Int { stack.last ?? 0 }

  private func push(_ kind: FileScopes.ScopeKind, from start: AbsolutePosition, to end: AbsolutePosition, symbol: Int = -1, bases: [String] = []) {
    // In a cut file the parser supplies missing tokens, with no width: a body may seem to end before it starts.
    let scope = FileScopes.Scope(
      kind: kind, range: SourceRange(start: position(start), end: position(max(start, end))), parent: current, symbol: symbol, bases: bases)
    result.scopes.append(scope)
    stack.append(result.scopes.count - 1)
  }

  private func pop() {
    if stack.count > 1 { stack.removeLast() }
  }

  private func bind(
    _ token: TokenSyntax, _ kind: FileScopes.BindingKind, typeName: String = "", visibleFrom visible: AbsolutePosition? = nil,
    labels: String = "", in scope: Int? = nil
  ) {
    let at = position(token.positionAfterSkippingLeadingTrivia)
    result.bindings.append(
      FileScopes.Binding(
        name: token.plainName, scope: scope ?? current, position: at, kind: kind, typeName: typeName,
        visible: visible.map(position) ?? at, labels: labels))
  }

  private func symbol(named name: String, at node: some SyntaxProtocol, attributes: AttributeListSyntax?) -> Int {
    let start = attributes.flatMap { a in a.isEmpty ? nil : a.endPosition } ?? node.positionAfterSkippingLeadingTrivia
    var first = start
    for token in node.tokens(viewMode: .sourceAccurate) where token.position >= start {
      first = token.positionAfterSkippingLeadingTrivia
      break
    }
    return symbolAt["\(position(first).line):\(name)"] ?? -1
  }

  // MARK: Types

  private func openType(
    _ node: some DeclSyntaxProtocol, name: TokenSyntax?, symbolName: String, attributes: AttributeListSyntax,
    generics: GenericParameterClauseSyntax?, inheritance: InheritanceClauseSyntax?, members: MemberBlockSyntax
  ) -> SyntaxVisitorContinueKind {
    if let name { bind(name, .definition) }
    let bases = inheritance?.inheritedTypes.map { $0.type.trimmedDescription } ?? []
    push(.type, from: members.leftBrace.positionAfterSkippingLeadingTrivia, to: members.endPositionBeforeTrailingTrivia,
      symbol: symbol(named: symbolName, at: node, attributes: attributes), bases: bases)
    for parameter in generics?.parameters ?? [] { bind(parameter.name, .typeParameter) }
    return .visitChildren
  }

  override func visit(_ node: ClassDeclSyntax) -> SyntaxVisitorContinueKind {
    openType(node, name: node.name, symbolName: node.name.plainName, attributes: node.attributes, generics: node.genericParameterClause,
      inheritance: node.inheritanceClause, members: node.memberBlock)
  }
  override func visitPost(_ node: ClassDeclSyntax) { pop() }

  override func visit(_ node: StructDeclSyntax) -> SyntaxVisitorContinueKind {
    openType(node, name: node.name, symbolName: node.name.plainName, attributes: node.attributes, generics: node.genericParameterClause,
      inheritance: node.inheritanceClause, members: node.memberBlock)
  }
  override func visitPost(_ node: StructDeclSyntax) { pop() }

  override func visit(_ node: EnumDeclSyntax) -> SyntaxVisitorContinueKind {
    openType(node, name: node.name, symbolName: node.name.plainName, attributes: node.attributes, generics: node.genericParameterClause,
      inheritance: node.inheritanceClause, members: node.memberBlock)
  }
  override func visitPost(_ node: EnumDeclSyntax) { pop() }

  override func visit(_ node: ActorDeclSyntax) -> SyntaxVisitorContinueKind {
    openType(node, name: node.name, symbolName: node.name.plainName, attributes: node.attributes, generics: node.genericParameterClause,
      inheritance: node.inheritanceClause, members: node.memberBlock)
  }
  override func visitPost(_ node: ActorDeclSyntax) { pop() }

  override func visit(_ node: ProtocolDeclSyntax) -> SyntaxVisitorContinueKind {
    openType(node, name: node.name, symbolName: node.name.plainName, attributes: node.attributes, generics: nil,
      inheritance: node.inheritanceClause, members: node.memberBlock)
  }
  override func visitPost(_ node: ProtocolDeclSyntax) { pop() }

  /// An extension binds no name; its scope's symbol is the outline's extension, whose name is the extended type.
  override func visit(_ node: ExtensionDeclSyntax) -> SyntaxVisitorContinueKind {
    openType(node, name: nil, symbolName: node.extendedType.trimmedDescription, attributes: node.attributes, generics: nil,
      inheritance: node.inheritanceClause, members: node.memberBlock)
  }
  override func visitPost(_ node: ExtensionDeclSyntax) { pop() }

  override func visit(_ node: TypeAliasDeclSyntax) -> SyntaxVisitorContinueKind {
    bind(node.name, .definition, typeName: node.initializer.value.trimmedDescription)
    return .visitChildren
  }

  override func visit(_ node: AssociatedTypeDeclSyntax) -> SyntaxVisitorContinueKind {
    bind(node.name, .definition)
    return .skipChildren
  }

  override func visit(_ node: EnumCaseElementSyntax) -> SyntaxVisitorContinueKind {
    let labels = node.parameterClause.map { clause in
      clause.parameters.map { ($0.firstName?.plainName ?? "_") + ":" }.joined()
    }
    bind(node.name, .definition, labels: labels ?? "")
    return .visitChildren
  }

  // MARK: Functions

  override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind {
    let parameters = node.signature.parameterClause.parameters
    bind(node.name, .definition, typeName: node.signature.returnClause?.type.trimmedDescription ?? "", labels: Self.labels(parameters))
    push(.function, from: node.name.endPositionBeforeTrailingTrivia, to: node.endPositionBeforeTrailingTrivia,
      symbol: symbol(named: node.name.plainName, at: node, attributes: node.attributes))
    for parameter in node.genericParameterClause?.parameters ?? [] { bind(parameter.name, .typeParameter) }
    bindParameters(parameters)
    return .visitChildren
  }
  override func visitPost(_ node: FunctionDeclSyntax) { pop() }

  override func visit(_ node: InitializerDeclSyntax) -> SyntaxVisitorContinueKind {
    let parameters = node.signature.parameterClause.parameters
    bind(node.initKeyword, .definition, labels: Self.labels(parameters))
    push(.function, from: node.initKeyword.endPositionBeforeTrailingTrivia, to: node.endPositionBeforeTrailingTrivia,
      symbol: symbol(named: "init", at: node, attributes: node.attributes))
    for parameter in node.genericParameterClause?.parameters ?? [] { bind(parameter.name, .typeParameter) }
    bindParameters(parameters)
    return .visitChildren
  }
  override func visitPost(_ node: InitializerDeclSyntax) { pop() }

  override func visit(_ node: SubscriptDeclSyntax) -> SyntaxVisitorContinueKind {
    push(.function, from: node.subscriptKeyword.endPositionBeforeTrailingTrivia, to: node.endPositionBeforeTrailingTrivia,
      symbol: symbol(named: "subscript", at: node, attributes: node.attributes))
    for parameter in node.genericParameterClause?.parameters ?? [] { bind(parameter.name, .typeParameter) }
    bindParameters(node.parameterClause.parameters)
    return .visitChildren
  }
  override func visitPost(_ node: SubscriptDeclSyntax) { pop() }

  override func visit(_ node: DeinitializerDeclSyntax) -> SyntaxVisitorContinueKind {
    push(.function, from: node.deinitKeyword.endPositionBeforeTrailingTrivia, to: node.endPositionBeforeTrailingTrivia)
    return .visitChildren
  }
  override func visitPost(_ node: DeinitializerDeclSyntax) { pop() }

  /// A computed property's body: its locals are no members.
  override func visit(_ node: AccessorBlockSyntax) -> SyntaxVisitorContinueKind {
    push(.function, from: node.leftBrace.positionAfterSkippingLeadingTrivia, to: node.endPositionBeforeTrailingTrivia)
    return .visitChildren
  }
  override func visitPost(_ node: AccessorBlockSyntax) { pop() }

  /// `get`, `set(value)`, `willSet`, `didSet`: each a function of its own.
  override func visit(_ node: AccessorDeclSyntax) -> SyntaxVisitorContinueKind {
    push(.function, from: node.positionAfterSkippingLeadingTrivia, to: node.endPositionBeforeTrailingTrivia)
    if let name = node.parameters?.name { bind(name, .parameter) }
    return .visitChildren
  }
  override func visitPost(_ node: AccessorDeclSyntax) { pop() }

  override func visit(_ node: ClosureExprSyntax) -> SyntaxVisitorContinueKind {
    push(.lambda, from: node.leftBrace.positionAfterSkippingLeadingTrivia, to: node.endPositionBeforeTrailingTrivia)
    if let signature = node.signature {
      for capture in signature.capture?.items ?? [] where capture.name.tokenKind != .keyword(.self) {
        bind(capture.name, .local)
      }
      switch signature.parameterClause {
      case .simpleInput(let names)?:
        for name in names { bind(name.name, .parameter) }
      case .parameterClause(let clause)?:
        for parameter in clause.parameters {
          bind(parameter.secondName ?? parameter.firstName, .parameter, typeName: parameter.type?.trimmedDescription ?? "")
        }
      case nil:
        break
      }
    }
    return .visitChildren
  }
  override func visitPost(_ node: ClosureExprSyntax) { pop() }

  private func bindParameters(_ parameters: FunctionParameterListSyntax) {
    for parameter in parameters {
      bind(parameter.secondName ?? parameter.firstName, .parameter, typeName: parameter.type.trimmedDescription)
    }
  }

  /// A function's labels as a call writes them: `_:copying:`.
  static func labels(_ parameters: FunctionParameterListSyntax) -> String {
    parameters.map { ($0.firstName.tokenKind == .wildcard ? "_" : $0.firstName.plainName) + ":" }.joined()
  }

  // MARK: Statements

  override func visit(_ node: CodeBlockSyntax) -> SyntaxVisitorContinueKind {
    push(.block, from: node.leftBrace.positionAfterSkippingLeadingTrivia, to: node.endPositionBeforeTrailingTrivia)
    return .visitChildren
  }
  override func visitPost(_ node: CodeBlockSyntax) { pop() }

  /// The conditions and the body share a scope that the `else` does not see.
  override func visit(_ node: IfExprSyntax) -> SyntaxVisitorContinueKind {
    push(.block, from: node.ifKeyword.positionAfterSkippingLeadingTrivia, to: node.body.endPositionBeforeTrailingTrivia)
    walk(node.conditions)
    walk(node.body)
    pop()
    switch node.elseBody {
    case .ifExpr(let next)?: walk(next)
    case .codeBlock(let block)?: walk(block)
    case nil: break
    }
    return .skipChildren
  }

  override func visit(_ node: WhileStmtSyntax) -> SyntaxVisitorContinueKind {
    push(.block, from: node.whileKeyword.positionAfterSkippingLeadingTrivia, to: node.endPositionBeforeTrailingTrivia)
    return .visitChildren
  }
  override func visitPost(_ node: WhileStmtSyntax) { pop() }

  /// The loop variable is seen in the `where` clause and the body, not in the sequence (`for x in x.items`).
  override func visit(_ node: ForStmtSyntax) -> SyntaxVisitorContinueKind {
    walk(node.sequence)
    push(.block, from: node.forKeyword.positionAfterSkippingLeadingTrivia, to: node.endPositionBeforeTrailingTrivia)
    bindPattern(node.pattern, .loop, visibleFrom: node.pattern.endPositionBeforeTrailingTrivia,
      typeName: node.typeAnnotation?.type.trimmedDescription ?? "")
    if let whereClause = node.whereClause { walk(whereClause) }
    walk(node.body)
    pop()
    return .skipChildren
  }

  override func visit(_ node: SwitchCaseSyntax) -> SyntaxVisitorContinueKind {
    push(.block, from: node.positionAfterSkippingLeadingTrivia, to: node.endPositionBeforeTrailingTrivia)
    if case .case(let label) = node.label {
      for item in label.caseItems { bindPattern(item.pattern, .pattern, visibleFrom: label.endPositionBeforeTrailingTrivia) }
    }
    return .visitChildren
  }
  override func visitPost(_ node: SwitchCaseSyntax) { pop() }

  override func visit(_ node: CatchClauseSyntax) -> SyntaxVisitorContinueKind {
    push(.block, from: node.catchKeyword.positionAfterSkippingLeadingTrivia, to: node.endPositionBeforeTrailingTrivia)
    for item in node.catchItems {
      if let pattern = item.pattern { bindPattern(pattern, .handler, visibleFrom: item.endPositionBeforeTrailingTrivia) }
    }
    return .visitChildren
  }
  override func visitPost(_ node: CatchClauseSyntax) { pop() }

  /// `if let x`, `guard let x = y`, `while let`: in a `guard`, the name is seen after the whole statement,
  /// in the scope around it; elsewhere from the end of its condition, in the statement's own scope.
  override func visit(_ node: OptionalBindingConditionSyntax) -> SyntaxVisitorContinueKind {
    let guardStatement = node.parent?.parent?.parent?.as(GuardStmtSyntax.self)
    let visible = guardStatement?.endPositionBeforeTrailingTrivia ?? node.endPositionBeforeTrailingTrivia
    bindPattern(node.pattern, .pattern, visibleFrom: visible, typeName: node.typeAnnotation?.type.trimmedDescription ?? "")
    return .visitChildren
  }

  override func visit(_ node: MatchingPatternConditionSyntax) -> SyntaxVisitorContinueKind {
    let guardStatement = node.parent?.parent?.parent?.as(GuardStmtSyntax.self)
    let visible = guardStatement?.endPositionBeforeTrailingTrivia ?? node.endPositionBeforeTrailingTrivia
    bindPattern(node.pattern, .pattern, visibleFrom: visible)
    return .visitChildren
  }

  /// `let`/`var`: a member or a file-level definition, or a local seen from the end of its binding.
  override func visit(_ node: VariableDeclSyntax) -> SyntaxVisitorContinueKind {
    let kind = result.scopes[current].kind
    let isDefinition = kind == .file || kind == .type
    for binding in node.bindings {
      let typeName = binding.typeAnnotation?.type.trimmedDescription ?? binding.initializer.map { Self.constructedType($0.value) } ?? ""
      bindPattern(binding.pattern, isDefinition ? .definition : .local,
        visibleFrom: isDefinition ? nil : binding.endPositionBeforeTrailingTrivia, typeName: typeName)
    }
    return .visitChildren
  }

  /// Every name a pattern binds: `x`, `(a, b)`, `.some(let x)`, `let .pair(a, b)`.
  private func bindPattern(_ pattern: PatternSyntax, _ kind: FileScopes.BindingKind, visibleFrom visible: AbsolutePosition?, typeName: String = "") {
    if let identifier = pattern.as(IdentifierPatternSyntax.self) {
      bind(identifier.identifier, kind, typeName: typeName, visibleFrom: visible)
      return
    }
    for token in pattern.tokens(viewMode: .sourceAccurate) {
      guard case .identifier = token.tokenKind, token.parent?.is(IdentifierPatternSyntax.self) == true else { continue }
      bind(token, kind, visibleFrom: visible)
    }
  }

  /// The type a value is built as, when the expression says it: `Foo(…)`, `Foo.Bar(…)`, `Foo.init(…)`.
  static func constructedType(_ value: ExprSyntax) -> String {
    guard let call = value.as(FunctionCallExprSyntax.self) else { return "" }
    var callee = receiverText(call.calledExpression)
    if callee.hasSuffix(".init") { callee.removeLast(5) }
    guard let last = callee.split(separator: ".").last, last.first?.isUppercase == true, !callee.contains("(") else { return "" }
    return callee
  }

  // MARK: Uses

  override func visit(_ node: ImportDeclSyntax) -> SyntaxVisitorContinueKind {
    let parts = node.path.map { $0.name }
    guard let first = parts.first else { return .skipChildren }
    let module = parts.map(\.plainName).joined(separator: ".")
    let imported = node.importKindSpecifier != nil && parts.count > 1 ? parts[parts.count - 1].plainName : ""
    result.imports.append(
      FileScopes.Import(
        localName: first.plainName, module: module, importedName: imported, position: position(first.positionAfterSkippingLeadingTrivia),
        scope: current))
    return .skipChildren
  }

  override func visit(_ node: MemberAccessExprSyntax) -> SyntaxVisitorContinueKind {
    let receiver = node.base.map { Self.receiverText($0) } ?? ""
    result.members.append(FileScopes.Member(position: position(node.declName.baseName.positionAfterSkippingLeadingTrivia), receiver: receiver))
    return .visitChildren
  }

  override func visit(_ node: FunctionCallExprSyntax) -> SyntaxVisitorContinueKind {
    let name: TokenSyntax?
    if let reference = node.calledExpression.as(DeclReferenceExprSyntax.self) {
      name = reference.baseName
    } else if let member = node.calledExpression.as(MemberAccessExprSyntax.self) {
      name = member.declName.baseName
    } else {
      name = nil
    }
    if let name {
      var labels = node.arguments.map { ($0.label?.plainName ?? "_") + ":" }.joined()
      if node.trailingClosure != nil { labels += "_:" }
      for extra in node.additionalTrailingClosures { labels += extra.label.plainName + ":" }
      result.calls.append(FileScopes.Call(position: position(name.positionAfterSkippingLeadingTrivia), labels: labels))
    }
    return .visitChildren
  }

  /// The chain before a `.` as written, with `()` for a call (`Foo()`, `a.b()`); empty when it is anything
  /// else (a literal, a subscript, a closure) or longer than `maximumReceiverLinks`.
  static func receiverText(_ expression: ExprSyntax) -> String {
    var suffix: [String] = []
    var node = expression
    for _ in 0..<maximumReceiverLinks {
      if let reference = node.as(DeclReferenceExprSyntax.self) {
        return chain(reference.baseName.plainName, suffix)
      } else if node.is(SuperExprSyntax.self) {
        return chain("super", suffix)
      } else if let member = node.as(MemberAccessExprSyntax.self), let base = member.base {
        suffix.append(member.declName.baseName.plainName)
        node = base
      } else if let call = node.as(FunctionCallExprSyntax.self) {
        suffix.append("()")
        node = call.calledExpression
      } else if let optional = node.as(OptionalChainingExprSyntax.self) {
        node = optional.expression
      } else if let forced = node.as(ForceUnwrapExprSyntax.self) {
        node = forced.expression
      } else if let specialized = node.as(GenericSpecializationExprSyntax.self) {
        node = specialized.expression
      } else if let tried = node.as(TryExprSyntax.self) {
        node = tried.expression
      } else if let awaited = node.as(AwaitExprSyntax.self) {
        node = awaited.expression
      } else {
        return ""
      }
    }
    return ""
  }

  /// `root` then the links gathered innermost-last: `a`, [`()`, `b`] is `a.b()`.
  private static func chain(_ root: String, _ links: [String]) -> String {
    var text = root
    for link in links.reversed() {
      if link == "()" { text += "()" } else { text += "." + link }
    }
    return text
  }

  private func position(_ absolute: AbsolutePosition) -> SourcePosition {
    let location = converter.location(for: absolute)
    return SourcePosition(line: location.line, column: location.column)
  }
}
