import IndexerModel

/// What a use at a place names, by its language's rules: the definition it reaches, and the uses that reach
/// the same one. Where the rules reach nothing, the name search ranked by nearness, marked `name`.
extension QueryEngine {
  /// How many name matches a use gets when its language's rules ran and could not decide: the nearest few
  /// are a guess worth showing; the rest of a common name's hundred are noise (`query symbol` lists them).
  public static let guessLimit = 3

  /// The definitions of the use at `position`, resolved by the language's rules where the reader recorded
  /// scopes (one answer, saying how it was found), else the name search above with resolution `name`
  /// (at most `guessLimit` of it where the rules ran).
  public func resolvedDefinitions(
    path: String, at position: SourcePosition, limit: Int = definitionLimit
  ) throws(StoreError) -> [ResolvedDefinition] {
    // One read transaction for every statement resolution runs: one snapshot, and SQLite's file locks taken
    // once instead of once per statement.
    try connection().inReadTransaction { () throws(StoreError) in try definitionsInSnapshot(path: path, at: position, limit: limit) }
  }

  private func definitionsInSnapshot(path: String, at position: SourcePosition, limit: Int) throws(StoreError) -> [ResolvedDefinition] {
    guard let (name, start) = identifier(path: path, at: position) else { return [] }
    let resolver = NameResolver(source: self)
    if NameResolver.resolves(path), let resolved = try resolver.resolve(name: name, path: path, at: start) { return [resolved] }
    var matches = try definitions(path: path, at: position, limit: limit)
    // A member whose receiver could not be typed is still a member: a top-level function or variable of the
    // same name is not it.
    if NameResolver.resolves(path), try resolver.isUntypedMember(path: path, at: start) {
      let members = matches.filter { !$0.symbol.container.isEmpty }
      if !members.isEmpty { matches = members }
    }
    var answers = matches.map { match in
      ResolvedDefinition(path: match.path, name: match.symbol.name, position: match.symbol.range.start, symbol: match, resolution: .name)
    }
    // An attribute set through `self` is no outline symbol, so the name search cannot offer it; when the
    // use's own file sets one and defines nothing of that name, it is the likeliest guess.
    if NameResolver.resolves(path), !answers.contains(where: { $0.path == path }),
      let attribute = try resolver.attribute(named: name, in: path)
    {
      answers.insert(attribute, at: 0)
      if answers.count > max(1, limit) { answers.removeLast() }
    }
    return NameResolver.resolves(path) ? Array(answers.prefix(Self.guessLimit)) : answers
  }

  /// The uses of what the identifier at `position` names, as resolution ties them to it: a local's in its
  /// file; anything else's in every file that mentions the name, each occurrence resolved in turn. Those
  /// that resolve to it come first (with how), then the members whose receiver the rules could not type
  /// (resolution `name`: they may be uses of it). Where the use itself does not resolve (no rules for its
  /// language, a builtin), every occurrence of the name, marked `name`. Nil when no identifier is there.
  public func resolvedReferences(
    path: String, at position: SourcePosition, includeDeclaration: Bool, limit: Int? = nil
  ) throws(StoreError) -> (name: String, references: [ResolvedReference])? {
    try connection().inReadTransaction { () throws(StoreError) in
      try referencesInSnapshot(path: path, at: position, includeDeclaration: includeDeclaration, limit: limit)
    }
  }

  /// The uses in `path` of what the identifier at `position` names (LSP `documentHighlight`): resolved as
  /// `resolvedReferences` resolves them, declaration included, but only this file's occurrences are read;
  /// where the use does not resolve, every occurrence of the name in the file. Nil when no identifier is there.
  public func highlights(path: String, at position: SourcePosition) throws(StoreError) -> [ResolvedReference]? {
    try connection().inReadTransaction { () throws(StoreError) in
      try referencesInSnapshot(path: path, at: position, includeDeclaration: true, limit: nil, onlyThisFile: true)?.references
    }
  }

  private func referencesInSnapshot(
    path: String, at position: SourcePosition, includeDeclaration: Bool, limit: Int?, onlyThisFile: Bool = false
  ) throws(StoreError) -> (name: String, references: [ResolvedReference])? {
    guard let (name, start) = identifier(path: path, at: position) else { return nil }
    let resolver = NameResolver(source: self)
    guard NameResolver.resolves(path), let target = try resolver.resolve(name: name, path: path, at: start),
      target.resolution != .name
    else {
      if onlyThisFile {
        return (name, try references(ReferenceFilter(name: name, pathGlob: PathGlob.literal(path))).map { ResolvedReference(match: $0, resolution: .name) })
      }
      guard let plain = try references(path: path, at: position, includeDeclaration: includeDeclaration, limit: limit) else { return nil }
      return (name, plain.matches.map { ResolvedReference(match: $0, resolution: .name) })
    }
    // A JavaScript/TypeScript name for a whole module (`const m = require('./m')`) is that file's own alias:
    // its references are its uses there, as TypeScript's service counts them.
    let moduleAlias = target.bindingKind == "module" && [.javascript, .typescript].contains(Language(fileName: path))
    let local = (target.resolution == .local && target.path == path) || moduleAlias || onlyThisFile
    let occurrences = try references(ReferenceFilter(name: name, pathGlob: local ? PathGlob.literal(path) : nil))
    var tied: [ResolvedReference] = []
    var unknown: [ResolvedReference] = []
    for occurrence in occurrences {
      if occurrence.path == target.path && occurrence.position == target.position {
        if includeDeclaration { tied.append(ResolvedReference(match: occurrence, resolution: target.resolution)) }
        continue
      }
      // A use in a language without rules cannot be shown to be one of this definition.
      guard NameResolver.resolves(occurrence.path) else { continue }
      if let found = try resolver.resolve(name: name, path: occurrence.path, at: occurrence.position) {
        if found.sameTarget(as: target) {
          tied.append(ResolvedReference(match: occurrence, resolution: found.resolution))
        }
      } else if !occurrence.isDefinition, try resolver.isUntypedMember(path: occurrence.path, at: occurrence.position) {
        unknown.append(ResolvedReference(match: occurrence, resolution: .name))
      }
    }
    let all = tied + unknown
    return (name, limit.map { Array(all.prefix(max(0, $0))) } ?? all)
  }
}
