import IndexerModel
import IndexerStore

/// Resolves a use of a Swift name by the language's rules, over what the reader recorded: the nearest
/// enclosing scope that declares it before the use; inside a type, its members (in every extension of it,
/// then its superclass and protocols, the protocols' extensions included), as implicit `self` finds them;
/// the file; the other files of the same module (a SwiftPM target's folder); then the modules the file
/// imports that are in the workspace. A member after `.` is looked up in its receiver's type when the
/// source writes that type: `self`, `Self`, `super`, a type's name, an annotation, `Foo(…)`, or the return
/// type of a function called in the chain. Among overloads, the one whose argument labels the call writes.
///
/// Every chain it follows (receivers, bases, typealiases) is bounded by `maximumSteps`.
final class SwiftResolver {
  private let files: ResolutionFiles
  private var steps = 0
  /// The bodies (declaration and extensions) of each type name, nearest module first.
  private var bodiesByType: [String: [TypeBody]] = [:]
  /// What `members` found, per type, name and asking file: references ask the same in every use of a file.
  private var membersCache: [String: [(path: String, binding: FileScopes.Binding)]] = [:]
  /// What `moduleLevel` found, per name, asking file and call labels.
  private var moduleLevelCache: [String: Site?] = [:]
  /// Generous: a member of `String` may pass through several extensions and the protocols they name.
  static let maximumSteps = 256

  init(files: ResolutionFiles) {
    self.files = files
  }

  /// A type's declaration or one of its extensions: the body's scope in `path`.
  struct TypeBody: Hashable {
    var path: String
    var scope: Int
  }

  /// What a receiver denotes, as far as member lookup needs it.
  private enum Value {
    /// A type, by its name as written (`Parser`, `Outer.Inner`), asked from `path`.
    case type(String, from: String)
    /// A module of the workspace: its folder.
    case module(folder: String)
    case unknown
  }

  /// A binding found by the rules, with the file it is in.
  private struct Site {
    var path: String
    var binding: FileScopes.Binding
    var resolution: Resolution
  }

  func resolve(name: String, path: String, at position: SourcePosition) throws(StoreError) -> ResolvedDefinition? {
    steps = 0
    guard let site = try site(name: name, path: path, at: position) else { return nil }
    return try answer(site)
  }

  /// Whether the name at `position` is a member whose receiver's type the source does not write.
  func isUntypedMember(path: String, at position: SourcePosition) throws(StoreError) -> Bool {
    steps = 0
    guard let file = try files.file(path), let member = file.scopes.member(at: position) else { return false }
    if member.receiver.isEmpty { return true }
    if case .unknown = try value(ofChain: member.receiver, in: path, at: position) { return true }
    return false
  }

  private func site(name: String, path: String, at position: SourcePosition) throws(StoreError) -> Site? {
    guard take(), let file = try files.file(path), !file.scopes.isEmpty else { return nil }
    let labels = file.scopes.callLabels(at: position)
    // A declaration's own name is itself, whatever overloads share it.
    let named = try files.bindings(named: name, in: path)
    if let own = named.first(where: { $0.position == position }) {
      let kind = own.scope < file.scopes.scopes.count ? file.scopes.scopes[own.scope].kind : .file
      return Site(path: path, binding: own, resolution: kind == .type || kind == .file ? .scope : .local)
    }
    if let keyword = file.scopes.keywordArgument(at: position) { return try labelTarget(name, of: keyword, in: path) }
    if let member = file.scopes.member(at: position) {
      guard !member.receiver.isEmpty else { return nil }
      let receiver = try value(ofChain: member.receiver, in: path, at: position)
      return try self.member(name, of: receiver, labels: labels, onType: Self.receiverIsType(member.receiver)).map {
        Site(path: $0.path, binding: $0.binding, resolution: .member)
      }
    }
    return try bare(name, in: path, at: position, labels: labels)
  }

