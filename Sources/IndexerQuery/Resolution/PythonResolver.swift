import IndexerModel
import IndexerStore

/// Resolves a use of a Python name to its definition by the language's rules, over what the reader recorded:
/// the nearest visible binding; else the import that bound it, followed to the module's file; else, for
/// a member, the receiver's module or type (and that type's bases). What the rules cannot reach is left
/// to the name search (`nil` here).
///
/// One per question: it keeps the files it read. Every chain it follows (imports, bases, receivers) is
/// bounded by `maximumSteps`, so an import cycle or a class that names itself as its base ends.
final class PythonResolver {
  private let files: ResolutionFiles
  private var steps = 0
  /// What a module's name denotes, per module and name: references resolve the same `unittest.TestCase`
  /// in hundreds of files, and the answer does not depend on where it is asked.
  private var moduleMembers: [String: MemberSite?] = [:]
  /// The module each written name means from each folder (the roots tried depend only on the folder).
  private var modulesFound: [String: PythonModules.Module?] = [:]
  static let maximumSteps = 64

  init(files: ResolutionFiles) {
    self.files = files
  }

  /// What a name denotes, as far as member lookup needs it.
  private enum Value {
    case module(PythonModules.Module)
    /// A type's body: its scope's index in `path`'s scopes.
    case type(path: String, scope: Int)
    case unknown
  }

  /// The definition of the use of `name` at `position` in `path`; nil when the rules reach none.
  func resolve(name: String, path: String, at position: SourcePosition) throws(StoreError) -> ResolvedDefinition? {
    steps = 0
    return try resolveUse(name: name, path: path, at: position)
  }

  /// `resolve` without resetting the budget: a keyword argument resolves its callee through here, so a
  /// damaged blob whose callee points back at a keyword argument still ends.
  private func resolveUse(name: String, path: String, at position: SourcePosition) throws(StoreError) -> ResolvedDefinition? {
    guard take(), let file = try file(path), file.language == .python, !file.scopes.isEmpty else { return nil }
    if let use = file.scopes.moduleUse(at: position), let module = module(use.module, from: path),
      let answer = moduleAnswer(module, name: name)
    {
      return answer
    }
    if let keyword = file.scopes.keywordArgument(at: position) {
      return try keywordParameter(name, of: keyword, in: path)
    }
    if let member = file.scopes.member(at: position) {
      guard !member.receiver.isEmpty else { return nil }
      if member.receiver == "super()" { return try superMember(name, in: path, at: position) }
      let receiver = try value(ofChain: member.receiver, in: path, at: position)
      return try self.member(name, of: receiver).map { found in
        var answer = found
        answer.resolution = .member
        return answer
      }
    }
    guard let (binding, resolution) = try binding(named: name, in: path, at: position) else {
      if let starred = try starImported(name, in: path) { return starred }
      return try importedSubmodule(name, in: path).flatMap { moduleAnswer($0, name: name) }
    }
    return try definition(of: binding, in: path, resolution: resolution)
  }

  /// The first attribute `path` sets through a receiver (`self.name = …`) in any of its types, as a guess
  /// by name (resolution `name`) for a member whose receiver the rules could not type.
  func attribute(named name: String, in path: String) throws(StoreError) -> ResolvedDefinition? {
    guard let file = try file(path), let found = file.scopes.bindings.first(where: { $0.name == name && $0.kind == .attribute })
    else { return nil }
    return try answer(found, in: path, resolution: .name)
  }

