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
  static let maximumSteps = 96

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
    if let own = file.scopes.bindings.first(where: { $0.position == position && $0.name == name }) {
      let kind = own.scope < file.scopes.scopes.count ? file.scopes.scopes[own.scope].kind : .file
      return Site(path: path, binding: own, resolution: kind == .type || kind == .file ? .scope : .local)
    }
    if let member = file.scopes.member(at: position) {
      guard !member.receiver.isEmpty else { return nil }
      let receiver = try value(ofChain: member.receiver, in: path, at: position)
      return try self.member(name, of: receiver, labels: labels).map { Site(path: $0.path, binding: $0.binding, resolution: .member) }
    }
    return try bare(name, in: path, at: position, labels: labels)
  }

  // MARK: Bare names

  /// A name without a receiver: scopes outward from the use, a type's members on the way (implicit `self`),
  /// then the file, the module and the imported modules.
  private func bare(_ name: String, in path: String, at position: SourcePosition, labels: String?) throws(StoreError) -> Site? {
    guard let file = try files.file(path) else { return nil }
    let scopes = file.scopes
    var s = scopes.innermostScope(at: position)
    var guardSteps = 0
    while s >= 0 && s < scopes.scopes.count && guardSteps <= scopes.scopes.count {
      guardSteps += 1
      let scope = scopes.scopes[s]
      let here = scopes.bindings.filter { $0.scope == s && $0.name == name }
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
    return bindings.first { $0.labels == labels } ?? bindings.first { Self.accepts($0.labels, labels) } ?? bindings.first
  }

  /// Whether a function with `declared` labels can take a call written with `written` ones: the written
  /// labels in order, the others skipped as defaulted.
  private static func accepts(_ declared: String, _ written: String) -> Bool {
    let wanted = written.split(separator: ":", omittingEmptySubsequences: false).dropLast()
    var have = declared.split(separator: ":", omittingEmptySubsequences: false).dropLast()[...]
    for label in wanted {
      guard let next = have.firstIndex(of: label) else { return false }
      have = have[have.index(after: next)...]
    }
    return true
  }

  /// A top-level definition of the use's module (its other files), else of a module it imports.
  private func moduleLevel(_ name: String, from path: String, labels: String?) throws(StoreError) -> Site? {
    let module = SwiftModules.module(of: path)
    if let found = try topLevel(name, inFolder: module.folder, from: path, labels: labels) {
      return Site(path: found.path, binding: found.binding, resolution: .scope)
    }
    guard let file = try files.file(path) else { return nil }
    for entry in file.scopes.imports {
      let folder = SwiftModules.folder(ofModule: entry.module, from: path)
      guard folder != module.folder, let found = try topLevel(name, inFolder: folder, from: path, labels: labels) else { continue }
      return Site(path: found.path, binding: found.binding, resolution: .import)
    }
    return nil
  }

  /// A definition of `name` in a file scope under `folder` (every file when the folder is empty).
  private func topLevel(_ name: String, inFolder folder: String, from path: String, labels: String?) throws(StoreError) -> (path: String, binding: FileScopes.Binding)? {
    let matches = try files.definitions(named: name, language: .swift).filter {
      $0.symbol.container.isEmpty && $0.path.hasPrefix(folder) && $0.symbol.kind != .extension
    }
    var candidates: [(path: String, binding: FileScopes.Binding)] = []
    for match in matches.prefix(16) {
      guard take(), let file = try files.file(match.path) else { continue }
      let range = match.symbol.range
      if let binding = file.scopes.bindings.first(where: {
        $0.scope == 0 && $0.name == name && $0.position.line >= range.start.line && $0.position.line <= range.end.line
      }) {
        candidates.append((match.path, binding))
      }
    }
    guard !candidates.isEmpty else { return nil }
    if let labels, candidates.count > 1 {
      if let exact = candidates.first(where: { $0.binding.labels == labels }) { return exact }
      if let fits = candidates.first(where: { Self.accepts($0.binding.labels, labels) }) { return fits }
    }
    return candidates.first { $0.path == path } ?? candidates.first
  }

  // MARK: Members

  /// `name` among a type's members: every body of the type (declaration and extensions, the use's module
  /// first), then its bases in order, each with its own extensions.
  private func member(_ name: String, of value: Value, labels: String?) throws(StoreError) -> (path: String, binding: FileScopes.Binding)? {
    guard take() else { return nil }
    switch value {
    case .unknown:
      return nil
    case .module(let folder):
      return try topLevel(name, inFolder: folder, from: "", labels: labels)
    case .type(let type, let from):
      let bodies = try self.bodies(of: type, from: from)
      var candidates: [(path: String, binding: FileScopes.Binding)] = []
      var bases: [String] = []
      for body in bodies {
        guard let file = try files.file(body.path), body.scope < file.scopes.scopes.count else { continue }
        for binding in file.scopes.bindings where binding.scope == body.scope && binding.name == name && binding.kind != .typeParameter {
          candidates.append((body.path, binding))
        }
        for base in file.scopes.scopes[body.scope].bases where !bases.contains(base) { bases.append(base) }
      }
      if !candidates.isEmpty {
        if let labels, candidates.count > 1 {
          if let exact = candidates.first(where: { $0.binding.labels == labels }) { return exact }
          if let fits = candidates.first(where: { Self.accepts($0.binding.labels, labels) }) { return fits }
        }
        return candidates.first
      }
      for base in bases {
        let baseName = Self.plainType(base)
        guard !baseName.isEmpty, baseName != type, let found = try member(name, of: .type(baseName, from: from), labels: labels) else {
          continue
        }
        return found
      }
      return nil
    }
  }

  /// The scopes of a type's declaration and extensions in the workspace, the asking file's module first.
  /// A typealias is followed to the type it names.
  private func bodies(of type: String, from path: String) throws(StoreError) -> [TypeBody] {
    let key = type + "\u{0}" + SwiftModules.module(of: path).folder
    if let known = bodiesByType[key] { return known }
    let last = type.split(separator: ".").last.map(String.init) ?? type
    var matches = try files.definitions(named: last, language: .swift).filter { $0.symbol.kind.isType || $0.symbol.kind == .typealias }
    if last != type { matches += try files.definitions(named: type, language: .swift).filter { $0.symbol.kind == .extension } }
    let folder = SwiftModules.module(of: path).folder
    matches.sort { ($0.path.hasPrefix(folder) ? 0 : 1, $0.symbol.kind == .extension ? 1 : 0) < ($1.path.hasPrefix(folder) ? 0 : 1, $1.symbol.kind == .extension ? 1 : 0) }
    var found: [TypeBody] = []
    for match in matches.prefix(32) {
      guard take(), let file = try files.file(match.path) else { continue }
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

  /// What a chain as the reader wrote it (`self`, `self.parser`, `Foo()`, `a.b().c`) denotes at `position`.
  private func value(ofChain chain: String, in path: String, at position: SourcePosition) throws(StoreError) -> Value {
    guard take(), let file = try files.file(path) else { return .unknown }
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
    let type = Self.plainType(binding.typeName)
    guard !type.isEmpty else { return .unknown }
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

  /// A chain split at its dots, each link saying whether it is called: `a.b().c` is a, b(), c.
  private static func links(_ chain: String) -> [(name: String, called: Bool)] {
    chain.split(separator: ".").map { part in
      part.hasSuffix("()") ? (String(part.dropLast(2)), true) : (String(part), false)
    }
  }

  /// The nominal type a written type denotes for member lookup: `Foo?`, `[Foo]!`-free, `some P`, `inout
  /// Foo`, `Foo<Int>` and `Outer.Inner<T>` lose the decoration; `[T]` is `Array`; empty for a tuple or a function.
  static func plainType(_ written: String) -> String {
    var text = Substring(written)
    for prefix in ["inout ", "some ", "any ", "borrowing ", "consuming ", "@escaping "] where text.hasPrefix(prefix) {
      text = text.dropFirst(prefix.count)
    }
    while let last = text.last, last == "?" || last == "!" { text = text.dropLast() }
    // `[T]` and `[K: V]` are the standard library's collections: known, and only their extensions are here.
    if text.first == "[" { return text.contains(":") ? "Dictionary" : "Array" }
    if let open = text.firstIndex(of: "<") { text = text[..<open] }
    guard let first = text.first, first.isLetter || first == "_" else { return "" }
    guard text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else { return "" }
    return String(text)
  }

  // MARK: Answers

  private func answer(_ site: Site) throws(StoreError) -> ResolvedDefinition {
    let file = try files.file(site.path)
    let binding = site.binding
    let symbol = file.flatMap { f in
      f.symbols.first { $0.name == binding.name && $0.range.start.line <= binding.position.line && $0.range.end.line >= binding.position.line }
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

/// SwiftPM's layout: a module is a folder under `Sources/` (or `Tests/`, `Plugins/`) named as the module.
enum SwiftModules {
  static let roots: Set<Substring> = ["Sources", "Tests", "Plugins"]

  /// The module `path` belongs to and its folder (with a trailing `/`); both empty outside that layout,
  /// where the whole workspace counts as one module.
  static func module(of path: String) -> (name: String, folder: String) {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count >= 3, let root = parts.dropLast(2).lastIndex(where: { roots.contains($0) }) else { return ("", "") }
    return (String(parts[root + 1]), parts[...(root + 1)].joined(separator: "/") + "/")
  }

  /// The folder of module `name` as an import from `path` finds it: `Sources/<name>/` beside the importing
  /// file's own package root. An import of a submodule (`import A.B`) names module `A`.
  static func folder(ofModule name: String, from path: String) -> String {
    let module = name.split(separator: ".").first.map(String.init) ?? name
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    let root = parts.dropLast(2).lastIndex(where: { roots.contains($0) }).map { parts[..<$0].joined(separator: "/") } ?? ""
    return (root.isEmpty ? "" : root + "/") + "Sources/" + module + "/"
  }
}