  /// An argument label names a parameter of the callee: the function itself, or for a type's name the
  /// initializer the labels select; a memberwise initializer has no declaration, so the type (as
  /// sourcekit-lsp answers).
  private func labelTarget(_ name: String, of keyword: FileScopes.KeywordArgument, in path: String) throws(StoreError) -> Site? {
    guard keyword.calleePosition != keyword.position, let callee = try site(name: keyword.callee, path: path, at: keyword.calleePosition)
    else { return nil }
    guard case .type(let type, let from) = try value(of: callee, called: false), type == callee.binding.name else { return callee }
    let labels = try files.file(path)?.scopes.callLabels(at: keyword.calleePosition) ?? ""
    let initializers = try members("init", of: .type(type, from: from))
    if let initializer = Self.pick(initializers, labels: labels, strictly: true) {
      return Site(path: initializer.path, binding: initializer.binding, resolution: .member)
    }
    // No initializer takes these labels: the memberwise one, which has no declaration but the type's.
    return callee
  }

  // MARK: Bare names

  /// A name without a receiver: scopes outward from the use, a type's members on the way (implicit `self`),
  /// then the file, the module and the imported modules.
  private func bare(_ name: String, in path: String, at position: SourcePosition, labels: String?) throws(StoreError) -> Site? {
    guard let file = try files.file(path) else { return nil }
    let scopes = file.scopes
    let named = try files.bindings(named: name, in: path)
    var s = scopes.innermostScope(at: position)
    var guardSteps = 0
    while s >= 0 && s < scopes.scopes.count && guardSteps <= scopes.scopes.count {
      guardSteps += 1
      let scope = scopes.scopes[s]
      let here = named.filter { $0.scope == s }
      switch scope.kind {
      case .type:
        if let own = Self.choose(here, labels: labels) { return Site(path: path, binding: own, resolution: .scope) }
        if let type = Self.typeName(of: s, in: file), let found = try member(name, of: .type(type, from: path), labels: labels) {
          return Site(path: found.path, binding: found.binding, resolution: .member)
        }
      case .file:
        if let own = Self.choose(here, labels: labels) { return Site(path: path, binding: own, resolution: .scope) }
      default:
        // A local is seen from the end of its declaration; the definition's own name is itself.
        let visible = here.filter { $0.visible <= position || $0.position == position }
        if let own = visible.last { return Site(path: path, binding: own, resolution: .local) }
      }
      s = scope.parent
    }
    return try moduleLevel(name, from: path, labels: labels)
  }

  /// Of a scope's bindings of one name, the overload whose labels the call writes; else the first.
  private static func choose(_ bindings: [FileScopes.Binding], labels: String?) -> FileScopes.Binding? {
    guard bindings.count > 1, let labels else { return bindings.first }
    return bindings.first { Self.sameLabels($0.labels, labels) } ?? bindings.first { Self.accepts($0.labels, labels) } ?? bindings.first
  }

  /// Whether a function's labels (`?` marking those that may be left out) are the call's, all written.
  static func sameLabels(_ declared: String, _ written: String) -> Bool {
    declared.count - written.count == declared.count { $0 == "?" } && declared.filter { $0 != "?" } == written
  }

  /// Whether a function with `declared` labels can take a call written with `written` ones: the written
  /// labels in order, only those marked `?` (defaulted, variadic) left out.
  static func accepts(_ declared: String, _ written: String) -> Bool {
    var have = declared.split(separator: ":").makeIterator()
    for label in written.split(separator: ":") {
      while true {
        guard let next = have.next() else { return false }
        if next == label || next == label + "?" { break }
        if next.last != "?" { return false }
      }
    }
    while let rest = have.next() { if rest.last != "?" { return false } }
    return true
  }

  /// A top-level definition of the use's module (its other files), else of a module it imports.
  private func moduleLevel(_ name: String, from path: String, labels: String?) throws(StoreError) -> Site? {
    // The same in every use of the name in a file (bar the labels of a call): references ask it hundreds of times.
    let key = name + "\u{0}" + path + "\u{0}" + (labels ?? "\u{1}")
    if let known = moduleLevelCache[key] { return known }
    let found = try lookUpModuleLevel(name, from: path, labels: labels)
    if steps <= Self.maximumSteps {
      if moduleLevelCache.count >= 4096 { moduleLevelCache.removeAll(keepingCapacity: true) }
      moduleLevelCache[key] = found
    }
    return found
  }

