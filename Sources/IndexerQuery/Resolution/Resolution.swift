import IndexerModel
import IndexerStore

/// How an answer about a use of a name was found, strongest first. Front ends show it, so a user can tell
/// a definition the rules reached from a guess by name.
public enum Resolution: String, Sendable, Hashable, CaseIterable {
  /// A binding of the function, lambda or comprehension the use is in, or of one enclosing it.
  case local
  /// A name an import binds, followed to what it names.
  case `import`
  /// A member, through its receiver's type or module.
  case member
  /// A binding of the file or of a type body visible from the use.
  case scope
  /// A definition with that name, ranked by nearness: the rules reached nothing.
  case name
}

/// Where a use's definition is: the place of the defining name, and the outline symbol when there is one
/// (a local has none).
public struct ResolvedDefinition: Sendable, Hashable {
  public var path: String
  public var name: String
  /// The first byte of the defining name.
  public var position: SourcePosition
  public var symbol: SymbolMatch?
  public var resolution: Resolution
  /// What binds the name there when it is no outline symbol (`parameter`, `local`, `import`, …); empty otherwise.
  public var bindingKind: String
  /// The function, class or file scope (in `path`'s scopes) whose variable `name` this is, -1 when not known
  /// (a module, a guess by name). Python binds per scope, not per assignment: two assignments to `x` in
  /// one function are one variable, and references gather its uses.
  public var scope: Int = -1

  /// Whether `other` denotes the same thing: the same variable of the same scope, else the same place.
  public func sameTarget(as other: ResolvedDefinition) -> Bool {
    guard path == other.path else { return false }
    if scope >= 0 && other.scope >= 0 { return scope == other.scope && name == other.name }
    return position == other.position
  }

  public init(
    path: String, name: String, position: SourcePosition, symbol: SymbolMatch?, resolution: Resolution, bindingKind: String = ""
  ) {
    self.path = path
    self.name = name
    self.position = position
    self.symbol = symbol
    self.resolution = resolution
    self.bindingKind = bindingKind
  }
}

/// What resolution reads of the index: files' outlines with their scopes, whether a path is a file of
/// the index, and the name search it falls back to. The store answers in production; tests may answer
/// from extracted files without a database.
public protocol ResolutionSource {
  /// The outline and scopes of `path`, nil when it is not in the index.
  func resolvable(path: String) throws(StoreError) -> FileIndex?
  func contains(path: String) throws(StoreError) -> Bool
  /// The outline definitions named exactly `name` in files of `language` (types, members, functions), for
  /// the languages whose names reach across files without an import (a Swift module's files, a Go
  /// package's); with `pathGlob`, only in the files it matches (a common name has more than the limit).
  func definitions(named name: String, language: Language, pathGlob: String?) throws(StoreError) -> [SymbolMatch]
  /// Every path in the index, for a question that would otherwise ask `contains` thousands of times; nil
  /// when the source cannot list them.
  func indexedPaths() throws(StoreError) -> Set<String>?
  /// The imports of `path` without its outline or other scopes, nil when it is not in the index.
  func imports(path: String) throws(StoreError) -> [FileScopes.Import]?
}

extension ResolutionSource {
  public func indexedPaths() throws(StoreError) -> Set<String>? { nil }

  public func imports(path: String) throws(StoreError) -> [FileScopes.Import]? {
    try resolvable(path: path)?.scopes.imports
  }

  func definitions(named name: String, language: Language) throws(StoreError) -> [SymbolMatch] {
    try definitions(named: name, language: language, pathGlob: nil)
  }
}

extension QueryEngine: ResolutionSource {
  public func definitions(named name: String, language: Language, pathGlob: String?) throws(StoreError) -> [SymbolMatch] {
    let memo = try resolutionMemo()
    let key = language.rawValue + "\u{0}" + name + "\u{0}" + (pathGlob ?? "")
    if let known = memo.definitions(key) { return known }
    let found = try symbols(SymbolQuery(name: name, languages: [language], pathGlob: pathGlob, limit: QueryEngine.definitionLimit))
    memo.keep(definitions: found, for: key)
    return found
  }
}

/// An occurrence found by references from a place, and how resolution tied it to the definition there.
public struct ResolvedReference: Sendable, Hashable {
  public var match: ReferenceMatch
  public var resolution: Resolution

  public init(match: ReferenceMatch, resolution: Resolution) {
    self.match = match
    self.resolution = resolution
  }
}
