import IndexerModel

extension SymbolKind {
  /// LSP's `SymbolKind` number for this kind of definition.
  var lspKind: Int {
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
    case .variable: 13
    case .property: 7
    case .field: 8
    case .enumCase: 22
    case .typealias, .typedef, .type, .union: 5
    case .associatedtype: 26
    case .operator, .precedencegroup: 25
    case .constant: 14
    }
  }
}
