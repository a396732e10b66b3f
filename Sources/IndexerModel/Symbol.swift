/// Access level as written in the source; `nil` in `Symbol` means none was written.
public enum AccessLevel: String, Sendable, CaseIterable, Codable {
  case `private`
  case `fileprivate`
  case `internal`
  case `package`
  case `public`
  case `open`
  /// Java, TypeScript and C++ `protected`. Appended: the stored code of every level above is its position.
  case protected
}

/// One definition in a file.
public struct Symbol: Sendable, Hashable {
  public var name: String
  public var kind: SymbolKind
  /// The dotted path of the enclosing definitions (`Outer.Inner`), empty at file level.
  public var container: String
  public var range: SourceRange
  /// The declaration without its body, whitespace collapsed to single spaces.
  public var signature: String
  public var access: AccessLevel?
  public var isStatic: Bool

  public init(
    name: String, kind: SymbolKind, container: String, range: SourceRange, signature: String,
    access: AccessLevel? = nil, isStatic: Bool = false
  ) {
    self.name = name
    self.kind = kind
    self.container = container
    self.range = range
    self.signature = signature
    self.access = access
    self.isStatic = isStatic
  }

  /// `container.name`, or `name` at file level.
  public var qualifiedName: String {
    qualifiedName(separator: ".")
  }

  /// `container` + separator + `name`; the separator is the language's (`::` in C++).
  public func qualifiedName(separator: String) -> String {
    container.isEmpty ? name : container + separator + name
  }
}
