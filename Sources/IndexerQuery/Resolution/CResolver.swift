import IndexerModel
import IndexerStore

/// Resolves a use of a C or C++ name by the languages' rules, over what the reader recorded: the nearest
/// enclosing block, statement, lambda or function that declares it before the use; in a method (in its class
/// or `A::f` out of it) the class's members and its bases'; the enclosing namespaces' and the file's
/// declarations; `using` declarations; else the name at file or namespace level anywhere in the workspace,
/// as the linker joins translation units: a definition before a declaration (a prototype, an `extern`, a
/// method declared in its class), never another source file's `static`, the file's own and its header's
/// first, then files it includes, then the nearest. A member (`a.b`, `p->b`) is looked up in the type its
/// receiver was declared with (through typedefs, smart pointers, `auto x = new T`, functions' declared
/// results, a class's bases); `A::b` in the class or namespace `A`; `this` is the enclosing class. Going to
/// a declaration goes on to its definition, as clangd does.
///
/// Every chain it follows is bounded by `maximumSteps`.
final class CResolver {
  private let files: ResolutionFiles
  private var steps = 0
  static let maximumSteps = 160

  init(files: ResolutionFiles) {
    self.files = files
  }

  /// Where a name is defined: a binding in a file, or an outline symbol the scopes did not bind.
  struct Site {
    var path: String
    var name: String
    var binding: FileScopes.Binding?
    var symbol: SymbolMatch?
    var resolution: Resolution

    var position: SourcePosition { binding?.position ?? symbol?.symbol.range.start ?? SourcePosition(line: 1, column: 1) }
    var typeName: String { binding?.typeName ?? "" }
    /// A prototype, an `extern`, a method declared in its class, or a class, struct, union or enum declared
    /// without its body (`class Cache;`).
    var isDeclaration: Bool {
      if binding?.labels == "declaration" || symbol.map({ CResolver.declaresOnly($0.symbol.kind) }) == true { return true }
      guard let kind = symbol?.symbol.kind, [.class, .struct, .union, .enum].contains(kind) else { return false }
      return binding?.typeName.hasPrefix("@scope:") != true
    }
  }

  func resolve(name: String, path: String, at position: SourcePosition) throws(StoreError) -> ResolvedDefinition? {
    steps = 0
    guard try !isInMacroBody(path, position) else { return nil }
    guard let site = try site(name: name, path: path, at: position) else { return nil }
    return try answer(site)
  }

  func isUntypedMember(path: String, at position: SourcePosition) throws(StoreError) -> Bool {
    steps = 0
    guard try !isInMacroBody(path, position), let file = try files.file(path), let member = file.scopes.member(at: position) else {
      return false
    }
    if member.receiver.hasPrefix("::") || member.receiver.hasPrefix("@lit:") { return false }
    if member.receiver.isEmpty { return true }
    return try type(ofChain: member.receiver, in: path, at: position) == nil
  }

  private func site(name: String, path: String, at position: SourcePosition) throws(StoreError) -> Site? {
    guard take(), let file = try files.file(path), !file.scopes.isEmpty else { return nil }
    let named = try files.bindings(named: name, in: path)
    if let own = named.first(where: { $0.position == position }) {
      let site = Site(path: path, name: name, binding: own, resolution: own.scope == 0 ? .scope : (own.kind == .local || own.kind == .parameter ? .local : .scope))
      return try definition(of: site, in: file) ?? site
    }
    if let member = file.scopes.member(at: position) {
      if member.receiver == "@tag" { return try lexical(name, in: path, at: position, tags: .only) }
      if member.receiver == "@label" {
        return named.last { $0.labels == "label" && scopeHolds($0.scope, position, in: file) }.map {
          Site(path: path, name: name, binding: $0, resolution: .local)
        }
      }
      if member.receiver.hasPrefix("::") {
        return try qualified(name, in: String(member.receiver.dropFirst(2)), from: path, at: position)
      }
      if member.receiver.hasPrefix("@lit:") {
        return try self.member(name, of: String(member.receiver.dropFirst(5)), from: path)
      }
      guard !member.receiver.isEmpty, let type = try type(ofChain: member.receiver, in: path, at: position) else { return nil }
      return try self.member(name, of: type.name, from: type.path)
    }
    return try lexical(name, in: path, at: position)
  }