  private func lookUpModuleLevel(_ name: String, from path: String, labels: String?) throws(StoreError) -> Site? {
    let module = SwiftModules.module(of: path)
    if let found = try topLevel(name, inFolder: module.folder, from: path, labels: labels) {
      return Site(path: found.path, binding: found.binding, resolution: .scope)
    }
    guard let file = try files.file(path) else { return nil }
    for entry in file.scopes.imports {
      let folder = SwiftModules.folder(ofModule: entry.module, from: path)
      guard folder != module.folder else { continue }
      if let found = try topLevel(name, inFolder: folder, from: path, labels: labels) {
        return Site(path: found.path, binding: found.binding, resolution: .import)
      }
      // A target with a path of its own (`GRDB/` rather than `Sources/GRDB/`): a folder named as the module.
      let module = entry.module.split(separator: ".").first.map(String.init) ?? entry.module
      if let found = try topLevel(name, inFolder: "", from: path, labels: labels, where: { SwiftModules.hasFolder(module, $0) }) {
        return Site(path: found.path, binding: found.binding, resolution: .import)
      }
    }
    return nil
  }

  /// A definition of `name` in a file scope under `folder` (every file when the folder is empty).
  /// A `private` or `fileprivate` one counts only in its own file.
  private func topLevel(
    _ name: String, inFolder folder: String, from path: String, labels: String?, where accepts: (String) -> Bool = { _ in true }
  ) throws(StoreError) -> (path: String, binding: FileScopes.Binding)? {
    let matches = try files.definitions(named: name, language: .swift).filter {
      $0.symbol.container.isEmpty && $0.path.hasPrefix(folder) && $0.symbol.kind != .extension && accepts($0.path)
        && ($0.path == path || !Self.isFilePrivate($0.symbol))
    }
    var candidates: [(path: String, binding: FileScopes.Binding)] = []
    for match in matches.prefix(16) {
      guard take() else { continue }
      let range = match.symbol.range
      if let binding = try files.bindings(named: name, in: match.path).first(where: {
        $0.scope == 0 && $0.position.line >= range.start.line && $0.position.line <= range.end.line
      }) {
        candidates.append((match.path, binding))
      }
    }
    guard !candidates.isEmpty else { return nil }
    if let labels, candidates.count > 1 {
      if let exact = candidates.first(where: { Self.sameLabels($0.binding.labels, labels) }) { return exact }
      if let fits = candidates.first(where: { Self.accepts($0.binding.labels, labels) }) { return fits }
    }
    // Nearest first: outside SwiftPM's layout the module is not known, and the folder that shares most
    // with the use's is the likeliest to be built with it.
    return candidates.max { Self.sharedFolders($0.path, path) < Self.sharedFolders($1.path, path) }
  }

  /// How many leading folders two paths share.
  static func sharedFolders(_ a: String, _ b: String) -> Int {
    // Over the bytes, without splitting: counts the `/` of the common prefix that ends a folder in both.
    var x = a.utf8.makeIterator()
    var y = b.utf8.makeIterator()
    var n = 0
    while let p = x.next(), let q = y.next(), p == q {
      if p == UInt8(ascii: "/") { n += 1 }
    }
    return n
  }

  // MARK: Members

  /// `name` among a type's members: every body of the type (declaration and extensions, the use's module
  /// first), then its bases in order, each with its own extensions; of overloads, the one the labels select.
  ///
  /// `onType` says whether the receiver is the type itself (`Foo.bar`, an implicit `.bar`) rather than an
  /// instance, when that is known: of candidates the labels do not tell apart, the static ones are for a
  /// type and the others for an instance (`static func allows(_:)` beside `func allows(_:)`).
  private func member(
    _ name: String, of value: Value, labels: String?, onType: Bool? = nil
  ) throws(StoreError) -> (path: String, binding: FileScopes.Binding)? {
    if case .module(let folder) = value { return try topLevel(name, inFolder: folder, from: "", labels: labels) }
    var candidates = try members(name, of: value)
    if let onType, candidates.count > 1 {
      var matching: [(path: String, binding: FileScopes.Binding)] = []
      for candidate in candidates where try isStatic(candidate) == onType { matching.append(candidate) }
      if !matching.isEmpty { candidates = matching }
    }
    return Self.pick(candidates, labels: labels, strictly: false)
  }