  /// `super().name` in a method: `name` in the bases of the class the method is in, in order.
  private func superMember(_ name: String, in path: String, at position: SourcePosition) throws(StoreError) -> ResolvedDefinition? {
    guard let file = try file(path) else { return nil }
    let scopes = file.scopes
    var s = scopes.owner(of: scopes.innermostScope(at: position))
    var type = -1
    var steps = 0
    while s >= 0 && s < scopes.scopes.count && steps <= scopes.scopes.count {
      steps += 1
      let around = scopes.owner(of: scopes.scopes[s].parent)
      if scopes.scopes[s].kind == .function, around >= 0, scopes.scopes[around].kind == .type {
        type = around
        break
      }
      s = around
    }
    guard type >= 0 else { return nil }
    let body = scopes.scopes[type]
    for base in body.bases {
      let baseValue = try value(ofChain: base, in: path, at: body.range.start)
      guard case .type = baseValue, let found = try member(name, of: baseValue) else { continue }
      var answer = found
      answer.resolution = .member
      return answer
    }
    return nil
  }

  // MARK: Keyword arguments

  /// The parameter a keyword argument names: the callee resolved as any use, then its parameter of that
  /// name (a class's from its `__init__`); nil when the callee or the parameter is not found.
  private func keywordParameter(_ name: String, of keyword: FileScopes.KeywordArgument, in path: String) throws(StoreError) -> ResolvedDefinition? {
    guard let callee = try resolveUse(name: keyword.callee, path: path, at: keyword.calleePosition), callee.resolution != .name,
      let file = try file(callee.path)
    else { return nil }
    let scopes = file.scopes
    func body(at position: SourcePosition) -> Int? {
      scopes.scopes.indices.first {
        (scopes.scopes[$0].kind == .function || scopes.scopes[$0].kind == .type) && scopes.scopes[$0].range.start.line == position.line
          && scopes.scopes[$0].range.start.column > position.column
      }
    }
    guard var function = body(at: callee.position) else { return nil }
    if scopes.scopes[function].kind == .type {
      guard let initializer = try bodyBindings(scopes, function, named: "__init__", in: callee.path).first(where: { $0.kind == .definition }),
        let initBody = body(at: initializer.position)
      else { return nil }
      function = initBody
    }
    guard let parameter = scopes.bindings.first(where: { $0.scope == function && $0.name == name && $0.kind == .parameter }) else {
      return nil
    }
    var answer = ResolvedDefinition(
      path: callee.path, name: name, position: parameter.position, symbol: nil, resolution: .member, bindingKind: "parameter")
    answer.scope = function
    return answer
  }

  // MARK: Bindings

  /// The binding a bare name at `position` means, by Python's scope rules: the innermost scope that binds
  /// it, where class bodies are seen only from the class body itself, `global` sends the lookup to the
  /// file and `nonlocal` to the enclosing functions. Blocks (`if`, loop and `try` bodies) are part of the
  /// scope around them; they only rank that scope's bindings (see `nearest`).
  private func binding(
    named name: String, in path: String, at position: SourcePosition
  ) throws(StoreError) -> (FileScopes.Binding, Resolution)? {
    guard let file = try file(path) else { return nil }
    let scopes = file.scopes
    let named = try files.bindings(named: name, in: path)
    let innermostScope = scopes.innermostScope(at: position)
    // The use's blocks and scopes, innermost first: the bindings on its own path of control.
    var path: Set<Int> = []
    var p = innermostScope
    while p >= 0 && p < scopes.scopes.count && path.count <= scopes.scopes.count {
      path.insert(p)
      p = scopes.scopes[p].parent
    }
    var s = scopes.owner(of: innermostScope)
    var innermost = true
    var skippingToFunction = false
    var guardSteps = 0
    while s >= 0 && s < scopes.scopes.count && guardSteps <= scopes.scopes.count {
      guardSteps += 1
      let scope = scopes.scopes[s]
      defer {
        innermost = false
        s = scopes.owner(of: scope.parent)
      }
      if !innermost && scope.kind == .type { continue }
      if skippingToFunction && scope.kind != .function { continue }
      let here = named.filter { $0.kind != .attribute && scopes.owner(of: $0.scope) == s }
      // Under `global`/`nonlocal` an assignment here rebinds the outer name: it counts with the outer bindings.
      let assignedHere = here.filter { $0.kind != .global && $0.kind != .nonlocal }
      if here.contains(where: { $0.kind == .global }) {
        let module = named.filter { $0.kind != .global && scopes.owner(of: $0.scope) == 0 }
        let all = (module + assignedHere).sorted { $0.position < $1.position }
        return Self.nearest(all, at: position, path: path, in: scopes).map { ($0, .scope) }
      }
      if here.contains(where: { $0.kind == .nonlocal }) {
        if let found = assignedHere.first(where: { $0.position == position }) ?? assignedHere.last(where: { $0.visible <= position }) {
          return (found, .local)
        }
        skippingToFunction = true
        continue
      }
      skippingToFunction = false
      if let found = Self.nearest(here, at: position, path: path, in: scopes) {
        let local = scope.kind == .function || scope.kind == .lambda || scope.kind == .comprehension
        return (found, found.kind == .imported ? .import : (local ? .local : .scope))
      }
    }
    return nil
  }