  /// Each file's `#define` bodies (after the macro's name), sorted: a name there means nothing until the macro
  /// is expanded somewhere, so it is left to the name search (clangd counts the expansions instead).
  private var macroBodies: [String: [SourceRange]] = [:]

  private func isInMacroBody(_ path: String, _ position: SourcePosition) throws(StoreError) -> Bool {
    if macroBodies[path] == nil {
      guard let file = try files.file(path) else { return false }
      if macroBodies.count > 256 { macroBodies.removeAll(keepingCapacity: true) }
      // By index, not `filter`: copying every macro's symbol (names, signatures) was most of this.
      var bodies: [SourceRange] = []
      for k in file.symbols.indices where file.symbols[k].kind == .macro { bodies.append(file.symbols[k].range) }
      bodies.sort { $0.start < $1.start }
      macroBodies[path] = bodies
    }
    let bodies = macroBodies[path] ?? []
    // The last body starting before the position.
    var low = 0
    var high = bodies.count
    while low < high {
      let mid = (low + high) / 2
      if bodies[mid].start < position { low = mid + 1 } else { high = mid }
    }
    guard low > 0 else { return false }
    let body = bodies[low - 1]
    return position <= body.end && position.line >= body.start.line
  }

  /// A declaration's definition: a method declared in its class → its body out of the class; a prototype or
  /// an `extern` → the definition of that name at file level. Nil when there is none.
  private func definition(of site: Site, in file: FileIndex) throws(StoreError) -> Site? {
    guard site.isDeclaration, let binding = site.binding, binding.scope >= 0, binding.scope < file.scopes.scopes.count else { return nil }
    let scope = file.scopes.scopes[binding.scope]
    if scope.kind == .type, let owner = qualifiedName(ofScope: binding.scope, in: file), !isNamespace(binding.scope, in: file) {
      // A destructor's outline name is `~A`.
      let name = binding.typeName == "~" ? "~" + site.name : site.name
      return try memberDefinitions(name, container: owner, from: site.path).first { !$0.isDeclaration }
    }
    return try global(site.name, from: site.path, namespaces: namespaces(at: binding.position, in: site.path)).flatMap { $0.isDeclaration ? nil : $0 }
  }

  // MARK: Lexical lookup

  /// Which names a use may mean: C keeps struct, union and enum tags apart from other names (`struct s`
  /// and a typedef `s` are two things); C++ does not.
  enum Tags {
    case any, only, none

    func admits(_ binding: FileScopes.Binding) -> Bool {
      switch self {
      case .any: true
      case .only: CResolver.isTag(binding)
      case .none: !CResolver.isTag(binding)
      }
    }

    func admits(_ kind: SymbolKind) -> Bool {
      let isTag = kind == .struct || kind == .union || kind == .enum
      switch self {
      case .any: return true
      case .only: return isTag
      case .none: return !isTag
      }
    }
  }

  static func isTag(_ binding: FileScopes.Binding) -> Bool {
    binding.kind == .definition && binding.typeName.hasPrefix("@scope:")
  }

  /// A macro the file defines before `position`: the preprocessor replaces the name before the compiler
  /// sees any scope.
  private func macro(_ name: String, in file: FileIndex, path: String, before position: SourcePosition) -> Site? {
    guard let symbol = file.symbols.last(where: { $0.kind == .macro && $0.name == name && $0.range.start < position }) else { return nil }
    return Site(path: path, name: name, symbol: SymbolMatch(symbol: symbol, path: path, language: file.language), resolution: .scope)
  }

