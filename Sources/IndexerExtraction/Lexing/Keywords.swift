/// Each language's reserved words: they are spelled like identifiers but are never references.
/// Contextual words (`get`, `type`, `of`, `override`) stay references, since code uses them as names.
enum Keywords {
  static let c = set(cWords)
  private static let cWords: [StaticString] = [
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern", "float", "for",
    "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed", "sizeof", "static", "struct",
    "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "_Bool", "_Complex", "_Static_assert", "_Alignof",
  ]
  static let cpp = set(cWords + [
      "bool", "true", "false", "class", "namespace", "template", "typename", "public", "private", "protected", "virtual",
      "new", "delete", "this", "operator", "using", "try", "catch", "throw", "const_cast", "static_cast", "dynamic_cast",
      "reinterpret_cast", "friend", "explicit", "mutable", "noexcept", "nullptr", "constexpr", "decltype", "static_assert",
    ])
  static let go = set([
    "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func", "go", "goto", "if",
    "import", "interface", "map", "package", "range", "return", "select", "struct", "switch", "type", "var",
  ])
  static let java = set([
    "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue", "default", "do",
    "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if", "implements", "import",
    "instanceof", "int", "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
    "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
    "volatile", "while", "true", "false", "null",
  ])
  static let rust = set([
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct",
    "super", "trait", "true", "type", "unsafe", "use", "where", "while",
  ])
  static let javascript = set(javascriptWords)
  private static let javascriptWords: [StaticString] = [
    "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "export",
    "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return", "super",
    "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield", "let", "await", "async",
  ]
  static let typescript = set(javascriptWords + ["interface", "enum", "implements", "declare", "readonly", "keyof"])
  static let python = set([
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
    "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
    "raise", "return", "try", "while", "with", "yield",
  ])

  /// Static strings live in the binary for the whole run, so spans over them never dangle.
  static func set(_ words: [StaticString]) -> SpanTable {
    var table = SpanTable(capacity: words.count)
    for (value, word) in words.enumerated() {
      let bytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
      let hash = SpanTable.hash(bytes)
      if table.value(of: bytes, hash: hash) == nil { table.insert(bytes, hash: hash, value: Int32(value)) }
    }
    return table
  }
}