  /// Which of one scope's bindings (in source order) a use at `position` means: the binding at `position`
  /// itself (a definition's own name); else the last one visible before the use that can have run before
  /// it (an assignment in an earlier branch of the `if` the use is in cannot); else the last one visible
  /// before it anywhere; else the first (a function may use a name the file binds further down).
  private static func nearest(
    _ bindings: [FileScopes.Binding], at position: SourcePosition, path: Set<Int>, in scopes: FileScopes
  ) -> FileScopes.Binding? {
    if let own = bindings.first(where: { $0.position == position }) { return own }
    let before = bindings.filter { $0.visible <= position }
    return before.last { reaches($0.scope, path: path, in: scopes) } ?? before.last ?? bindings.first
  }

  /// Whether a binding made in block `scope` can have run before a use whose enclosing blocks are `path`:
  /// yes when its block is on that path, or ended before the use's statement; no when its block and the
  /// use's are branches of one statement (`if`/`elif`/`else`, `case`s).
  static func reaches(_ scope: Int, path: Set<Int>, in scopes: FileScopes) -> Bool {
    let all = scopes.scopes
    // Climb from the binding's block to the first scope on the use's path, keeping the one just below it.
    var below = -1
    var s = scope
    var steps = 0
    while s >= 0 && s < all.count && !path.contains(s) && steps <= all.count {
      below = s
      s = all[s].parent
      steps += 1
    }
    guard below >= 0, s >= 0, s < all.count else { return true }
    guard let useBlock = path.first(where: { $0 > below && $0 < all.count && all[$0].parent == s }),
      all[useBlock].kind == .branch
    else { return true }
    // Branches of one statement follow each other: every sibling from `below` to the use's is a branch.
    for sibling in (below + 1)...useBlock where all[sibling].parent == s && all[sibling].kind != .branch {
      return true
    }
    return false
  }

  /// The first binding a type's or module's body has for `name` (any block of it), skipping attributes
  /// when the body itself binds the name.
  private func bodyBindings(_ scopes: FileScopes, _ scope: Int, named name: String, in path: String) throws(StoreError) -> [FileScopes.Binding] {
    try files.bindings(named: name, in: path).filter { scopes.owner(of: $0.scope) == scope }
  }

  /// The answer for a binding: its outline symbol when it has one, the import's target for an import.
  private func definition(
    of binding: FileScopes.Binding, in path: String, resolution: Resolution
  ) throws(StoreError) -> ResolvedDefinition? {
    if binding.kind == .imported, let followed = try followImport(binding, in: path) { return followed }
    return try answer(binding, in: path, resolution: resolution)
  }

