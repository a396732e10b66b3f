import IndexerModel
import SwiftParser
import SwiftSyntax

/// Swift definitions from swift-syntax's parser, so every declaration form the compiler accepts is understood.
///
/// Syntax trees are not `Sendable`: the tree lives and dies inside `extract`, and only plain values leave it.
public struct SwiftExtractor: Extractor {
  public var language: Language { .swift }

  public init() {}

  /// swift-syntax's own guard against deep recursion (its release default is 256): the parser, the
  /// visitor below and the token walk all recurse once per level, so this bounds every one of them.
  static let maximumNestingLevel = 128

  public func extract(_ source: UnsafeBufferPointer<UInt8>) -> FileIndex {
    if let guarded = SwiftBracketGuard.guarded(source) {
      return guarded.withUnsafeBufferPointer { extractGuarded($0) }
    }
    return extractGuarded(source)
  }

  private func extractGuarded(_ source: UnsafeBufferPointer<UInt8>) -> FileIndex {
    let tree = Parser.parse(source: source, maximumNestingLevel: Self.maximumNestingLevel)
    let collector = SwiftDeclarationCollector(converter: SourceLocationConverter(fileName: "", tree: tree))
    collector.walk(tree)
    var index = collector.index
    index.references = Self.references(tree, source: source, converter: collector.converter)
    index.scopes = SwiftScopeBuilder(converter: collector.converter, outline: index, source: source).build(tree)
    return index
  }

  /// Identifier tokens of the tree: the parser already told keywords, strings and comments apart.
  private static func references(_ tree: SourceFileSyntax, source: UnsafeBufferPointer<UInt8>, converter: SourceLocationConverter) -> FileReferences {
    var collector = ReferenceCollector(source: source)
    for token in tree.tokens(viewMode: .sourceAccurate) {
      guard case .identifier = token.tokenKind else { continue }
      var start = token.positionAfterSkippingLeadingTrivia.utf8Offset
      var end = token.endPositionBeforeTrailingTrivia.utf8Offset
      guard start < end, end <= source.count else { continue }
      if source[start] == UInt8(ascii: "`") && end - start > 2 {  // `class` used as a name
        start += 1
        end -= 1
      }
      let location = converter.location(for: AbsolutePosition(utf8Offset: start))
      collector.add(start: start, end: end, line: location.line, column: location.column)
    }
    return collector.references
  }
}

/// Visits declarations and records each as a symbol under the declaration that encloses it.
private final class SwiftDeclarationCollector: SyntaxVisitor {
  let converter: SourceLocationConverter
  private(set) var index = FileIndex(language: .swift)

  private struct Container {
    var path: String
    var symbol: Int
    var isType: Bool
    var savedBodyDepth: Int
  }

  private var containers: [Container] = []
  /// How many function, closure or accessor bodies enclose the current node; variables there are locals.
  private var bodyDepth = 0

  init(converter: SourceLocationConverter) {
    self.converter = converter
    super.init(viewMode: .sourceAccurate)
  }

  // MARK: Bodies (locals are not definitions)

  override func visit(_ node: CodeBlockSyntax) -> SyntaxVisitorContinueKind {
    bodyDepth += 1
    return .visitChildren
  }
  override func visitPost(_ node: CodeBlockSyntax) { bodyDepth -= 1 }
  override func visit(_ node: ClosureExprSyntax) -> SyntaxVisitorContinueKind {
    bodyDepth += 1
    return .visitChildren
  }
  override func visitPost(_ node: ClosureExprSyntax) { bodyDepth -= 1 }
  override func visit(_ node: AccessorBlockSyntax) -> SyntaxVisitorContinueKind {
    bodyDepth += 1
    return .visitChildren
  }
  override func visitPost(_ node: AccessorBlockSyntax) { bodyDepth -= 1 }

  // MARK: Types