  /// Whether a member is the type's (`static`, `class`, an enum case) rather than its instances'.
  private func isStatic(_ candidate: (path: String, binding: FileScopes.Binding)) throws(StoreError) -> Bool {
    guard let file = try files.file(candidate.path) else { return false }
    let binding = candidate.binding
    guard let symbol = file.symbols.first(where: {
      $0.name == binding.name && $0.range.start.line <= binding.position.line && $0.range.end.line >= binding.position.line
    }) else { return false }
    return symbol.isStatic || symbol.kind == .enumCase
  }

  /// Whether a receiver as the reader wrote it is a type rather than a value: an implicit member's context,
  /// or a chain ending in a capitalized name that is not called (`Foo.bar`, `Outer.Inner.baz`); nil for
  /// `self`/`Self`, whose method may be either.
  static func receiverIsType(_ receiver: String) -> Bool? {
    if receiver.hasPrefix("@") { return true }
    if receiver == "self" || receiver == "Self" { return nil }
    guard let last = receiver.split(separator: ".").last, !last.hasSuffix(")") else { return false }
    return last.first?.isUppercase == true
  }

  /// Of same-named candidates, the one whose labels are the call's, else one that can take them (defaulted
  /// parameters left out); else, unless `strictly`, the first.
  private static func pick(
    _ candidates: [(path: String, binding: FileScopes.Binding)], labels: String?, strictly: Bool
  ) -> (path: String, binding: FileScopes.Binding)? {
    guard let labels, candidates.count > 1 || strictly else { return candidates.first }
    if let exact = candidates.first(where: { Self.sameLabels($0.binding.labels, labels) }) { return exact }
    if let fits = candidates.first(where: { Self.accepts($0.binding.labels, labels) }) { return fits }
    return strictly ? nil : candidates.first
  }

  /// Every member named `name` of the first of the type and its bases that has one.
  private func members(_ name: String, of value: Value) throws(StoreError) -> [(path: String, binding: FileScopes.Binding)] {
    guard take(), case .type(let type, let from) = value else { return [] }
    let key = type + "\u{0}" + name + "\u{0}" + from
    if let known = membersCache[key] { return known }
    let found = try lookUpMembers(name, of: type, from: from)
    if steps <= Self.maximumSteps {
      if membersCache.count >= 4096 { membersCache.removeAll(keepingCapacity: true) }
      membersCache[key] = found
    }
    return found
  }

  private func lookUpMembers(_ name: String, of type: String, from: String) throws(StoreError) -> [(path: String, binding: FileScopes.Binding)] {
    let bodies = try self.bodies(of: type, from: from)
    var candidates: [(path: String, binding: FileScopes.Binding)] = []
    var bases: [String] = []
    for body in bodies {
      guard let file = try files.file(body.path), body.scope < file.scopes.scopes.count else { continue }
      // A generic parameter counts: an extension's members see the extended type's (`where Value == T?`).
      for binding in try files.bindings(named: name, in: body.path) where binding.scope == body.scope {
        candidates.append((body.path, binding))
      }
      for base in file.scopes.scopes[body.scope].bases where !bases.contains(base) { bases.append(base) }
    }
    if !candidates.isEmpty { return candidates }
    // A type the workspace only extends: what the SDK declares it to conform to, which the workspace may extend too.
    if let known = Self.knownSupertypes[type] {
      var declared = false
      for body in bodies where try isDeclaration(body) { declared = true }
      if !declared { bases += known.filter { !bases.contains($0) } }
    }
    for base in bases {
      let baseName = Self.plainType(base)
      guard !baseName.isEmpty, baseName != type else { continue }
      let found = try members(name, of: .type(baseName, from: from))
      if !found.isEmpty { return found }
    }
    return []
  }

  /// Whether a body is the type's declaration rather than an extension of it.
  private func isDeclaration(_ body: TypeBody) throws(StoreError) -> Bool {
    guard let file = try files.file(body.path), body.scope < file.scopes.scopes.count else { return false }
    let symbol = file.scopes.scopes[body.scope].symbol
    return symbol >= 0 && symbol < file.symbols.count && file.symbols[symbol].kind != .extension
  }