  private func answer(_ binding: FileScopes.Binding, in path: String, resolution: Resolution) throws(StoreError) -> ResolvedDefinition {
    let file = try file(path)
    let named = try files.symbols(named: binding.name, in: path)
    let symbol = file.flatMap { f in
      named.first { $0.name == binding.name && $0.range.start.line == binding.position.line }
        .map { SymbolMatch(symbol: $0, path: path, language: f.language) }
    }
    var answer = ResolvedDefinition(
      path: path, name: binding.name, position: binding.position, symbol: symbol, resolution: resolution,
      bindingKind: symbol == nil ? Self.describe(binding.kind) : "")
    if let scopes = file?.scopes {
      let owner = scopes.owner(of: binding.scope)
      // Under `global x`, an assignment in a function rebinds the file's `x`: one variable with it.
      let global = try files.bindings(named: binding.name, in: path).contains { $0.kind == .global && scopes.owner(of: $0.scope) == owner }
      answer.scope = global ? 0 : owner
    }
    return answer
  }

  /// Whether the name at `position` of `path` is a member whose receiver the rules cannot type (a call's
  /// result, an unannotated parameter): its definition is unknown, not another one.
  func isUntypedMember(path: String, at position: SourcePosition) throws(StoreError) -> Bool {
    steps = 0
    guard let file = try file(path), let member = file.scopes.member(at: position) else { return false }
    if member.receiver.isEmpty { return true }
    if member.receiver == "super()" { return false }
    guard case .unknown = try value(ofChain: member.receiver, in: path, at: position) else { return false }
    // `sys.argv` with `sys` a module outside the workspace: known to be something else, not untyped.
    let first = String(member.receiver.prefix { $0 != "." && $0 != "(" })
    if let (binding, _) = try binding(named: first, in: path, at: position), binding.kind == .imported { return false }
    return true
  }

  // MARK: Imports

  private func module(_ written: String, from path: String) -> PythonModules.Module? {
    let key = written + "\u{0}" + PythonModules.folder(of: path)
    if let known = modulesFound[key] { return known }
    let found = modules().module(written, from: path)
    if modulesFound.count >= ResolutionFiles.maximumCachedNames * 8 { modulesFound.removeAll(keepingCapacity: true) }
    modulesFound[key] = found
    return found
  }

  private func modules() -> PythonModules {
    PythonModules { [unowned self] path in (try? self.contains(path)) ?? false }
  }

  /// The definition an import binding names, in the module's file; nil when the module is outside the
  /// workspace or lacks the name.
  private func followImport(_ binding: FileScopes.Binding, in path: String) throws(StoreError) -> ResolvedDefinition? {
    guard take(), let file = try file(path),
      let entry = file.scopes.imports.first(where: { $0.localName == binding.name && $0.position == binding.position })
    else { return nil }
    let base = try moduleValue(entry.module, from: path)
    guard !entry.importedName.isEmpty else {
      if case .module(let module) = base { return moduleAnswer(module, name: binding.name) }
      return nil
    }
    return try member(entry.importedName, of: base).map { found in
      var answer = found
      answer.resolution = .import
      return answer
    }
  }

  /// What a module path in an import denotes: the module's file, or, when no file has that path, a name
  /// an enclosing module binds (`os.path` is `posixpath`, bound in `os.py`).
  private func moduleValue(_ written: String, from path: String) throws(StoreError) -> Value {
    if let module = module(written, from: path) { return .module(module) }
    let dots = String(written.prefix { $0 == "." })
    let parts = written.dropFirst(dots.count).split(separator: ".").map(String.init)
    guard parts.count > 1 else { return .unknown }
    for split in stride(from: parts.count - 1, through: 1, by: -1) {
      guard let module = module(dots + parts[..<split].joined(separator: "."), from: path) else { continue }
      var value = Value.module(module)
      for part in parts[split...] {
        value = try self.value(ofMember: part, of: value)
        if case .unknown = value { break }
      }
      return value
    }
    return .unknown
  }

  /// A name no scope binds, looked up in the modules the file star-imports (`from dataclasses import *`),
  /// the last import first, as the later one would have replaced the name.
  private func starImported(_ name: String, in path: String) throws(StoreError) -> ResolvedDefinition? {
    guard let file = try file(path) else { return nil }
    for entry in file.scopes.imports.reversed() where entry.localName == "*" {
      let module = try moduleValue(entry.module, from: path)
      guard case .module = module, let found = try member(name, of: module) else { continue }
      var answer = found
      answer.resolution = .import
      return answer
    }
    return nil
  }