  /// The innermost scope declaring `name` before `position`, the class of a method, the enclosing
  /// namespaces and the file, `using` declarations, then the workspace.
  private func lexical(_ name: String, in path: String, at position: SourcePosition, tags: Tags? = nil) throws(StoreError) -> Site? {
    guard take(), let file = try files.file(path) else { return nil }
    // The file's language as its reader decided it: a `.h` that spells C++ is C++.
    let tags = tags ?? (file.language == .cpp ? .any : .none)
    if tags != .only, let macro = macro(name, in: file, path: path, before: position) { return macro }
    let scopes = file.scopes
    let named = try files.bindings(named: name, in: path).filter { tags.admits($0) && $0.labels != "label" }
    var s = scopes.innermostScope(at: position)
    var walked = 0
    while s >= 0 && s < scopes.scopes.count && walked <= scopes.scopes.count {
      walked += 1
      let scope = scopes.scopes[s]
      switch scope.kind {
      case .type, .file:
        // A class sees all its members; a namespace or the file what is declared before the use (or anywhere,
        // for a prototype's definition further down).
        let here = named.filter { $0.scope == s && $0.kind != .attribute }
        let before = here.filter { $0.position <= position }
        let isClass = scope.kind == .type && !isNamespace(s, in: file)
        if let found = before.last ?? (isClass ? here.last : here.first) {
          let site = Site(path: path, name: name, binding: found, resolution: .scope)
          return try definition(of: site, in: file) ?? site
        }
        if isClass {
          for base in scope.bases where !base.isEmpty {
            if let found = try member(name, of: base, from: path, constructors: false) { return found }
          }
        }
      default:
        if let found = named.last(where: { $0.scope == s && $0.kind != .attribute && $0.visible <= position }) {
          return Site(path: path, name: name, binding: found, resolution: .local)
        }
        if scope.kind == .function, let owner = methodOwner(ofScope: s, in: file) {
          if let found = try member(name, of: owner, from: path, constructors: false) { return found }
        }
      }
      s = scope.parent
    }
    // `using ns::name;`.
    if let using = scopes.imports.first(where: { $0.localName == name && !$0.module.hasPrefix("\"") && $0.localName != "#include" }) {
      if let found = try qualified(name, in: using.module, from: path, at: position) { return found }
    }
    return try global(name, from: path, namespaces: namespaces(at: position, in: path), tags: tags)
  }

  private func scopeHolds(_ scope: Int, _ position: SourcePosition, in file: FileIndex) -> Bool {
    guard scope >= 0, scope < file.scopes.scopes.count else { return false }
    let range = file.scopes.scopes[scope].range
    return range.start <= position && position <= range.end
  }

  /// The namespaces a use at `position` sees: those it is in (innermost first), those a `using namespace`
  /// brings, and the global one (`""`).
  private func namespaces(at position: SourcePosition, in path: String) throws(StoreError) -> [String] {
    guard let file = try files.file(path) else { return [""] }
    var found: [String] = []
    var s = file.scopes.innermostScope(at: position)
    var walked = 0
    while s > 0 && s < file.scopes.scopes.count && walked <= file.scopes.scopes.count {
      walked += 1
      if isNamespace(s, in: file), let name = qualifiedName(ofScope: s, in: file) { found.append(name) }
      s = file.scopes.scopes[s].parent
    }
    for entry in file.scopes.imports where entry.localName == "*" { found.append(entry.module) }
    found.append("")
    return found
  }

  // MARK: Across files

  /// `name` declared at file or namespace level in the workspace, in one of `namespaces`, ranked as the
  /// linker and the includes would have it.
  private func global(_ name: String, from path: String, namespaces: [String], tags: Tags = .any) throws(StoreError) -> Site? {
    // Every use of a name in one file that no scope binds gets the same answer: a references request over a
    // common type asks it for each of a file's uses.
    let key = GlobalKey(name: name, path: path, namespaces: namespaces, tags: tags)
    if let known = globalCache[key] { return known.site }
    if globalCache.count >= Self.maximumCachedAnswers { globalCache.removeAll(keepingCapacity: true) }
    // A server's earlier requests (the same callee's callers, asked again) may have ranked it already.
    if let known = memo.global(key) {
      globalCache[key] = known
      return known.site
    }
    guard take() else { return nil }
    let found = try rankedGlobal(name, from: path, namespaces: namespaces, tags: tags)
    globalCache[key] = CachedSite(site: found)
    // An answer the step bound cut short is this question's alone.
    if steps <= Self.maximumSteps { memo.keep(global: CachedSite(site: found), for: key) }
    return found
  }

  struct GlobalKey: Hashable {
    var name: String
    var path: String
    var namespaces: [String]
    var tags: Tags
  }

  /// An answer kept, found or not.
  struct CachedSite {
    var site: Site?
  }

