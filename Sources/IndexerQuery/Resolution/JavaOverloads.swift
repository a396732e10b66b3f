/// How a Java call's arguments fit an overload's parameters, over the labels the reader writes: a method's
/// `count|T1|T2…` (`1+` when the last is varargs, `String...` as `String[]`) and a call's `count|A1|A2…`
/// (types as the source spells them, empty where unknown).
enum JavaOverloads {
  /// The parameter count part of a method's labels (`2`, `1+`).
  static func count(of labels: String) -> Substring {
    labels.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
  }

  /// Whether a varargs method (`1+`) takes `arity` arguments.
  static func acceptsVarargs(labels: String, arity: Int) -> Bool {
    let count = count(of: labels)
    guard count.hasSuffix("+"), let fixed = Int(count.dropLast()) else { return false }
    return arity >= fixed
  }

  /// How well `arguments` fit the parameters in `labels`: higher is better; a known mismatch (a `String`
  /// for an `int`) sinks it. `subtype(a, p)` says whether class `a` is `p` or extends or implements it, nil
  /// when the workspace cannot tell (a base declared outside it).
  static func score(labels: String, arguments: [String], subtype: (String, String) -> Bool? = { _, _ in nil }) -> Int {
    let parts = labels.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    let parameters = Array(parts.dropFirst())
    let varargs = parts.first?.hasSuffix("+") == true
    var total = 0
    for (i, argument) in arguments.enumerated() where !argument.isEmpty {
      guard !parameters.isEmpty else { break }
      let isSpread = varargs && i >= parameters.count - 1
      let parameter = isSpread ? parameters[parameters.count - 1] : (i < parameters.count ? parameters[i] : "")
      var fit = self.fit(argument, parameter, subtype)
      if isSpread, parameter.hasSuffix("[]") {
        // Spread into the varargs array's elements, or passed as the array itself.
        fit = max(fit, self.fit(argument, String(parameter.dropLast(2)), subtype))
      }
      total += fit
    }
    return total
  }

  private static func fit(_ argument: String, _ parameter: String, _ subtype: (String, String) -> Bool?) -> Int {
    if argument == parameter { return 3 }
    if parameter.isEmpty { return 0 }
    let argumentIsPrimitive = widening[argument] != nil
    let parameterIsPrimitive = widening[parameter] != nil
    if argument == "null" { return parameterIsPrimitive ? -10 : 1 }
    if argumentIsPrimitive && parameterIsPrimitive { return widening[argument]?.contains(parameter) == true ? 1 : -10 }
    if boxes[argument] == parameter || boxes[parameter] == argument { return 2 }
    if parameter == "Object" || isTypeVariable(parameter) { return 1 }
    if argumentIsPrimitive != parameterIsPrimitive { return -10 }
    if argument.hasSuffix("[]") != parameter.hasSuffix("[]") { return -5 }
    if argument == "String" && parameter != "CharSequence" && parameter != "Comparable" { return -5 }
    if argument.hasSuffix("[]") { return 0 }
    // Two classes: related through the argument's bases, or known not to be.
    return subtype(argument, parameter).map { $0 ? 2 : -5 } ?? 0
  }

  /// `T`, `E`, `K2`: by convention a type variable.
  private static func isTypeVariable(_ type: String) -> Bool {
    guard let first = type.first, first.isUppercase else { return false }
    return type.count <= 2
  }

  /// What each primitive widens to.
  private static let widening: [String: Set<String>] = [
    "byte": ["short", "int", "long", "float", "double"],
    "short": ["int", "long", "float", "double"],
    "char": ["int", "long", "float", "double"],
    "int": ["long", "float", "double"],
    "long": ["float", "double"],
    "float": ["double"],
    "double": [],
    "boolean": [],
  ]

  private static let boxes: [String: String] = [
    "byte": "Byte", "short": "Short", "char": "Character", "int": "Integer", "long": "Long", "float": "Float", "double": "Double",
    "boolean": "Boolean",
  ]

  /// `a.b.C[]` → `C[]`.
  static func lastName(_ type: String) -> String {
    guard let dot = type.lastIndex(of: ".") else { return type }
    return String(type[type.index(after: dot)...])
  }
}