  /// The scopes of a type's declaration and extensions in the workspace, the asking file's module first.
  /// A typealias is followed to the type it names.
  private func bodies(of type: String, from path: String) throws(StoreError) -> [TypeBody] {
    let key = type + "\u{0}" + path
    if let known = bodiesByType[key] { return known }
    let last = type.split(separator: ".").last.map(String.init) ?? type
    var matches = try files.definitions(named: last, language: .swift).filter {
      ($0.symbol.kind.isType || $0.symbol.kind == .typealias) && ($0.path == path || !Self.isFilePrivate($0.symbol))
    }
    // A type declared in the asking file hides the others of its name (test files each declare their `Player`).
    if matches.contains(where: { $0.path == path && $0.symbol.kind != .extension }) {
      matches.removeAll { $0.path != path && $0.symbol.kind != .extension }
    }
    if last != type { matches += try files.definitions(named: type, language: .swift).filter { $0.symbol.kind == .extension } }
    // The asking file's own first (a `private` type in a test file shares its name with others), then the
    // nearest folder, declarations before extensions.
    func rank(_ match: SymbolMatch) -> (Int, Int, Int) {
      (match.path == path ? 0 : 1, -Self.sharedFolders(match.path, path), match.symbol.kind == .extension ? 1 : 0)
    }
    matches.sort { rank($0) < rank($1) }
    var found: [TypeBody] = []
    guard take() else { return [] }
    for match in matches.prefix(32) {
      guard let file = try files.file(match.path) else { continue }
      if match.symbol.kind == .typealias {
        let range = match.symbol.range
        if let alias = file.scopes.bindings.first(where: { $0.name == last && $0.position.line == range.start.line }) {
          let target = Self.plainType(alias.typeName)
          if !target.isEmpty && target != type { found += try bodies(of: target, from: path) }
        }
        continue
      }
      let symbols = file.symbols
      if let scope = file.scopes.scopes.indices.first(where: {
        let s = file.scopes.scopes[$0]
        return s.kind == .type && s.symbol >= 0 && s.symbol < symbols.count && symbols[s.symbol].range.start == match.symbol.range.start
      }) {
        found.append(TypeBody(path: match.path, scope: scope))
      }
    }
    if steps <= Self.maximumSteps { bodiesByType[key] = found }
    return found
  }

  /// Whether a declaration is seen only in its own file.
  private static func isFilePrivate(_ symbol: Symbol) -> Bool {
    symbol.access == .private || symbol.access == .fileprivate
  }

  /// The name of the type a type scope is the body of: the declared name, or the extended type's.
  private static func typeName(of scope: Int, in file: FileIndex) -> String? {
    let symbol = file.scopes.scopes[scope].symbol
    guard symbol >= 0, symbol < file.symbols.count else { return nil }
    return file.symbols[symbol].name
  }

  /// The innermost type body around `position`, nil outside every type.
  private static func enclosingType(at position: SourcePosition, in file: FileIndex) -> Int? {
    let scopes = file.scopes
    var s = scopes.innermostScope(at: position)
    var guardSteps = 0
    while s >= 0 && s < scopes.scopes.count && guardSteps <= scopes.scopes.count {
      guardSteps += 1
      if scopes.scopes[s].kind == .type { return s }
      s = scopes.scopes[s].parent
    }
    return nil
  }

  // MARK: Receivers

