import IndexerModel
import SwiftSyntax

/// Where an implicit member (`.long`, `.customLong("x")`) takes its type from, written as a receiver the
/// resolver reads: the compiler types `.x` by its context, and the context usually writes the type.
///
/// - `@type:T` — the type written beside it: an annotation (`let n: T = .x`), a parameter's default
///   value, or the enclosing function's result (`return .x`, a one-expression body);
/// - `@of:chain` — the type of another expression: the left side of `==`, `!=`, `=`, `~=`, or the
///   subject of the `switch` whose `case .x` it is;
/// - `@param:L:C:callee:label` — the type of the callee's parameter that the argument fills (`label` is
///   `#N` for the N-th unlabeled argument), the callee being the name at line L, column C;
/// - `@each:` and one of the above — an element of an array literal in that context.
enum SwiftImplicitMemberContext {
  /// The context of `node` (an implicit member), empty when none of the above holds.
  static func receiver(
    of node: MemberAccessExprSyntax, returnType: String, converter: SourceLocationConverter
  ) -> String {
    var expression = Syntax(node)
    // `.x(…)`: the call is what its context types.
    if let call = expression.parent?.as(FunctionCallExprSyntax.self), call.calledExpression.id == expression.id {
      expression = Syntax(call)
    }
    return context(of: expression, returnType: returnType, converter: converter, depth: 0)
  }

  /// How many array literals around an implicit member are followed out (`[[.a]]`).
  static let maximumArrayDepth = 4

  /// The context of an expression; an element of an array literal is `@each:` and the array's context,
  /// typed by its element type (`[.short, .long]` passed as `[Name]`, or an option set's `[.a, .b]`).
  private static func context(of expression: Syntax, returnType: String, converter: SourceLocationConverter, depth: Int) -> String {
    guard let parent = expression.parent else { return "" }
    if parent.is(ArrayElementSyntax.self), depth < maximumArrayDepth, let array = parent.parent?.parent?.as(ArrayExprSyntax.self) {
      let outer = context(of: Syntax(array), returnType: returnType, converter: converter, depth: depth + 1)
      return outer.isEmpty ? "" : "@each:" + outer
    }
    if let argument = parent.as(LabeledExprSyntax.self) { return argumentContext(argument, converter: converter) }
    if let initializer = parent.as(InitializerClauseSyntax.self) {
      if let binding = initializer.parent?.as(PatternBindingSyntax.self), let type = binding.typeAnnotation?.type {
        return "@type:" + type.trimmedDescription
      }
      if let parameter = initializer.parent?.as(FunctionParameterSyntax.self) { return "@type:" + parameter.type.trimmedDescription }
      return ""
    }
    if parent.is(ReturnStmtSyntax.self) { return returnType.isEmpty ? "" : "@type:" + returnType }
    // A body of one expression returns it.
    if let item = parent.as(CodeBlockItemSyntax.self), let list = item.parent?.as(CodeBlockItemListSyntax.self), list.count == 1,
      list.parent?.is(CodeBlockSyntax.self) == true || list.parent?.is(AccessorBlockSyntax.self) == true
    {
      return returnType.isEmpty ? "" : "@type:" + returnType
    }
    if let sequence = parent.as(ExprListSyntax.self) { return comparisonContext(expression, in: sequence) }
    if let pattern = parent.as(ExpressionPatternSyntax.self), let item = pattern.parent?.as(SwitchCaseItemSyntax.self) {
      var node: Syntax? = Syntax(item)
      for _ in 0..<6 {
        node = node?.parent
        if let switchExpression = node?.as(SwitchExprSyntax.self) {
          let subject = SwiftScopeBuilder.receiverText(switchExpression.subject)
          return subject.isEmpty ? "" : "@of:" + subject
        }
      }
    }
    return ""
  }

  /// `a == .x`: the unfolded sequence holds `a`, the operator, then the member.
  private static func comparisonContext(_ expression: Syntax, in sequence: ExprListSyntax) -> String {
    let elements = Array(sequence)
    guard let index = elements.firstIndex(where: { $0.id == expression.id }), index >= 2 else { return "" }
    let op = elements[index - 1]
    let compares = op.as(BinaryOperatorExprSyntax.self).map { ["==", "!=", "~=", "==="].contains($0.operator.text) } ?? op.is(AssignmentExprSyntax.self)
    guard compares else { return "" }
    let left = SwiftScopeBuilder.receiverText(elements[index - 2])
    return left.isEmpty ? "" : "@of:" + left
  }

  /// Where a closure is passed, as `LINE:COLUMN:CALLEE:KEY` (`KEY` a label, `#N`, or `#trailing`): its
  /// parameters' types are the callee's parameter's function type's; nil when it is not an argument.
  static func closureArgument(_ closure: ClosureExprSyntax, converter: SourceLocationConverter) -> String? {
    let callee: TokenSyntax?
    let key: String
    if let call = closure.parent?.as(FunctionCallExprSyntax.self), call.trailingClosure?.id == closure.id {
      callee = calleeName(call)
      key = "#trailing"
    } else if let extra = closure.parent?.as(MultipleTrailingClosureElementSyntax.self),
      let call = extra.parent?.parent?.as(FunctionCallExprSyntax.self)
    {
      callee = calleeName(call)
      key = extra.label.plainName
    } else if let argument = closure.parent?.as(LabeledExprSyntax.self), let list = argument.parent?.as(LabeledExprListSyntax.self),
      let call = list.parent?.as(FunctionCallExprSyntax.self)
    {
      callee = calleeName(call)
      key = argument.label.map(\.plainName) ?? "#" + String(list.prefix { $0.id != argument.id }.count)
    } else {
      return nil
    }
    guard let callee else { return nil }
    let at = converter.location(for: callee.positionAfterSkippingLeadingTrivia)
    return "\(at.line):\(at.column):\(callee.plainName):\(key)"
  }

  /// The called name of `f(…)` or `x.f(…)`.
  static func calleeName(_ call: FunctionCallExprSyntax) -> TokenSyntax? {
    if let reference = call.calledExpression.as(DeclReferenceExprSyntax.self) { return reference.baseName }
    if let member = call.calledExpression.as(MemberAccessExprSyntax.self) { return member.declName.baseName }
    return nil
  }

  /// An argument of a call or of an attribute: the callee's parameter it fills.
  private static func argumentContext(_ argument: LabeledExprSyntax, converter: SourceLocationConverter) -> String {
    guard let list = argument.parent?.as(LabeledExprListSyntax.self) else { return "" }
    let callee: TokenSyntax?
    if let call = list.parent?.as(FunctionCallExprSyntax.self) {
      callee = calleeName(call)
    } else if let attribute = list.parent?.as(AttributeSyntax.self) {
      callee = attribute.attributeName.as(IdentifierTypeSyntax.self)?.name
    } else {
      callee = nil
    }
    guard let callee else { return "" }
    let key: String
    if let label = argument.label {
      key = label.plainName
    } else {
      key = "#" + String(list.prefix { $0.id != argument.id }.count)
    }
    let at = converter.location(for: callee.positionAfterSkippingLeadingTrivia)
    return "@param:\(at.line):\(at.column):\(callee.plainName):\(key)"
  }
}