  private var globalCache: [GlobalKey: CachedSite] = [:]
  /// Outline symbols' sites: the same few candidates (a common type's definitions) are ranked from every file.
  private var siteCache: [SiteKey: Site] = [:]
  static let maximumCachedAnswers = 4096

  private struct SiteKey: Hashable {
    var path: String
    var position: SourcePosition
    var name: String
  }

  private func rankedGlobal(_ name: String, from path: String, namespaces: [String], tags: Tags) throws(StoreError) -> Site? {
    let candidates = try outlineDefinitions(named: name, from: path).filter { match in
      let container = match.symbol.container
      guard tags.admits(match.symbol.kind) else { return false }
      if match.symbol.kind == .enumCase { return true }
      if match.symbol.kind == .method || match.symbol.kind == .field || match.symbol.kind == .initializer { return false }
      return namespaces.contains { container == $0 || (!$0.isEmpty && $0.hasSuffix("::" + container)) }
    }
    // Another source file's `static`s, macros and types are not seen here (a header's are): only functions
    // and variables link across files.
    .filter { !(($0.symbol.isStatic || Self.staysInItsFile($0.symbol.kind)) && $0.path != path && Self.isSource($0.path)) }
    // A macro or type is seen only through the headers a file includes: when the file or a header declares the
    // name, one from a header it does not include (`#define jiffies` in a user-space shim) is not what it
    // means, though that declaration (`extern … jiffies;`, often reached through includes deeper than those
    // followed) is no definition. A declaration in another source file serves that file alone.
    let declaredNearby = candidates.count > 1 && candidates.contains { match in
      Self.declaresOnly(match.symbol.kind) && (match.path == path || !Self.isSource(match.path))
    }
    // The includes only rank candidates: with one there is nothing to rank. With several, a candidate the file
    // includes by name (or its own header) is related at once; the files reached two levels deep are followed
    // only for a candidate that would win if related (a references request resolves a common type's name in
    // thousands of files, and following each file's includes was a fifth of it).
    // A server keeps the files it followed (the memo): those it has are used whole.
    var reached: Includes? = candidates.count > 1 ? memo.includes(of: path) : Includes()
    let direct = candidates.count > 1 && reached == nil ? try directIncludeNames(of: path) : reached?.names ?? []
    var sites: [(offset: Int, match: SymbolMatch, site: Site, surely: Bool)] = []
    for (offset, match) in candidates.prefix(64).enumerated() {
      guard take() else { break }
      let surely = direct.contains(String(PathParts.lastComponent(match.path))) || Self.sameStem(match.path, path)
      sites.append((offset, match, try site(for: match, resolution: .scope), surely))
    }
    func rank(_ entry: (offset: Int, match: SymbolMatch, site: Site, surely: Bool), related isRelated: Bool) -> [Int] {
      let match = entry.match
      // A macro defined twice in one header is defined under `#if`/`#else`: the later definition is the one a
      // build without the platform's or the configuration's flags gets (`#ifdef CONFIG_X … #else stub`).
      let laterMacro = match.symbol.kind == .macro ? -match.symbol.range.start.line : 0
      let unseen = declaredNearby && Self.staysInItsFile(match.symbol.kind) && match.path != path && !isRelated
      return [
        unseen ? 1 : 0, entry.site.isDeclaration ? 1 : 0, match.path == path ? 0 : 1, isRelated ? 0 : 1,
        Self.distance(match.path, path), laterMacro, entry.offset,
      ]
    }
    // The surely related first, so that a candidate the deep includes could not lift above them is passed by.
    var best: (rank: [Int], site: Site)?
    for entry in sites.filter(\.surely) + sites.filter({ !$0.surely }) {
      var isRelated = entry.surely
      if !isRelated {
        if let best, !rank(entry, related: true).lexicographicallyPrecedes(best.rank) { continue }
        if reached == nil { reached = try includedNames(of: path) }
        isRelated = reached.map { Self.related(entry.match.path, path, $0) } ?? false
      }
      let candidateRank = rank(entry, related: isRelated)
      if best == nil || candidateRank.lexicographicallyPrecedes(best!.rank) { best = (candidateRank, entry.site) }
    }
    return best?.site
  }