  /// What a chain as the reader wrote it (`self`, `self.parser`, `Foo()`, `a.b().c`) denotes at `position`;
  /// an implicit member's context (`@type:`, `@of:`, `@param:`, see `SwiftImplicitMemberContext`) too.
  private func value(ofChain chain: String, in path: String, at position: SourcePosition) throws(StoreError) -> Value {
    guard take(), let file = try files.file(path) else { return .unknown }
    if chain.hasPrefix("@") { return try contextValue(chain, in: path, at: position) }
    var links = Self.links(chain)
    guard !links.isEmpty else { return .unknown }
    let first = links.removeFirst()
    var current: Value
    switch first.name {
    case "self", "Self":
      guard let type = Self.enclosingType(at: position, in: file), let name = Self.typeName(of: type, in: file) else { return .unknown }
      current = .type(name, from: path)
    case "super":
      guard let type = Self.enclosingType(at: position, in: file), let base = file.scopes.scopes[type].bases.first else { return .unknown }
      current = .type(Self.plainType(base), from: path)
    default:
      if let site = try bare(first.name, in: path, at: position, labels: nil) {
        current = try value(of: site, called: first.called)
      } else if let entry = file.scopes.imports.first(where: { $0.localName == first.name }) {
        current = .module(folder: SwiftModules.folder(ofModule: entry.module, from: path))
      } else if first.name.first?.isUppercase == true {
        // A type the workspace only extends (`String`), or one no file declares: its extensions still count.
        current = .type(first.name, from: path)
      } else {
        return .unknown
      }
    }
    for link in links {
      guard let found = try member(link.name, of: current, labels: nil) else { return .unknown }
      current = try value(of: Site(path: found.path, binding: found.binding, resolution: .member), called: link.called)
      if case .unknown = current { return .unknown }
    }
    return current
  }

  /// The type an implicit member's context gives it.
  private func contextValue(_ context: String, in path: String, at position: SourcePosition) throws(StoreError) -> Value {
    if context.hasPrefix("@of:") {
      let chain = String(context.dropFirst(4))
      return chain.hasPrefix("@") ? .unknown : try value(ofChain: chain, in: path, at: position)
    }
    // An element of an array literal: the context's element type, or the context itself (an option set).
    let element = context.hasPrefix("@each:")
    guard let (written, home, scope) = try writtenContextType(element ? String(context.dropFirst(6)) : context, in: path, at: position)
    else { return .unknown }
    if written == "Self" { return try value(ofChain: "Self", in: path, at: position) }
    let type = Self.plainType(element ? (Self.elementType(written) ?? written) : written)
    guard !type.isEmpty, try !isGenericParameter(type, around: scope, in: home) else { return .unknown }
    return .type(type, from: home)
  }

  /// The type an `@type:` or `@param:` context writes, with the file and scope it is written in.
  private func writtenContextType(
    _ context: String, in path: String, at position: SourcePosition
  ) throws(StoreError) -> (written: String, path: String, scope: Int)? {
    if context.hasPrefix("@type:") {
      let file = try files.file(path)
      return (String(context.dropFirst(6)), path, file?.scopes.innermostScope(at: position) ?? 0)
    }
    // @param:LINE:COLUMN:CALLEE:LABEL
    let parts = context.dropFirst(7).split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
    guard context.hasPrefix("@param:"), parts.count == 4, let line = Int(parts[0]), let column = Int(parts[1]) else { return nil }
    let calleePosition = SourcePosition(line: line, column: column)
    guard calleePosition != position, let function = try callee(String(parts[2]), at: calleePosition, in: path),
      let parameter = try parameter(String(parts[3]), of: function)
    else { return nil }
    return (parameter.typeName, function.path, parameter.scope)
  }

  /// What a call at `position` calls: the function its name resolves to, or for a type's name the
  /// initializer the call's labels select.
  private func callee(_ name: String, at position: SourcePosition, in path: String) throws(StoreError) -> Site? {
    guard let function = try site(name: name, path: path, at: position) else { return nil }
    guard case .type(let type, let from) = try value(of: function, called: false), type == function.binding.name else { return function }
    let labels = try files.file(path)?.scopes.callLabels(at: position) ?? ""
    return Self.pick(try members("init", of: .type(type, from: from)), labels: labels, strictly: false).map {
      Site(path: $0.path, binding: $0.binding, resolution: .member)
    }
  }

