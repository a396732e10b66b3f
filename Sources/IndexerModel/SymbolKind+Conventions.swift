/// How other tools name our kinds: LSP's `SymbolKind` numbers (editors show icons by them) and Universal
/// Ctags' kind letter and name per language (Vim and Emacs show and filter tags by them).
extension SymbolKind {
  /// The LSP 3.17 `SymbolKind` number (editors show icons by it): an extension is a Namespace, as a C++
  /// namespace is; a type alias or typedef a Class, as clangd shows them.
  public var lspKind: Int {
    switch self {
    case .class, .actor: 5
    case .struct, .record: 23
    case .enum: 10
    case .protocol, .interface, .annotation: 11
    case .extension, .namespace: 3
    case .module: 2
    case .function, .macro, .prototype: 12
    case .method, .subscript, .deinitializer: 6
    case .initializer: 9
    case .variable, .externvar: 13
    case .property: 7
    case .field: 8
    case .enumCase: 22
    case .typealias, .typedef, .type, .union: 5
    case .associatedtype: 26
    case .operator, .precedencegroup: 25
    case .constant: 14
    }
  }

  /// Universal Ctags' kind for this kind in `language`: its one-letter code and its full name, so an
  /// exported tags file reads like ctags' own (`f` / `function` for a C function, `m` / `member` for a Python
  /// method). Kinds ctags has no word for in a language keep our name and its first letter.
  public func ctagsKind(in language: Language) -> (letter: Character, name: String) {
    switch (language, self) {
    case (.c, .function), (.cpp, .function), (.c, .method), (.cpp, .method), (.c, .initializer), (.cpp, .initializer),
      (.c, .deinitializer), (.cpp, .deinitializer):
      return ("f", "function")
    case (.c, .field), (.cpp, .field): return ("m", "member")
    case (.c, .enumCase), (.cpp, .enumCase): return ("e", "enumerator")
    case (.c, .macro), (.cpp, .macro): return ("d", "macro")
    case (.c, .enum), (.cpp, .enum), (.java, .enum), (.rust, .enum), (.typescript, .enum): return ("g", "enum")
    case (.c, .constant), (.cpp, .constant), (.c, .variable), (.cpp, .variable): return ("v", "variable")
    case (.c, .externvar), (.cpp, .externvar): return ("x", "externvar")
    case (.python, .method): return ("m", "member")
    case (.python, .property): return ("v", "variable")
    case (.java, .enumCase): return ("e", "enumConstant")
    case (.java, .initializer), (.javascript, .initializer), (.typescript, .initializer): return ("m", "method")
    case (.java, .record): return ("c", "class")
    case (.rust, .method): return ("P", "method")
    case (.rust, .extension): return ("c", "implementation")
    case (.rust, .enumCase), (.typescript, .enumCase): return ("e", "enumerator")
    case (.rust, .field), (.go, .field): return ("m", language == .go ? "member" : "field")
    case (.rust, .module): return ("n", "module")
    case (.rust, .typealias): return ("t", "typedef")
    case (.rust, .constant), (.rust, .variable): return ("v", "variable")
    case (.rust, .macro): return ("M", "macro")
    case (.rust, .interface), (.go, .interface), (.java, .interface), (.typescript, .interface): return ("i", "interface")
    case (.go, .function), (.go, .method): return ("f", "func")
    case (.go, .typealias): return ("a", "talias")
    case (.go, .constant): return ("c", "const")
    case (.go, .variable): return ("v", "var")
    case (.javascript, .constant), (.typescript, .constant): return ("C", "constant")
    case (.typescript, .typealias): return ("a", "alias")
    case (.typescript, .module): return ("n", "namespace")
    default:
      return (rawValue.first ?? "x", rawValue)
    }
  }
}