  /// The outline definitions named `name` in C and C++ files, the asking file's language first.
  private func outlineDefinitions(named name: String, from path: String) throws(StoreError) -> [SymbolMatch] {
    let first: Language = try files.file(path)?.language == .cpp ? .cpp : .c
    let other: Language = first == .c ? .cpp : .c
    return try files.definitions(named: name, language: first) + files.definitions(named: name, language: other)
  }

  /// The binding an outline symbol's file has at its name, for its type and whether it is a declaration.
  private func site(for match: SymbolMatch, resolution: Resolution) throws(StoreError) -> Site {
    let at = match.symbol.range.start
    let key = SiteKey(path: match.path, position: at, name: match.symbol.name)
    if var known = siteCache[key], known.symbol == match {
      known.resolution = resolution
      return known
    }
    // A destructor's outline name is `~A`, its binding's `A`.
    let bound = match.symbol.name.hasPrefix("~") ? String(match.symbol.name.dropFirst()) : match.symbol.name
    let binding = try files.bindings(named: bound, in: match.path).first { $0.position == at }
    let site = Site(path: match.path, name: match.symbol.name, binding: binding, symbol: match, resolution: resolution)
    if siteCache.count >= Self.maximumCachedAnswers { siteCache.removeAll(keepingCapacity: true) }
    siteCache[key] = site
    return site
  }

  /// What `path` includes: the last path components it names (`foo.h` of `#include "sub/foo.h"`), and the
  /// workspace files its includes reach, two levels deep, found where a compiler's `-I` would most likely
  /// look (the includer's folder, the folders above it, and their `include/`).
  struct Includes {
    var names: Set<String> = []
    var paths: Set<String> = []

    func contains(_ candidate: String) -> Bool {
      paths.contains(candidate) || names.contains(String(PathParts.lastComponent(candidate)))
    }
  }

  static let maximumIncludedFiles = 32

  /// The engine's include memo when it has one (a server's requests share it), else this resolver's own.
  private lazy var memo: ResolutionMemo = (try? (files.source as? QueryEngine)?.resolutionMemo()) ?? ResolutionMemo()

  /// The last path components of what `path` includes (`foo.h` of `#include "sub/foo.h"`).
  private func directIncludeNames(of path: String) throws(StoreError) -> Set<String> {
    var names: Set<String> = []
    for module in try files.includes(of: path) ?? [] where module.count > 2 {
      names.insert(String(PathParts.lastComponent(String(module.dropFirst().dropLast()))))
    }
    return names
  }

  private func includedNames(of path: String) throws(StoreError) -> Includes {
    if let known = memo.includes(of: path) { return known }
    var found = Includes()
    found.names = try directIncludeNames(of: path)
    var frontier = [path]
    for _ in 0..<2 {
      var next: [String] = []
      for includer in frontier {
        guard let modules = try files.includes(of: includer) else { continue }
        for module in modules where module.count > 2 {
          let inner = String(module.dropFirst().dropLast())
          guard found.paths.count < Self.maximumIncludedFiles, let target = try includedPath(inner, from: includer),
            found.paths.insert(target).inserted
          else { continue }
          next.append(target)
        }
      }
      frontier = next
    }
    memo.keep(found, of: path)
    return found
  }

  /// The workspace file `#include "inner"` in `includer` names, nil when none of the likely folders has it.
  private func includedPath(_ inner: String, from includer: String) throws(StoreError) -> String? {
    var folder = GoResolver.folder(of: includer)
    let key = folder + "\u{0}" + inner
    if let known = memo.path(key) { return known }
    var found: String?
    var guardSteps = 0
    while found == nil && guardSteps < 12 {
      guardSteps += 1
      for candidate in [folder.isEmpty ? inner : folder + "/" + inner, (folder.isEmpty ? "" : folder + "/") + "include/" + inner]
      where try files.contains(candidate) {
        found = candidate
        break
      }
      if folder.isEmpty { break }
      folder = GoResolver.folder(of: folder)
    }
    memo.keep(path: found, for: key)
    return found
  }

  /// The same file's own header or source (`a.c` and `a.h`), or a file it includes.
  private static func related(_ candidate: String, _ path: String, _ includes: Includes) -> Bool {
    includes.contains(candidate) || sameStem(candidate, path)
  }

  private static func sameStem(_ a: String, _ b: String) -> Bool { PathParts.stem(a) == PathParts.stem(b) }