  /// A closure's parameter, typed by the function type of the callee's parameter the closure is passed to:
  /// `@closure:LINE:COLUMN:CALLEE:KEY:INDEX` (see `SwiftImplicitMemberContext.closureArgument`).
  private func closureParameterValue(_ context: String, in path: String) throws(StoreError) -> Value {
    let parts = context.dropFirst(9).split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 5, let line = Int(parts[0]), let column = Int(parts[1]), let index = Int(parts[4]) else { return .unknown }
    let calleePosition = SourcePosition(line: line, column: column)
    guard let function = try callee(String(parts[2]), at: calleePosition, in: path), let file = try files.file(function.path),
      let body = Self.body(of: function.binding, in: file)
    else { return .unknown }
    let parameters = file.scopes.bindings.filter { $0.scope == body && $0.kind == .parameter }
    let key = String(parts[3])
    let parameter: FileScopes.Binding?
    if key == "#trailing" {
      parameter = parameters.last { $0.typeName.contains("->") }
    } else if key.hasPrefix("#") {
      parameter = Int(key.dropFirst()).flatMap { $0 >= 0 && $0 < parameters.count ? parameters[$0] : nil }
    } else {
      parameter = parameters.first { $0.labels == key + ":" }
    }
    guard let parameter else { return .unknown }
    // The function type may be behind a typealias (`initial: Initial`, `typealias Initial = (A, B) -> Void`).
    let written = try Self.functionParameterTypes(parameter.typeName) != nil ? parameter.typeName : aliased(parameter.typeName, from: function.path)
    guard let written, let argument = Self.functionParameterTypes(written)?.dropFirst(index).first else { return .unknown }
    let type = Self.plainType(argument)
    guard !type.isEmpty, try !isGenericParameter(type, around: parameter.scope, in: function.path) else { return .unknown }
    return .type(type, from: function.path)
  }

  /// Whether `name` is a generic parameter of the scope or of one around it (`func f<T>(x: T)`): a
  /// placeholder, not the workspace's type of that name.
  private func isGenericParameter(_ name: String, around scope: Int, in path: String) throws(StoreError) -> Bool {
    let first = String(name.prefix { $0 != "." })
    let parameters = try files.bindings(named: first, in: path).filter { $0.kind == .typeParameter }
    guard !parameters.isEmpty, let file = try files.file(path) else { return false }
    var s = scope
    var guardSteps = 0
    while s >= 0 && s < file.scopes.scopes.count && guardSteps <= file.scopes.scopes.count {
      guardSteps += 1
      if parameters.contains(where: { $0.scope == s }) { return true }
      s = file.scopes.scopes[s].parent
    }
    return false
  }

  /// What a typealias named by `written` stands for, as written; nil when no typealias has that name.
  private func aliased(_ written: String, from path: String) throws(StoreError) -> String? {
    let name = Self.plainType(written)
    let last = name.split(separator: ".").last.map(String.init) ?? name
    guard !last.isEmpty, take() else { return nil }
    let aliases = try files.definitions(named: last, language: .swift).filter { $0.symbol.kind == .typealias }
    guard let alias = aliases.max(by: { Self.sharedFolders($0.path, path) < Self.sharedFolders($1.path, path) }) else { return nil }
    let range = alias.symbol.range
    return try files.bindings(named: last, in: alias.path).first {
      $0.position.line >= range.start.line && $0.position.line <= range.end.line
    }?.typeName
  }

  /// The function scope whose parameters a function's or initializer's binding introduces.
  private static func body(of binding: FileScopes.Binding, in file: FileIndex) -> Int? {
    let start = SourcePosition(line: binding.position.line, column: binding.position.column + binding.name.utf8.count)
    return file.scopes.scopes.indices.first {
      file.scopes.scopes[$0].kind == .function && file.scopes.scopes[$0].parent == binding.scope && file.scopes.scopes[$0].range.start == start
    }
  }

  /// The parameter of a function or initializer that an argument fills: by label, or `#N`, the N-th.
  private func parameter(_ key: String, of function: Site) throws(StoreError) -> FileScopes.Binding? {
    guard let file = try files.file(function.path), let body = Self.body(of: function.binding, in: file) else { return nil }
    let parameters = file.scopes.bindings.filter { $0.scope == body && $0.kind == .parameter }
    if key.hasPrefix("#") {
      guard let index = Int(key.dropFirst()), index >= 0, index < parameters.count else { return nil }
      return parameters[index]
    }
    return parameters.first { $0.labels == key + ":" }
  }