  override func visit(_ node: ClassDeclSyntax) -> SyntaxVisitorContinueKind {
    open(node, name: node.name.plainName, kind: .class, modifiers: node.modifiers, attributes: node.attributes, bodyStart: node.memberBlock.position)
  }
  override func visitPost(_ node: ClassDeclSyntax) { close() }

  override func visit(_ node: StructDeclSyntax) -> SyntaxVisitorContinueKind {
    open(node, name: node.name.plainName, kind: .struct, modifiers: node.modifiers, attributes: node.attributes, bodyStart: node.memberBlock.position)
  }
  override func visitPost(_ node: StructDeclSyntax) { close() }

  override func visit(_ node: EnumDeclSyntax) -> SyntaxVisitorContinueKind {
    open(node, name: node.name.plainName, kind: .enum, modifiers: node.modifiers, attributes: node.attributes, bodyStart: node.memberBlock.position)
  }
  override func visitPost(_ node: EnumDeclSyntax) { close() }

  override func visit(_ node: ActorDeclSyntax) -> SyntaxVisitorContinueKind {
    open(node, name: node.name.plainName, kind: .actor, modifiers: node.modifiers, attributes: node.attributes, bodyStart: node.memberBlock.position)
  }
  override func visitPost(_ node: ActorDeclSyntax) { close() }

  override func visit(_ node: ProtocolDeclSyntax) -> SyntaxVisitorContinueKind {
    open(node, name: node.name.plainName, kind: .protocol, modifiers: node.modifiers, attributes: node.attributes, bodyStart: node.memberBlock.position)
  }
  override func visitPost(_ node: ProtocolDeclSyntax) { close() }

  override func visit(_ node: ExtensionDeclSyntax) -> SyntaxVisitorContinueKind {
    let name = collapsed(node.extendedType)
    return open(node, name: name, kind: .extension, modifiers: node.modifiers, attributes: node.attributes, bodyStart: node.memberBlock.position)
  }
  override func visitPost(_ node: ExtensionDeclSyntax) { close() }

  // MARK: Functions and their relatives

  override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind {
    let kind: SymbolKind = containers.last?.isType == true ? .method : .function
    return open(node, name: node.name.plainName, kind: kind, modifiers: node.modifiers, attributes: node.attributes, bodyStart: node.body?.position)
  }
  override func visitPost(_ node: FunctionDeclSyntax) { close() }

  override func visit(_ node: InitializerDeclSyntax) -> SyntaxVisitorContinueKind {
    open(node, name: "init", kind: .initializer, modifiers: node.modifiers, attributes: node.attributes, bodyStart: node.body?.position)
  }
  override func visitPost(_ node: InitializerDeclSyntax) { close() }

  override func visit(_ node: DeinitializerDeclSyntax) -> SyntaxVisitorContinueKind {
    open(node, name: "deinit", kind: .deinitializer, modifiers: node.modifiers, attributes: node.attributes, bodyStart: node.body?.position)
  }
  override func visitPost(_ node: DeinitializerDeclSyntax) { close() }

  override func visit(_ node: SubscriptDeclSyntax) -> SyntaxVisitorContinueKind {
    open(node, name: "subscript", kind: .subscript, modifiers: node.modifiers, attributes: node.attributes, bodyStart: node.accessorBlock?.position)
  }
  override func visitPost(_ node: SubscriptDeclSyntax) { close() }

  // MARK: Leaves

  override func visit(_ node: VariableDeclSyntax) -> SyntaxVisitorContinueKind {
    guard bodyDepth == 0 else { return .skipChildren }
    let kind: SymbolKind = containers.last?.isType == true ? .property : .variable
    let prefix = signature(of: node, from: nil, upTo: node.bindingSpecifier.endPositionBeforeTrailingTrivia, attributes: node.attributes)
    for (offset, binding) in node.bindings.enumerated() {
      let tail = collapsed(binding.pattern) + (binding.typeAnnotation.map { collapsed($0) } ?? "")
      let start = offset == 0 ? startPosition(of: node, attributes: node.attributes) : binding.positionAfterSkippingLeadingTrivia
      for name in boundNames(binding.pattern) {
        record(
          name: name, kind: kind, start: start, end: (binding.trailingComma?.position ?? binding.endPositionBeforeTrailingTrivia),
          signature: prefix + " " + tail, modifiers: node.modifiers)
      }
    }
    return .visitChildren
  }