  private static func distance(_ a: String, _ b: String) -> Int { PathParts.distance(a, b) }

  /// Kinds that declare a function or variable defined elsewhere (a prototype, an `extern`).
  static func declaresOnly(_ kind: SymbolKind) -> Bool { kind == .prototype || kind == .externvar }

  private static func staysInItsFile(_ kind: SymbolKind) -> Bool {
    [.macro, .struct, .class, .union, .enum, .typedef, .typealias, .enumCase].contains(kind)
  }

  private static func isSource(_ path: String) -> Bool {
    let lower = path.lowercased()
    return [".c", ".cc", ".cpp", ".cxx", ".c++", ".m", ".mm"].contains { lower.hasSuffix($0) }
  }

  // MARK: Members

  /// `name` in the class, struct, union or namespace `qualifier` (`A::b`); `::b` (empty) at global level.
  private func qualified(_ name: String, in qualifier: String, from path: String, at position: SourcePosition) throws(StoreError) -> Site? {
    guard take() else { return nil }
    if qualifier.isEmpty { return try global(name, from: path, namespaces: [""]) }
    if let best = Self.preferred(try memberDefinitions(name, container: qualifier, from: path)) { return best }
    // A typedef or alias of a class, or a class's base.
    return try member(name, of: qualifier, from: path)
  }

  /// The outline symbols named `name` whose container is `container` or ends with it (`ns::A` for `A`),
  /// as sites: definitions before declarations, the asking file's and its header's first.
  private func memberDefinitions(_ name: String, container: String, from path: String) throws(StoreError) -> [Site] {
    let matches = try outlineDefinitions(named: name, from: path).filter {
      ($0.symbol.container == container || $0.symbol.container.hasSuffix("::" + container)
        || (container.contains("::") && container.hasSuffix("::" + $0.symbol.container)))
        // A field is declared in its class's body: one in another source file is that file's own class's.
        && !($0.symbol.kind == .field && $0.path != path && Self.isSource($0.path))
    }
    let includes = matches.count > 1 ? try includedNames(of: path) : Includes()
    var sites: [(rank: [Int], site: Site)] = []
    for match in matches.prefix(32) {
      guard take() else { break }
      let site = try site(for: match, resolution: .member)
      // `Iterator` written in `leveldb` means `leveldb::Iterator` before `leveldb::SkipList::Iterator`.
      let depth = match.symbol.container.components(separatedBy: "::").count
      sites.append(([depth, site.isDeclaration ? 1 : 0, includes.contains(match.path) || Self.sameStem(match.path, path) ? 0 : 1,
        Self.distance(match.path, path)], site))
    }
    return sites.sorted { $0.rank.lexicographicallyPrecedes($1.rank) }.map(\.site)
  }

  /// A member `name` of the type written `type` (seen from `path`): its own members, then what a typedef
  /// names, then its bases.
  /// `constructors: false` for a name used inside the class without `.`: `A` there is the class itself.
  private func member(_ name: String, of type: String, from path: String, constructors: Bool = true) throws(StoreError) -> Site? {
    guard take(), !type.isEmpty else { return nil }
    if type.hasPrefix("@anon:") {
      // An unnamed struct's fields are bound in its body, in the file that declares the variable.
      guard let body = Int(type.dropFirst("@anon:".count)) else { return nil }
      return try files.bindings(named: name, in: path).first { $0.scope == body }.map {
        Site(path: path, name: name, binding: $0, resolution: .member)
      }
    }
    let found = try memberDefinitions(name, container: type, from: path).filter {
      constructors || ($0.symbol?.symbol.kind != .initializer && $0.symbol?.symbol.kind != .deinitializer)
    }
    if let best = Self.preferred(found) { return best }
    guard let declaration = try typeDeclaration(type, from: path) else { return nil }
    let typeName = declaration.typeName
    if typeName.hasPrefix("type:") {
      let target = String(typeName.dropFirst(5))
      guard !target.isEmpty, target != type, target != declaration.name else { return nil }
      return try member(name, of: target, from: declaration.path)
    }
    if let body = Self.scopeIndex(typeName), let file = try files.file(declaration.path), body < file.scopes.scopes.count {
      // An anonymous struct's fields (`typedef struct { int x; } T`) are bound in its body.
      let className = type.components(separatedBy: "::").last ?? type
      if let field = try files.bindings(named: name, in: declaration.path).first(where: {
        $0.scope == body && (constructors || $0.kind != .attribute || $0.name != className)
      }) {
        let site = Site(path: declaration.path, name: name, binding: field, resolution: .member)
        return try definition(of: site, in: file) ?? site
      }
      for base in file.scopes.scopes[body].bases where !base.isEmpty && base != type {
        if let found = try member(name, of: base, from: declaration.path, constructors: constructors) { return found }
      }
    }
    return nil
  }

