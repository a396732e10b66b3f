import IndexerModel

/// SCIP symbol strings (`<scheme> <manager> <package> <version> <descriptors>`) for the index's definitions.
///
/// The package part is `. . .` (a workspace is not a package the index knows). Descriptors are the file's
/// path as namespaces (so same-named top-level definitions in different files, C statics or Python module
/// functions, stay apart), then the enclosing definitions, then the definition itself with the suffix its
/// kind calls for. Names that are not simple identifiers are escaped in backticks.
enum SCIPSymbol {
  static let prefix = "indexer . . . "

  /// One descriptor for a definition of `kind` named `name`.
  static func descriptor(_ name: String, kind: SymbolKind) -> String {
    let escaped = escape(name)
    switch kind {
    case .namespace, .module: return escaped + "/"
    case .function, .method, .initializer, .deinitializer, .subscript, .prototype, .operator: return escaped + "()."
    case .macro: return escaped + "!"
    case .variable, .externvar, .property, .field, .constant, .enumCase, .precedencegroup: return escaped + "."
    case .class, .struct, .enum, .actor, .protocol, .extension, .interface, .record, .annotation, .union, .typealias,
      .typedef, .type, .associatedtype:
      return escaped + "#"
    }
  }

  /// The path's components as namespace descriptors.
  static func pathDescriptors(_ path: String) -> String {
    path.split(separator: "/", omittingEmptySubsequences: true).map { escape(String($0)) + "/" }.joined()
  }

  /// `name` as a SCIP identifier: as is when every character is `_ + - $` or an ASCII letter or digit,
  /// else between backticks with backticks doubled.
  static func escape(_ name: String) -> String {
    let simple = !name.isEmpty && name.utf8.allSatisfy { byte in
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "$"):
        true
      default: false
      }
    }
    return simple ? name : "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
  }

  /// SCIP's `SymbolInformation.Kind` number for a definition kind.
  static func kind(_ kind: SymbolKind) -> Int32 {
    switch kind {
    case .class, .actor: 7
    case .struct, .record: 49
    case .enum: 11
    case .protocol: 42
    case .extension: 84
    case .function, .prototype: 17
    case .method, .deinitializer: 26
    case .initializer: 9
    case .subscript: 47
    case .variable, .externvar: 61
    case .property: 41
    case .enumCase: 12
    case .typealias, .typedef: 55
    case .associatedtype: 3
    case .macro: 25
    case .operator: 34
    case .precedencegroup: 0
    case .interface, .annotation: 21
    case .constant: 8
    case .field: 15
    case .type: 54
    case .module: 29
    case .union: 59
    case .namespace: 30
    }
  }

  /// SCIP's `SymbolInformation.Kind` number for a local binding (`ResolvedDefinition.bindingKind`).
  static func kind(binding: String) -> Int32 {
    switch binding {
    case "parameter": 37
    case "type-parameter": 58
    default: 61
    }
  }

  /// SCIP's name for a language (`Document.language`, from its `Language` enum).
  static func language(_ language: Language) -> String {
    switch language {
    case .swift: "Swift"
    case .python: "Python"
    case .c: "C"
    case .cpp: "CPP"
    case .go: "Go"
    case .java: "Java"
    case .javascript: "JavaScript"
    case .typescript: "TypeScript"
    case .rust: "Rust"
    }
  }
}