  /// In a package's `__init__.py`, importing from a submodule (`from .tasks import *`) binds the
  /// submodule's name too: the module `name` when such an import names it.
  private func importedSubmodule(_ name: String, in path: String) throws(StoreError) -> PythonModules.Module? {
    guard path == "__init__.py" || path.hasSuffix("/__init__.py"), let file = try file(path) else { return nil }
    let named = file.scopes.imports.contains { entry in
      entry.module == "." + name || entry.module.hasPrefix("." + name + ".")
    }
    guard named else { return nil }
    return modules().submodule(name, of: PythonModules.folder(of: path))
  }

  private func moduleAnswer(_ module: PythonModules.Module, name: String) -> ResolvedDefinition? {
    guard let file = module.file else { return nil }
    return ResolvedDefinition(
      path: file, name: name, position: SourcePosition(line: 1, column: 1), symbol: nil, resolution: .import, bindingKind: "module")
  }

  // MARK: Members

  /// Where `name` is bound inside what a module or type denotes: a binding (in some file) or a submodule.
  private enum MemberSite {
    case binding(FileScopes.Binding, path: String)
    case submodule(PythonModules.Module)
  }

  /// `name` looked up in what `value` denotes, as its definition.
  private func member(_ name: String, of value: Value) throws(StoreError) -> ResolvedDefinition? {
    switch try memberSite(name, of: value) {
    case .binding(let binding, let path)?: return try definition(of: binding, in: path, resolution: .member)
    case .submodule(let module)?: return moduleAnswer(module, name: name)
    case nil: return nil
    }
  }

  /// What `name` denotes inside a module or type (for the next link of a chain).
  private func value(ofMember name: String, of value: Value) throws(StoreError) -> Value {
    switch try memberSite(name, of: value) {
    case .binding(let binding, let path)?: return try self.value(of: binding, in: path)
    case .submodule(let module)?: return .module(module)
    case nil: return .unknown
    }
  }

  /// The one lookup both of the above use. A module, as `from package import name` looks: what its body
  /// defines, else what it imports under that name (a package's `from .main import main` replaces the
  /// submodule), else the submodule. A type: its body (a method or class attribute written there before
  /// one assigned through `self`; of several, the last, as the class body ran: a property's setter
  /// replaces its getter), then its bases in order.
  private func memberSite(_ name: String, of value: Value) throws(StoreError) -> MemberSite? {
    guard take() else { return nil }
    switch value {
    case .unknown:
      return nil
    case .module(let module):
      let key = Self.key(module, name)
      if let known = moduleMembers[key] { return known }
      var imported: MemberSite?
      var found: MemberSite?
      if let path = module.file, let file = try file(path) {
        let here = try bodyBindings(file.scopes, 0, named: name, in: path)
        found = here.first(where: { $0.kind != .imported }).map { .binding($0, path: path) }
        imported = here.first.map { .binding($0, path: path) }
        if found == nil, let binding = here.first, try !importsOwnSubmodule(binding, in: path) { found = imported }
      }
      if found == nil, let package = module.package, let sub = modules().submodule(name, of: package) { found = .submodule(sub) }
      found = found ?? imported
      if steps <= Self.maximumSteps { moduleMembers[key] = found }
      return found
    case .type(let path, let scope):
      guard let file = try file(path), scope < file.scopes.scopes.count else { return nil }
      let here = try bodyBindings(file.scopes, scope, named: name, in: path)
      if let found = here.last(where: { $0.kind != .attribute }) ?? here.first { return .binding(found, path: path) }
      let body = file.scopes.scopes[scope]
      for base in body.bases {
        let baseValue = try self.value(ofChain: base, in: path, at: body.range.start)
        if case .type = baseValue, let found = try memberSite(name, of: baseValue) { return found }
      }
      return nil
    }
  }