  /// The first of ranked members, or the definition of the same member when the first is its declaration.
  private static func preferred(_ found: [Site]) -> Site? {
    guard let first = found.first else { return nil }
    guard first.isDeclaration, let container = first.symbol?.symbol.container else { return first }
    return found.first { !$0.isDeclaration && $0.symbol?.symbol.container == container } ?? first
  }

  /// Where the type written `type` is declared: a struct, class, union, enum, typedef or alias.
  private func typeDeclaration(_ type: String, from path: String) throws(StoreError) -> Site? {
    guard take() else { return nil }
    let parts = type.components(separatedBy: "::")
    guard let last = parts.last, !last.isEmpty else { return nil }
    let qualifier = parts.dropLast().joined(separator: "::")
    let kinds: Set<SymbolKind> = [.struct, .class, .union, .enum, .typedef, .typealias]
    // A type a source file defines is that file's alone.
    let types = try outlineDefinitions(named: last, from: path).prefix(64).filter {
      kinds.contains($0.symbol.kind) && ($0.path == path || !Self.isSource($0.path))
    }
    let includes = types.count > 1 ? try includedNames(of: path) : Includes()
    var best: (rank: [Int], site: Site)?
    for match in types {
      guard qualifier.isEmpty || match.symbol.container == qualifier || match.symbol.container.hasSuffix("::" + qualifier) else { continue }
      guard take() else { break }
      let site = try site(for: match, resolution: .scope)
      let rank = [site.typeName.hasPrefix("@scope:") || site.typeName.hasPrefix("type:") ? 0 : 1, match.path == path ? 0 : 1,
        Self.related(match.path, path, includes) ? 0 : 1, Self.distance(match.path, path)]
      if best == nil || rank.lexicographicallyPrecedes(best!.rank) { best = (rank, site) }
    }
    return best?.site
  }

  // MARK: Receivers

  private struct TypeRef {
    var name: String
    var path: String
  }

  /// The type a receiver chain (`p`, `a.b`, `f()`, `a[]`, `this`, `ns::f()`) at `position` has.
  private func type(ofChain chain: String, in path: String, at position: SourcePosition) throws(StoreError) -> TypeRef? {
    let parts = chain.split(separator: ".").map(String.init)
    guard let first = parts.first, take() else { return nil }
    var current: TypeRef
    if first == "this" {
      guard let owner = try enclosingClass(in: path, at: position) else { return nil }
      current = TypeRef(name: owner, path: path)
    } else {
      let (written, calls) = Self.stripCalls(first)
      let site: Site?
      if let separator = written.range(of: "::", options: .backwards) {
        site = try qualified(String(written[separator.upperBound...]), in: String(written[..<separator.lowerBound]), from: path, at: position)
      } else {
        site = try lexical(written, in: path, at: position)
      }
      guard let site, let type = try type(of: site, called: calls) else { return nil }
      current = type
    }
    for part in parts.dropFirst() {
      let (name, calls) = Self.stripCalls(part)
      guard let site = try member(name, of: current.name, from: current.path), let type = try type(of: site, called: calls) else { return nil }
      current = type
    }
    return current
  }