  override func visit(_ node: EnumCaseDeclSyntax) -> SyntaxVisitorContinueKind {
    let prefix = signature(of: node, from: nil, upTo: node.caseKeyword.endPositionBeforeTrailingTrivia, attributes: node.attributes)
    for (offset, element) in node.elements.enumerated() {
      let start = offset == 0 ? startPosition(of: node, attributes: node.attributes) : element.positionAfterSkippingLeadingTrivia
      record(
        name: element.name.plainName, kind: .enumCase, start: start,
        end: element.trailingComma?.position ?? element.endPositionBeforeTrailingTrivia,
        signature: prefix + " " + collapsed(element.trimmed.with(\.trailingComma, nil)), modifiers: node.modifiers)
    }
    return .skipChildren
  }

  override func visit(_ node: TypeAliasDeclSyntax) -> SyntaxVisitorContinueKind {
    leaf(node, name: node.name.plainName, kind: .typealias, modifiers: node.modifiers, attributes: node.attributes)
  }

  override func visit(_ node: AssociatedTypeDeclSyntax) -> SyntaxVisitorContinueKind {
    leaf(node, name: node.name.plainName, kind: .associatedtype, modifiers: node.modifiers, attributes: node.attributes)
  }

  override func visit(_ node: MacroDeclSyntax) -> SyntaxVisitorContinueKind {
    leaf(node, name: node.name.plainName, kind: .macro, modifiers: node.modifiers, attributes: node.attributes, upTo: node.definition?.position)
  }

  override func visit(_ node: OperatorDeclSyntax) -> SyntaxVisitorContinueKind {
    leaf(node, name: node.name.plainName, kind: .operator, modifiers: nil, attributes: nil)
  }

  override func visit(_ node: PrecedenceGroupDeclSyntax) -> SyntaxVisitorContinueKind {
    leaf(node, name: node.name.plainName, kind: .precedencegroup, modifiers: node.modifiers, attributes: node.attributes, upTo: node.leftBrace.position)
  }

  // MARK: Recording

  private func open(
    _ node: some SyntaxProtocol, name: String, kind: SymbolKind, modifiers: DeclModifierListSyntax,
    attributes: AttributeListSyntax, bodyStart: AbsolutePosition?
  ) -> SyntaxVisitorContinueKind {
    let at = record(
      name: name, kind: kind, start: startPosition(of: node, attributes: attributes), end: node.endPositionBeforeTrailingTrivia,
      signature: signature(of: node, from: nil, upTo: bodyStart, attributes: attributes), modifiers: modifiers)
    let path = containers.last.map { $0.path + "." + name } ?? name
    containers.append(Container(path: path, symbol: at, isType: kind.isType, savedBodyDepth: bodyDepth))
    // Members of a type declared inside a function body are members, not locals.
    if kind.isType { bodyDepth = 0 }
    return .visitChildren
  }

  private func close() {
    let container = containers.removeLast()
    bodyDepth = container.savedBodyDepth
  }

  private func leaf(
    _ node: some SyntaxProtocol, name: String, kind: SymbolKind, modifiers: DeclModifierListSyntax?,
    attributes: AttributeListSyntax?, upTo end: AbsolutePosition? = nil
  ) -> SyntaxVisitorContinueKind {
    record(
      name: name, kind: kind, start: startPosition(of: node, attributes: attributes), end: node.endPositionBeforeTrailingTrivia,
      signature: signature(of: node, from: nil, upTo: end, attributes: attributes), modifiers: modifiers)
    return .skipChildren
  }

