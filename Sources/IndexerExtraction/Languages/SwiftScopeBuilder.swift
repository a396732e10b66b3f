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
  /// The result type of each function around the node, innermost last (empty for a closure's or an
  /// initializer's): `return .x` is typed by it.
  private var returnTypes: [String] = []

  /// How many links of a receiver chain (`a.b.c()`) are kept; longer ones are recorded as unknown.
  static let maximumReceiverLinks = 16

  /// The bytes the tree was parsed from: a node's text is sliced from them, not rebuilt from its tokens.
  private let source: UnsafeBufferPointer<UInt8>

  init(converter: SourceLocationConverter, outline: FileIndex, source: UnsafeBufferPointer<UInt8>) {
    self.converter = converter
    self.source = source
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
    result.keywordArguments.sort { $0.position < $1.position }
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
    generics: GenericParameterClauseSyntax?, inheritance: InheritanceClauseSyntax?, members: MemberBlockSyntax,
    headStart: AbsolutePosition? = nil
  ) -> SyntaxVisitorContinueKind {
    if let name { bind(name, .definition) }
    let bases = inheritance?.inheritedTypes.map { text($0.type) ?? "" } ?? []
    // From the name on: the generic parameters are seen in the head (`struct S<C>: P where C: Q`) too.
    let start = name?.endPositionBeforeTrailingTrivia ?? headStart ?? members.leftBrace.positionAfterSkippingLeadingTrivia
    push(.type, from: start, to: members.endPositionBeforeTrailingTrivia,
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
    openType(node, name: nil, symbolName: text(node.extendedType) ?? "", attributes: node.attributes, generics: nil,
      inheritance: node.inheritanceClause, members: node.memberBlock, headStart: node.extendedType.endPositionBeforeTrailingTrivia)
  }
  override func visitPost(_ node: ExtensionDeclSyntax) { pop() }

  override func visit(_ node: TypeAliasDeclSyntax) -> SyntaxVisitorContinueKind {
    bind(node.name, .definition, typeName: text(node.initializer.value) ?? "")
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
    for parameter in node.parameterClause?.parameters ?? [] {
      if let label = parameter.firstName, case .identifier = label.tokenKind { labelOf(node.name, at: label) }
    }
    return .visitChildren
  }

  // MARK: Functions

  override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind {
    let parameters = node.signature.parameterClause.parameters
    bind(node.name, .definition, typeName: text(node.signature.returnClause?.type) ?? "", labels: Self.labels(parameters))
    push(.function, from: node.name.endPositionBeforeTrailingTrivia, to: node.endPositionBeforeTrailingTrivia,
      symbol: symbol(named: node.name.plainName, at: node, attributes: node.attributes))
    for parameter in node.genericParameterClause?.parameters ?? [] { bind(parameter.name, .typeParameter) }
    bindParameters(parameters, of: node.name)
    returnTypes.append(text(node.signature.returnClause?.type) ?? "")
    return .visitChildren
  }
  override func visitPost(_ node: FunctionDeclSyntax) {
    returnTypes.removeLast()
    pop()
  }

  override func visit(_ node: InitializerDeclSyntax) -> SyntaxVisitorContinueKind {
    let parameters = node.signature.parameterClause.parameters
    bind(node.initKeyword, .definition, labels: Self.labels(parameters))
    push(.function, from: node.initKeyword.endPositionBeforeTrailingTrivia, to: node.endPositionBeforeTrailingTrivia,
      symbol: symbol(named: "init", at: node, attributes: node.attributes))
    for parameter in node.genericParameterClause?.parameters ?? [] { bind(parameter.name, .typeParameter) }
    bindParameters(parameters, of: node.initKeyword)
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
    let type = node.parent?.as(PatternBindingSyntax.self)?.typeAnnotation?.type ?? node.parent?.as(SubscriptDeclSyntax.self)?.returnClause.type
    returnTypes.append(text(type) ?? "")
    return .visitChildren
  }
  override func visitPost(_ node: AccessorBlockSyntax) {
    returnTypes.removeLast()
    pop()
  }

  /// `get`, `set(value)`, `willSet`, `didSet`: each a function of its own.
  override func visit(_ node: AccessorDeclSyntax) -> SyntaxVisitorContinueKind {
    push(.function, from: node.positionAfterSkippingLeadingTrivia, to: node.endPositionBeforeTrailingTrivia)
    if let name = node.parameters?.name { bind(name, .parameter) }
    return .visitChildren
  }
  override func visitPost(_ node: AccessorDeclSyntax) { pop() }

  override func visit(_ node: ClosureExprSyntax) -> SyntaxVisitorContinueKind {
    push(.lambda, from: node.leftBrace.positionAfterSkippingLeadingTrivia, to: node.endPositionBeforeTrailingTrivia)
    returnTypes.append("")
    if let signature = node.signature {
      for capture in signature.capture?.items ?? [] where capture.name.tokenKind != .keyword(.self) {
        bind(capture.name, .local)
      }
      // `{ db in … }` passed to `write(_ updates: (Database) throws -> T)`: the callee's parameter types it.
      let context = SwiftImplicitMemberContext.closureArgument(node, converter: converter)
      func passed(_ index: Int) -> String { context.map { "@closure:\($0):\(index)" } ?? "" }
      switch signature.parameterClause {
      case .simpleInput(let names)?:
        for (index, name) in names.enumerated() { bind(name.name, .parameter, typeName: passed(index)) }
      case .parameterClause(let clause)?:
        for (index, parameter) in clause.parameters.enumerated() {
          bind(parameter.secondName ?? parameter.firstName, .parameter, typeName: text(parameter.type) ?? passed(index))
        }
      case nil:
        break
      }
    }
    return .visitChildren
  }
  override func visitPost(_ node: ClosureExprSyntax) {
    returnTypes.removeLast()
    pop()
  }

  /// Each parameter's internal name is a local; an argument label written apart from it (`forKey key`)
  /// is the function's, as a label at a call is.
  private func bindParameters(_ parameters: FunctionParameterListSyntax, of function: TokenSyntax? = nil) {
    for parameter in parameters {
      let label = (parameter.firstName.tokenKind == .wildcard ? "_" : parameter.firstName.plainName) + ":"
      bind(parameter.secondName ?? parameter.firstName, .parameter, typeName: text(parameter.type) ?? "", labels: label)
      if let function, parameter.secondName != nil, case .identifier = parameter.firstName.tokenKind {
        labelOf(function, at: parameter.firstName)
      }
    }
  }

  /// Records `label` as an argument label of the callee named by `callee`.
  private func labelOf(_ callee: TokenSyntax, at label: TokenSyntax) {
    result.keywordArguments.append(
      FileScopes.KeywordArgument(
        position: position(label.positionAfterSkippingLeadingTrivia), callee: callee.plainName,
        calleePosition: position(callee.positionAfterSkippingLeadingTrivia)))
  }

  /// A function's labels as a call writes them, `?` marking those a call may leave out (a default value,
  /// a variadic): `_:copying?:`.
  static func labels(_ parameters: FunctionParameterListSyntax) -> String {
    parameters.map { parameter in
      let optional = parameter.defaultValue != nil || parameter.ellipsis != nil
      return (parameter.firstName.tokenKind == .wildcard ? "_" : parameter.firstName.plainName) + (optional ? "?:" : ":")
    }.joined()
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
    // `for x in xs`: the element type of what `xs` is declared as (`[T]`), for the resolver to read.
    let sequence = Self.receiverText(node.sequence)
    bindPattern(node.pattern, .loop, visibleFrom: node.pattern.endPositionBeforeTrailingTrivia,
      typeName: text(node.typeAnnotation?.type) ?? (sequence.isEmpty ? "" : "=each:" + sequence))
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

  /// `catch let e` binds `e`; a bare `catch` binds `error`, declared (for go-to-definition) by the keyword.
  override func visit(_ node: CatchClauseSyntax) -> SyntaxVisitorContinueKind {
    push(.block, from: node.catchKeyword.positionAfterSkippingLeadingTrivia, to: node.endPositionBeforeTrailingTrivia)
    for item in node.catchItems {
      if let pattern = item.pattern { bindPattern(pattern, .handler, visibleFrom: item.endPositionBeforeTrailingTrivia) }
    }
    if node.catchItems.isEmpty {
      let at = position(node.catchKeyword.positionAfterSkippingLeadingTrivia)
      result.bindings.append(FileScopes.Binding(name: "error", scope: current, position: at, kind: .handler))
    }
    return .visitChildren
  }
  override func visitPost(_ node: CatchClauseSyntax) { pop() }

  /// `if let x`, `guard let x = y`, `while let`: seen from the end of its condition, by the later
  /// conditions too; a `guard`'s in the scope around it (the rest of the block), the others' in the
  /// statement's own scope.
  override func visit(_ node: OptionalBindingConditionSyntax) -> SyntaxVisitorContinueKind {
    // `if let x` alone unwraps the outer `x`: its value is that one's.
    let shorthand = node.pattern.as(IdentifierPatternSyntax.self).map { "=" + $0.identifier.plainName } ?? ""
    let typeName = text(node.typeAnnotation?.type) ?? node.initializer.map { Self.initializedType($0.value) } ?? shorthand
    bindPattern(node.pattern, .pattern, visibleFrom: node.endPositionBeforeTrailingTrivia, typeName: typeName)
    return .visitChildren
  }

  override func visit(_ node: MatchingPatternConditionSyntax) -> SyntaxVisitorContinueKind {
    bindPattern(node.pattern, .pattern, visibleFrom: node.endPositionBeforeTrailingTrivia)
    return .visitChildren
  }

  /// `let`/`var`: a member or a file-level definition, or a local seen from the end of its binding.
  override func visit(_ node: VariableDeclSyntax) -> SyntaxVisitorContinueKind {
    let kind = result.scopes[current].kind
    let isDefinition = kind == .file || kind == .type
    for binding in node.bindings {
      let typeName = text(binding.typeAnnotation?.type) ?? binding.initializer.map { Self.initializedType($0.value) } ?? ""
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

  /// What a variable's type is, from its initial value: the type it is built as (`Foo(…)`, a literal), else
  /// `=` and the value's chain (`=parser.next()`), for the resolver to type from the declarations the chain
  /// names (a property's annotation, a function's declared result); empty for anything else.
  static func initializedType(_ value: ExprSyntax) -> String {
    let constructed = constructedType(value)
    if !constructed.isEmpty { return constructed }
    let chain = receiverText(value)
    return chain.isEmpty ? "" : "=" + chain
  }

  /// The type a value is built as, when the expression says it: `Foo(…)`, `Foo.Bar(…)`, `Foo.init(…)`.
  static func constructedType(_ value: ExprSyntax) -> String {
    if let literal = literalType(value) { return literal }
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
    let receiver =
      node.base.map { Self.receiverText($0) }
      ?? SwiftImplicitMemberContext.receiver(of: node, returnType: returnTypes.last ?? "", converter: converter)
    result.members.append(FileScopes.Member(position: position(node.declName.baseName.positionAfterSkippingLeadingTrivia), receiver: receiver))
    return .visitChildren
  }

  override func visit(_ node: FunctionCallExprSyntax) -> SyntaxVisitorContinueKind {
    if let name = SwiftImplicitMemberContext.calleeName(node) {
      var labels = recordArguments(node.arguments, of: name)
      if node.trailingClosure != nil { labels += "_:" }
      for extra in node.additionalTrailingClosures { labels += extra.label.plainName + ":" }
      result.calls.append(FileScopes.Call(position: position(name.positionAfterSkippingLeadingTrivia), labels: labels))
    }
    return .visitChildren
  }

  /// `@Option(name: .long)`: a property wrapper's or macro's arguments are a call of its initializer.
  override func visit(_ node: AttributeSyntax) -> SyntaxVisitorContinueKind {
    guard let type = node.attributeName.as(IdentifierTypeSyntax.self), case .argumentList(let arguments)? = node.arguments else {
      return .visitChildren
    }
    var labels = recordArguments(arguments, of: type.name)
    // A wrapped property's initial value is the initializer's first argument (`@Option var n = 1`).
    if let variable = node.parent?.parent?.as(VariableDeclSyntax.self), variable.bindings.first?.initializer != nil {
      labels = "wrappedValue:" + labels
    }
    result.calls.append(FileScopes.Call(position: position(type.name.positionAfterSkippingLeadingTrivia), labels: labels))
    return .visitChildren
  }

  /// Each label as one of the callee's (resolution takes it to the function or initializer); the labels
  /// as the call writes them (`_:copying:`).
  private func recordArguments(_ arguments: LabeledExprListSyntax, of callee: TokenSyntax) -> String {
    for argument in arguments {
      if let label = argument.label, case .identifier = label.tokenKind { labelOf(callee, at: label) }
    }
    return arguments.map { ($0.label?.plainName ?? "_") + ":" }.joined()
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
      } else if let literal = literalType(node) {
        // A literal's type is the standard library's default for it; the workspace may extend it.
        return chain(literal, suffix)
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

  /// The type a literal has when nothing else decides it.
  private static func literalType(_ node: ExprSyntax) -> String? {
    if node.is(StringLiteralExprSyntax.self) { return "String" }
    if node.is(IntegerLiteralExprSyntax.self) { return "Int" }
    if node.is(FloatLiteralExprSyntax.self) { return "Double" }
    if node.is(BooleanLiteralExprSyntax.self) { return "Bool" }
    if node.is(ArrayExprSyntax.self) { return "Array" }
    if node.is(DictionaryExprSyntax.self) { return "Dictionary" }
    return nil
  }

  /// A node's source text without its surrounding trivia, sliced from the parsed bytes (a cut file's
  /// missing tokens have no bytes: the slice is empty or shorter, never out of bounds).
  private func text(_ node: (some SyntaxProtocol)?) -> String? {
    guard let node else { return nil }
    let start = min(node.positionAfterSkippingLeadingTrivia.utf8Offset, source.count)
    let end = min(max(start, node.endPositionBeforeTrailingTrivia.utf8Offset), source.count)
    return String(decoding: UnsafeBufferPointer(rebasing: source[start..<end]), as: UTF8.self)
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