  /// The type of what a site names: a variable's or field's written type, a function's result when called;
  /// a class named as a receiver (`T().x`) is itself.
  private func type(of site: Site, called: Bool) throws(StoreError) -> TypeRef? {
    guard take() else { return nil }
    let typeName = site.typeName
    if typeName.hasPrefix("returns:") {
      return called ? TypeRef(name: String(typeName.dropFirst(8)), path: site.path) : nil
    }
    if typeName.hasPrefix("@scope:") || typeName.hasPrefix("type:") {
      return called ? TypeRef(name: site.name, path: site.path) : nil
    }
    if typeName.hasPrefix("=") {
      guard let binding = site.binding else { return nil }
      return try type(ofChain: String(typeName.dropFirst()), in: site.path, at: binding.position)
    }
    if typeName.hasPrefix("namespace:") || typeName.isEmpty || called { return nil }
    // A template parameter's type is not known.
    if let binding = site.binding, let file = try files.file(site.path),
      file.scopes.bindings.contains(where: { $0.kind == .typeParameter && $0.name == typeName && $0.scope <= binding.scope })
    {
      return nil
    }
    return TypeRef(name: typeName, path: site.path)
  }

  /// `f()` → (`f`, true); `a[]` → (`a`, false): a subscript keeps the element's type (C arrays of structs).
  private static func stripCalls(_ part: String) -> (String, Bool) {
    var text = part
    var called = false
    while text.hasSuffix("()") || text.hasSuffix("[]") {
      if text.hasSuffix("()") { called = true }
      text.removeLast(2)
    }
    return (text, called)
  }

  /// The class a use at `position` is inside: a method's (in its class, or `A::f` out of it).
  private func enclosingClass(in path: String, at position: SourcePosition) throws(StoreError) -> String? {
    guard let file = try files.file(path) else { return nil }
    var s = file.scopes.innermostScope(at: position)
    var walked = 0
    while s > 0 && s < file.scopes.scopes.count && walked <= file.scopes.scopes.count {
      walked += 1
      if file.scopes.scopes[s].kind == .function, let owner = methodOwner(ofScope: s, in: file) { return owner }
      if file.scopes.scopes[s].kind == .type, !isNamespace(s, in: file) { return qualifiedName(ofScope: s, in: file) }
      s = file.scopes.scopes[s].parent
    }
    return nil
  }

  /// The class of a method defined out of it (`void A::f() {}`): the outline method's container.
  private func methodOwner(ofScope s: Int, in file: FileIndex) -> String? {
    let scope = file.scopes.scopes[s]
    guard !scope.bases.isEmpty, scope.symbol >= 0, scope.symbol < file.symbols.count else { return scope.bases.first }
    let symbol = file.symbols[scope.symbol]
    let isMember = symbol.kind == .method || symbol.kind == .initializer || symbol.kind == .deinitializer
    return isMember && !symbol.container.isEmpty ? symbol.container : scope.bases.first
  }

  /// A namespace's or class's name with what encloses it (`ns::A`), from its outline symbol.
  private func qualifiedName(ofScope s: Int, in file: FileIndex) -> String? {
    let scope = file.scopes.scopes[s]
    guard scope.symbol >= 0, scope.symbol < file.symbols.count else { return nil }
    let symbol = file.symbols[scope.symbol]
    return symbol.container.isEmpty ? symbol.name : symbol.container + "::" + symbol.name
  }

  private func isNamespace(_ s: Int, in file: FileIndex) -> Bool {
    let scope = file.scopes.scopes[s]
    return scope.kind == .type && scope.symbol >= 0 && scope.symbol < file.symbols.count && file.symbols[scope.symbol].kind == .namespace
  }

  // MARK: Answers

  private func answer(_ site: Site) throws(StoreError) -> ResolvedDefinition {
    var symbol = site.symbol
    if symbol == nil, let binding = site.binding, binding.kind != .local, binding.kind != .parameter, let file = try files.file(site.path) {
      symbol = file.symbols.first { ($0.name == site.name || $0.name == "~" + site.name) && $0.range.start == binding.position }.map {
        SymbolMatch(symbol: $0, path: site.path, language: file.language)
      }
    }
    var answer = ResolvedDefinition(
      path: site.path, name: site.name, position: site.position, symbol: symbol, resolution: site.resolution,
      bindingKind: symbol == nil ? site.binding.map { PythonResolver.describe($0.kind) } ?? "" : "")
    if let binding = site.binding, binding.scope > 0 { answer.scope = binding.scope }
    return answer
  }

  private static func scopeIndex(_ typeName: String) -> Int? {
    typeName.hasPrefix("@scope:") ? Int(typeName.dropFirst("@scope:".count)) : nil
  }

  private func take() -> Bool {
    steps += 1
    return steps <= Self.maximumSteps
  }
}