  /// What a binding denotes: a type it declares, or the type written where it is bound; with `called`,
  /// what calling it gives (a type's instance, a function's declared result).
  private func value(of site: Site, called: Bool) throws(StoreError) -> Value {
    guard take(), let file = try files.file(site.path) else { return .unknown }
    let binding = site.binding
    let declaresType = binding.kind == .definition && file.scopes.scopes.contains { s in
      s.kind == .type && s.parent == binding.scope && s.symbol >= 0 && s.symbol < file.symbols.count
        && file.symbols[s.symbol].name == binding.name && file.symbols[s.symbol].range.start.line <= binding.position.line
        && file.symbols[s.symbol].range.end.line >= binding.position.line
    }
    // A type's name denotes the type; calling it (`Foo()`) makes an instance, with the same members.
    if declaresType { return .type(binding.name, from: site.path) }
    if binding.typeName.hasPrefix("@closure:") { return called ? .unknown : try closureParameterValue(binding.typeName, in: site.path) }
    // `let e = element(forKey: k)`: the value's chain, read just before the name so it cannot mean the name itself.
    if binding.typeName.hasPrefix("=") {
      guard !called else { return .unknown }
      let before = SourcePosition(line: binding.position.line, column: max(1, binding.position.column - 1))
      if binding.typeName.hasPrefix("=each:") {
        return try elementValue(ofChain: String(binding.typeName.dropFirst(6)), in: site.path, at: before)
      }
      return try value(ofChain: String(binding.typeName.dropFirst()), in: site.path, at: before)
    }
    let type = Self.plainType(binding.typeName)
    guard !type.isEmpty, try !isGenericParameter(type, around: binding.scope, in: site.path) else { return .unknown }
    let symbol = file.symbols.first {
      $0.name == binding.name && $0.range.start.line <= binding.position.line && $0.range.end.line >= binding.position.line
    }
    switch symbol?.kind {
    case .typealias?: return .type(type, from: site.path)
    // A function's type name is its declared result: only a call gives one.
    case .function?, .method?: return called ? .type(type, from: site.path) : .unknown
    default: return called ? .unknown : .type(type, from: site.path)
    }
  }

  /// The element type of the sequence a chain names, when the declaration of its last link writes it as
  /// `[T]`, `Array<T>`, `Set<T>` or `ArraySlice<T>` (a loop over a dictionary or a computed sequence is not typed).
  private func elementValue(ofChain chain: String, in path: String, at position: SourcePosition) throws(StoreError) -> Value {
    guard take() else { return .unknown }
    var links = Self.links(chain)
    guard let last = links.popLast(), !last.called else { return .unknown }
    let site: Site?
    if links.isEmpty {
      site = try bare(last.name, in: path, at: position, labels: nil)
    } else {
      let owner = try value(ofChain: links.map { $0.called ? $0.name + "()" : $0.name }.joined(separator: "."), in: path, at: position)
      site = try member(last.name, of: owner, labels: nil).map { Site(path: $0.path, binding: $0.binding, resolution: .member) }
    }
    guard let site, let element = Self.elementType(site.binding.typeName) else { return .unknown }
    let type = Self.plainType(element)
    return type.isEmpty ? .unknown : .type(type, from: site.path)
  }

  /// A chain split at its dots, each link saying whether it is called: `a.b().c` is a, b(), c.
  private static func links(_ chain: String) -> [(name: String, called: Bool)] {
    chain.split(separator: ".").map { part in
      part.hasSuffix("()") ? (String(part.dropLast(2)), true) : (String(part), false)
    }
  }

  // MARK: Answers

  private func answer(_ site: Site) throws(StoreError) -> ResolvedDefinition {
    let file = try files.file(site.path)
    let binding = site.binding
    let named = try files.symbols(named: binding.name, in: site.path)
    let symbol = file.flatMap { f in
      named.first { $0.name == binding.name && $0.range.start.line <= binding.position.line && $0.range.end.line >= binding.position.line }
        .map { SymbolMatch(symbol: $0, path: site.path, language: f.language) }
    }
    return ResolvedDefinition(
      path: site.path, name: binding.name, position: binding.position, symbol: symbol, resolution: site.resolution,
      bindingKind: symbol == nil ? PythonResolver.describe(binding.kind) : "")
  }

  private func take() -> Bool {
    steps += 1
    return steps <= Self.maximumSteps
  }
}