  @discardableResult
  private func record(
    name: String, kind: SymbolKind, start: AbsolutePosition, end: AbsolutePosition, signature: String,
    modifiers: DeclModifierListSyntax?
  ) -> Int {
    let startLocation = converter.location(for: start)
    let endLocation = converter.location(for: end)
    var access: AccessLevel?
    var isStatic = false
    for modifier in modifiers ?? [] {
      switch modifier.name.tokenKind {
      case .keyword(.static), .keyword(.class): isStatic = true
      case .keyword(.private) where modifier.detail == nil: access = .private
      case .keyword(.fileprivate) where modifier.detail == nil: access = .fileprivate
      case .keyword(.internal) where modifier.detail == nil: access = .internal
      case .keyword(.package) where modifier.detail == nil: access = .package
      case .keyword(.public) where modifier.detail == nil: access = .public
      case .keyword(.open) where modifier.detail == nil: access = .open
      default: break
      }
    }
    let symbol = Symbol(
      name: name, kind: kind, container: containers.last?.path ?? "",
      range: SourceRange(
        start: SourcePosition(line: startLocation.line, column: startLocation.column),
        end: SourcePosition(line: endLocation.line, column: endLocation.column)),
      signature: signature, access: access, isStatic: isStatic)
    return index.append(symbol, parent: containers.last?.symbol ?? -1)
  }

  /// The first token after the attributes: a declaration starts at its modifiers or keyword.
  private func startPosition(of node: some SyntaxProtocol, attributes: AttributeListSyntax?) -> AbsolutePosition {
    guard let attributes, !attributes.isEmpty else { return node.positionAfterSkippingLeadingTrivia }
    let afterAttributes = attributes.endPosition
    for token in node.tokens(viewMode: .sourceAccurate) where token.position >= afterAttributes {
      return token.positionAfterSkippingLeadingTrivia
    }
    return node.positionAfterSkippingLeadingTrivia
  }

  /// The declaration's tokens without attributes and without its body, joined by single spaces where the source had any gap.
  private func signature(
    of node: some SyntaxProtocol, from: AbsolutePosition?, upTo end: AbsolutePosition?, attributes: AttributeListSyntax?
  ) -> String {
    let skipBefore = attributes.map { $0.endPosition } ?? node.position
    var text = ""
    var previous: TokenSyntax?
    for token in node.tokens(viewMode: .sourceAccurate) {
      if token.position < skipBefore { continue }
      if let end, token.positionAfterSkippingLeadingTrivia >= end { break }
      if let previous, !previous.trailingTrivia.isEmpty || !token.leadingTrivia.isEmpty,
        let last = previous.text.utf8.last, let next = token.text.utf8.first,
        SignatureBuilder.wantsSpace(after: last, before: next)
      {
        text += " "
      }
      text += token.text
      previous = token
    }
    return text
  }

  private func collapsed(_ node: some SyntaxProtocol) -> String {
    signature(of: node, from: nil, upTo: nil, attributes: nil)
  }

  /// The names a binding pattern introduces: `x`, or each name in `(a, (b, c))`.
  private func boundNames(_ pattern: PatternSyntax) -> [String] {
    if let identifier = pattern.as(IdentifierPatternSyntax.self) { return [identifier.identifier.plainName] }
    if let tuple = pattern.as(TuplePatternSyntax.self) { return tuple.elements.flatMap { boundNames($0.pattern) } }
    if let binding = pattern.as(ValueBindingPatternSyntax.self) { return boundNames(binding.pattern) }
    return []
  }
}

extension TokenSyntax {
  /// The name as users search for it: `` `default` `` is stored as `default`.
  var plainName: String {
    let text = self.text
    guard text.count >= 2, text.first == "`", text.last == "`" else { return text }
    return String(text.dropFirst().dropLast())
  }
}