  /// Whether an import binding in a package's `__init__.py` is `from . import name`: the submodule itself.
  private func importsOwnSubmodule(_ binding: FileScopes.Binding, in path: String) throws(StoreError) -> Bool {
    guard let file = try file(path) else { return false }
    return file.scopes.imports.contains {
      $0.position == binding.position && $0.module == "." && $0.importedName == binding.name
    }
  }

  private static func key(_ module: PythonModules.Module, _ name: String) -> String {
    (module.file ?? "") + "\u{0}" + (module.package ?? "") + "\u{0}" + name
  }

  /// What a dotted chain (`self`, `os.path`, `Foo`) at `position` denotes.
  private func value(ofChain chain: String, in path: String, at position: SourcePosition) throws(StoreError) -> Value {
    // `Tool()`: calling a class makes one of its instances; what a function returns is not written here.
    if chain.hasSuffix("()") {
      let callee = try value(ofChain: String(chain.dropLast(2)), in: path, at: position)
      if case .type = callee { return callee }
      return .unknown
    }
    let parts = chain.split(separator: ".").map(String.init)
    guard let first = parts.first, take() else { return .unknown }
    var current: Value
    if let (binding, _) = try binding(named: first, in: path, at: position) {
      current = try value(of: binding, in: path)
    } else if let module = try importedSubmodule(first, in: path) {
      current = .module(module)
    } else {
      return .unknown
    }
    for part in parts.dropFirst() {
      current = try value(ofMember: part, of: current)
      if case .unknown = current { return .unknown }
    }
    return current
  }

  /// What a binding denotes: a module, a type (a class, a receiver, or a name whose type is written).
  private func value(of binding: FileScopes.Binding, in path: String) throws(StoreError) -> Value {
    guard take(), let file = try file(path) else { return .unknown }
    let scopes = file.scopes
    switch binding.kind {
    case .receiverParameter:
      let method = scopes.owner(of: binding.scope)
      let type = method >= 0 ? scopes.owner(of: scopes.scopes[method].parent) : -1
      return type >= 0 && scopes.scopes[type].kind == .type ? .type(path: path, scope: type) : .unknown
    case .imported:
      guard let entry = scopes.imports.first(where: { $0.localName == binding.name && $0.position == binding.position }) else {
        return .unknown
      }
      let base = try moduleValue(entry.module, from: path)
      return entry.importedName.isEmpty ? base : try value(ofMember: entry.importedName, of: base)
    default:
      if let body = scopes.scopes.indices.first(where: {
        scopes.scopes[$0].kind == .type && scopes.scopes[$0].parent == binding.scope
          && scopes.scopes[$0].range.start.line == binding.position.line
      }) {
        return .type(path: path, scope: body)
      }
      guard !binding.typeName.isEmpty else { return .unknown }
      let typed = try value(ofChain: binding.typeName, in: path, at: binding.position)
      if case .type = typed { return typed }
      return .unknown
    }
  }

  // MARK: Files

  private func file(_ path: String) throws(StoreError) -> FileIndex? { try files.file(path) }
  private func contains(_ path: String) throws(StoreError) -> Bool { try files.contains(path) }

  /// One more step of a chain; false once the budget is spent.
  private func take() -> Bool {
    steps += 1
    return steps <= Self.maximumSteps
  }

  static func describe(_ kind: FileScopes.BindingKind) -> String {
    switch kind {
    case .definition: "definition"
    case .parameter, .receiverParameter: "parameter"
    case .local: "local"
    case .loop: "loop"
    case .handler: "handler"
    case .with: "with"
    case .pattern: "pattern"
    case .typeParameter: "type-parameter"
    case .imported: "import"
    case .global: "global"
    case .nonlocal: "nonlocal"
    case .attribute: "attribute"
    }
  }
}
