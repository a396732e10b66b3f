/// The records a query answers with, shared by the store that reads them and every layer above it: a
/// definition with its file, an occurrence of a name, and which occurrences `query refs` wants.

/// A definition found by a query, with the file it is in.
public struct SymbolMatch: Sendable, Hashable {
  public var symbol: Symbol
  public var path: String
  public var language: Language

  public init(symbol: Symbol, path: String, language: Language) {
    self.symbol = symbol
    self.path = path
    self.language = language
  }
}

/// One occurrence of a name: where, inside which definition, and whether it is a definition itself.
public struct ReferenceMatch: Sendable, Hashable {
  public var path: String
  public var language: Language
  public var position: SourcePosition
  /// The definition this occurrence names, when it is the name of a definition.
  public var definition: Symbol?
  /// The innermost definition enclosing the occurrence (qualified), or "" at file level.
  public var container: String
  /// That definition's kind and where it starts (nil at file level): a type hierarchy keeps only the
  /// occurrences in a type's head without decoding each file again.
  public var containerKind: SymbolKind?
  public var containerStart: SourcePosition?

  public var isDefinition: Bool { definition != nil }

  public init(
    path: String, language: Language, position: SourcePosition, definition: Symbol?, container: String,
    containerKind: SymbolKind? = nil, containerStart: SourcePosition? = nil
  ) {
    self.path = path
    self.language = language
    self.position = position
    self.definition = definition
    self.container = container
    self.containerKind = containerKind
    self.containerStart = containerStart
  }
}

/// Which references `query refs` wants: one exact, case-sensitive name, narrowed like `query symbol`.
public struct ReferenceFilter: Sendable {
  public var name: String
  public var languages: [Language]
  /// SQLite GLOB on the relative path (`*` also matches `/`).
  public var pathGlob: String?
  public var limit: Int?

  public init(name: String, languages: [Language] = [], pathGlob: String? = nil, limit: Int? = nil) {
    self.name = name
    self.languages = languages
    self.pathGlob = pathGlob
    self.limit = limit
  }
}

/// A file the name-to-files data lists for a name: the store finds these, the query core reads them.
package struct MentioningFile: Sendable {
  package var id: Int64
  package var path: String
  package var language: Language

  package init(id: Int64, path: String, language: Language) {
    self.id = id
    self.path = path
    self.language = language
  }
}
