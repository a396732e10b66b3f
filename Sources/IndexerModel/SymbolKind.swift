/// What a definition is. The raw value is the name printed and accepted by `--kind`.
public enum SymbolKind: String, Sendable, CaseIterable, Codable {
  case `class`
  case `struct`
  case `enum`
  case actor
  case `protocol`
  case `extension`
  case function
  case method
  case initializer
  case deinitializer
  case `subscript`
  case variable
  case property
  case enumCase = "case"
  case `typealias`
  case `associatedtype`
  case macro
  case `operator`
  case `precedencegroup`
  // Added for the C-family, Go, Rust and Java extractors; appended so stored codes never change.
  case interface
  case constant
  case field
  case type
  case record
  case annotation
  case module
  case union
  // Added for the C/C++ extractor.
  case `typedef`
  case namespace
  /// A function declared without a body (a C prototype, a C++ method declared in its class is a method).
  case prototype
  /// A variable declared `extern` at file or namespace level (ctags' `externvar`): often the only declaration
  /// a header gives of a variable defined elsewhere (by a linker script, as Linux's `jiffies`, or in a .c file).
  case externvar

  /// A stable small number for the compact outline encoding; never reorder.
  public var code: UInt8 {
    UInt8(SymbolKind.allCases.firstIndex(of: self)!)
  }

  public init?(code: UInt8) {
    guard Int(code) < SymbolKind.allCases.count else { return nil }
    self = SymbolKind.allCases[Int(code)]
  }

  /// Kinds that can contain other declarations (used to decide method vs function, etc).
  public var isType: Bool {
    switch self {
    case .class, .struct, .enum, .actor, .protocol, .extension, .interface, .record, .annotation, .module, .union, .namespace: true
    default: false
    }
  }
}
