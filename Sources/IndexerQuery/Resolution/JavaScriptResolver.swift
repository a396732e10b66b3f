import IndexerModel
import IndexerStore

/// Resolves a use of a JavaScript or TypeScript name by the language's rules, over what the reader recorded:
/// the nearest enclosing scope that binds it (blocks are scopes; class and object bodies are not seen from
/// inside their methods); an import, followed to the module's file (relative paths, with or without an
/// extension, `index` files) and to what that file exports under the name (its declarations, `export { a
/// as b }`, `export * from`, `export default`, `module.exports`); a member after `.`, looked up in what its
/// receiver denotes when the source writes it: `this`, `super`, a class, object, namespace or enum, a
/// module imported whole, an annotation (`x: Foo`), a construction (`new Foo()`), or a function's declared
/// result — then in the bases a class or interface names. What the rules cannot reach is left to the name
/// search (`nil` here).
///
/// Every chain it follows (imports, re-exports, bases, receivers) is bounded by `maximumSteps`.
final class JavaScriptResolver {
  private let files: ResolutionFiles
  private var steps = 0
  /// What each module exports under a name: references ask the same `import { x }` in many files.
  private var exportsCache: [String: Site?] = [:]
  static let maximumSteps = 128

  init(files: ResolutionFiles) {
    self.files = files
  }

  /// What a receiver denotes, as far as member lookup needs it.
  private enum Value {
    /// A class, interface, object literal, enum or namespace: the scopes whose bindings are its members
    /// (several when TypeScript merges declarations of one name: a class and a namespace).
    case scope(path: String, scopes: [Int])
    /// A module imported whole: its file's exports.
    case module(path: String)
    /// A union of named types (`A | B`), written in `path` at `position`: a member is the first
    /// constituent's that has it, as TypeScript lists a union property's declarations.
    case union(types: [String], path: String, position: SourcePosition)
    case unknown
  }

  /// Where a name is defined: a binding, or an export that names its own place (`exports.f = …`).
  private struct Site {
    var path: String
    var name: String
    var position: SourcePosition
    var binding: FileScopes.Binding?
    var resolution: Resolution
  }

  func resolve(name: String, path: String, at position: SourcePosition) throws(StoreError) -> ResolvedDefinition? {
    steps = 0
    guard let site = try site(name: name, path: path, at: position) else { return nil }
    return try answer(site)
  }

  /// Whether the name at `position` is a member whose receiver the source does not type.
  func isUntypedMember(path: String, at position: SourcePosition) throws(StoreError) -> Bool {
    steps = 0
    guard let file = try files.file(path), let member = file.scopes.member(at: position) else { return false }
    if member.receiver.hasPrefix("@module:") || member.receiver == "{}" || member.receiver.hasPrefix("=") { return false }
    if member.receiver.isEmpty { return true }
    guard case .unknown = try value(ofChain: member.receiver, in: path, at: position) else { return false }
    return true
  }

  private func site(name: String, path: String, at position: SourcePosition) throws(StoreError) -> Site? {
    guard take(), let file = try files.file(path), !file.scopes.isEmpty else { return nil }
    let scopes = file.scopes
    let named = try files.bindings(named: name, in: path)
    // A declaration's own name is itself; an import's is what it imports; `{ a }` is a use of `a`.
    // (`this.x = …` is a use of the class's `x` when the class declares one: the member lookup below says.)
    if let own = named.first(where: { $0.position == position && $0.kind != .attribute }) {
      if own.kind == .imported { return try followImport(own, in: path) ?? site(own, in: path) }
      let ownerKind = own.scope < scopes.scopes.count ? scopes.scopes[own.scope].kind : .file
      if ownerKind == .type && own.typeName == "=" + name, let used = try lexical(name, in: path, at: position, skipping: own) {
        return used
      }
      return site(own, in: path)
    }
    // `exports.name = value`: the export is what it names (`exports.default = clone` is the function `clone`).
    if let own = scopes.imports.first(where: { $0.isExport && $0.position == position && $0.localName == name }) {
      let entry = Self.export(named: name, in: scopes) ?? own
      return try exportTarget(entry, in: path) ?? Site(path: path, name: name, position: own.position, binding: nil, resolution: .scope)
    }
    if let member = scopes.member(at: position) {
      if member.receiver.hasPrefix("@module:") {
        guard let module = try resolveModule(String(member.receiver.dropFirst("@module:".count)), from: path) else { return nil }
        return try exported(name, from: module).map { relabeled($0, .import) }
      }
      if member.receiver == "module", name == "exports", file.language == .javascript, try lexical("module", in: path, at: position) == nil {
        // CommonJS: what `module.exports = …` assigns, else the module.
        return try exported("=", from: path)
          ?? Site(path: path, name: name, position: SourcePosition(line: 1, column: 1), binding: nil, resolution: .scope)
      }
      // A key of an object literal nothing names is its own definition.
      if member.receiver == "{}" { return Site(path: path, name: name, position: position, binding: nil, resolution: .scope) }
      let assigned = member.receiver.hasPrefix("=")
      let chain = assigned ? String(member.receiver.dropFirst()) : member.receiver
      let receiver = chain.isEmpty ? Value.unknown : try value(ofChain: chain, in: path, at: position)
      if let found = try memberSite(name, of: receiver) { return relabeled(found, .member) }
      // `obj.prop = value` where nothing declares `prop`: the assignment declares it, as TypeScript reads JavaScript.
      if assigned { return Site(path: path, name: name, position: position, binding: nil, resolution: .member) }
      return nil
    }
    if let found = try lexical(name, in: path, at: position) { return found }
    // CommonJS's `exports` (unless something binds it): in `exports.name = value`, what is exported; else the module.
    if name == "exports", file.language == .javascript {
      let statement = scopes.imports.first { $0.isExport && $0.position.line == position.line && $0.position > position }
      if let statement, let target = try exportTarget(statement, in: path), target.binding != nil { return target }
      return Site(path: path, name: name, position: SourcePosition(line: 1, column: 1), binding: nil, resolution: .scope)
    }
    // CommonJS's `module`: where the file assigns `module.exports` (TypeScript declares it there), else the module.
    if name == "module", file.language == .javascript {
      let assignment = scopes.imports.first { $0.isExport && $0.localName == "=" }
      return Site(
        path: path, name: name, position: assignment?.position ?? SourcePosition(line: 1, column: 1), binding: nil, resolution: .scope)
    }
    return nil
  }

  // MARK: Scopes

  /// The binding a bare name at `position` means: the innermost scope that binds it, the last binding
  /// before the use in that scope (else its first: a function declaration, or a use inside a function of
  /// a name bound later). Class and object bodies bind only type parameters for what is inside them.
  private func lexical(
    _ name: String, in path: String, at position: SourcePosition, skipping skipped: FileScopes.Binding? = nil, forValue: Bool = false
  ) throws(StoreError) -> Site? {
    guard let file = try files.file(path) else { return nil }
    let scopes = file.scopes
    let named = try files.bindings(named: name, in: path)
    guard !named.isEmpty else { return nil }
    var s = scopes.innermostScope(at: position)
    var guardSteps = 0
    while s >= 0 && s < scopes.scopes.count && guardSteps <= scopes.scopes.count {
      guardSteps += 1
      let scope = scopes.scopes[s]
      let here = named.filter {
        $0.scope == s && $0.kind != .attribute && $0 != skipped && (scope.kind != .type || $0.kind == .typeParameter)
      }
      // Declarations of one name in one scope are one symbol (`var` twice, overloads, merged declarations):
      // the first is its definition, as TypeScript lists them.
      if let found = here.first {
        if found.kind == .imported && !forValue { return try followImport(found, in: path) ?? site(found, in: path) }
        return site(found, in: path)
      }
      s = scope.parent
    }
    return nil
  }

  private func site(_ binding: FileScopes.Binding, in path: String) -> Site {
    Site(path: path, name: binding.name, position: binding.position, binding: binding, resolution: .scope)
  }

  private func relabeled(_ site: Site, _ resolution: Resolution) -> Site {
    var copy = site
    copy.resolution = resolution
    return copy
  }

  // MARK: Modules

  /// The definition an import binding names in the module's file; nil when the module is outside the
  /// workspace.
  /// A namespace import (`import * as m`) is its own definition, as TypeScript answers; for a value (`m.x`)
  /// it is the module.
  private func followImport(_ binding: FileScopes.Binding, in path: String, forValue: Bool = false) throws(StoreError) -> Site? {
    guard take(), let file = try files.file(path),
      let entry = file.scopes.imports.first(where: { !$0.isExport && $0.localName == binding.name && $0.position == binding.position }),
      entry.importedName != "*" || forValue, let module = try resolveModule(entry.module, from: path)
    else { return nil }
    if entry.importedName.isEmpty || entry.importedName == "*" {
      // The module itself (`import * as m`, `const m = require(…)`): what it assigns to `module.exports`, else its file.
      if let whole = try exported("=", from: module) { return relabeled(whole, .import) }
      return Site(path: module, name: binding.name, position: SourcePosition(line: 1, column: 1), binding: nil, resolution: .import)
    }
    return try exported(entry.importedName, from: module).map { relabeled($0, .import) }
  }

  /// What `module` exports as `name`: an export entry naming it (a rename, a re-export, the default, an
  /// assignment to `exports.name`), else its top-level declaration of that name, else what its `export *`
  /// modules export, else a member of what it assigns to `module.exports`.
  private func exported(_ name: String, from module: String) throws(StoreError) -> Site? {
    let key = module + "\u{0}" + name
    if let known = exportsCache[key] { return known }
    guard take(), let file = try files.file(module) else { return nil }
    let scopes = file.scopes
    var found: Site?
    if let entry = Self.export(named: name, in: scopes) {
      found = try exportTarget(entry, in: module)
    }
    if found == nil, name != "=", name != "default" {
      let top = try files.bindings(named: name, in: module).filter { $0.scope == 0 && $0.kind != .attribute }
      if let binding = top.first(where: { $0.kind != .imported }) ?? top.first {
        found =
          binding.kind == .imported ? try followImport(binding, in: module, forValue: true) ?? site(binding, in: module) : site(binding, in: module)
      }
    }
    if found == nil, name != "=", name != "default" {
      for entry in scopes.imports where entry.isExport && entry.localName == "*" {
        guard let target = try resolveModule(entry.module, from: module), let site = try exported(name, from: target) else { continue }
        found = site
        break
      }
    }
    if found == nil, name != "=", let whole = scopes.imports.first(where: { $0.isExport && $0.localName == "=" }) {
      if name == "default" {
        found = try exportTarget(whole, in: module)
      } else if let target = try exportTarget(whole, in: module) {
        found = try memberSite(name, of: value(of: target))
      }
    }
    if steps <= Self.maximumSteps { exportsCache[key] = found }
    return found
  }

  /// The export entry for `name`: of several (`exports.x = void 0; … exports.x = x;`), one that names a
  /// declaration, else the first.
  private static func export(named name: String, in scopes: FileScopes) -> FileScopes.Import? {
    let entries = scopes.imports.filter { $0.isExport && $0.localName == name }
    return entries.first { !$0.importedName.isEmpty && !$0.importedName.hasPrefix("@") && $0.module.isEmpty } ?? entries.first
  }

  /// The place an export entry names.
  private func exportTarget(_ entry: FileScopes.Import, in module: String) throws(StoreError) -> Site? {
    if !entry.module.isEmpty {
      guard let target = try resolveModule(entry.module, from: module) else { return nil }
      if entry.importedName.isEmpty {
        return Site(path: target, name: entry.localName, position: SourcePosition(line: 1, column: 1), binding: nil, resolution: .import)
      }
      return try exported(entry.importedName, from: target)
    }
    if entry.importedName.isEmpty || entry.importedName.hasPrefix("@") {
      var site = Site(path: module, name: entry.localName, position: entry.position, binding: nil, resolution: .scope)
      if entry.importedName.hasPrefix("@scope:") {
        // `module.exports = { … }`: the object's members.
        site.binding = FileScopes.Binding(name: entry.localName, scope: 0, position: entry.position, kind: .local, typeName: entry.importedName)
      }
      return site
    }
    guard let local = try lexical(entry.importedName, in: module, at: entry.position) else { return nil }
    // A namespace import exported again (`import * as z from "./x"; export { z }`): in the files that import
    // it, it names the module, as TypeScript answers.
    if let binding = local.binding, binding.kind == .imported, local.path == module,
      let whole = try followImport(binding, in: module, forValue: true)
    {
      return whole
    }
    return local
  }

  /// The workspace file a module specifier names from `path`: a relative path as written, with one of the
  /// script extensions, or its folder's `index`; a `.js` written for a TypeScript source (`./a.js` → `a.ts`).
  /// Nil for a package name or a file outside the index.
  private func resolveModule(_ specifier: String, from path: String) throws(StoreError) -> String? {
    guard specifier.hasPrefix("./") || specifier.hasPrefix("../") || specifier == "." || specifier == ".." else { return nil }
    let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    guard let base = Self.normalized(folder.isEmpty ? specifier : folder + "/" + specifier) else { return nil }
    var candidates = [base]
    candidates += Self.extensions.map { base + $0 }
    for written in [".js", ".jsx", ".mjs", ".cjs"] where base.hasSuffix(written) {
      let stem = String(base.dropLast(written.count))
      candidates += [".ts", ".tsx", ".d.ts", ".mts", ".cts"].map { stem + $0 }
    }
    candidates += Self.extensions.map { (base.isEmpty ? "" : base + "/") + "index" + $0 }
    for candidate in candidates where Language(fileName: candidate) == .typescript || Language(fileName: candidate) == .javascript {
      if try files.contains(candidate) { return candidate }
    }
    return nil
  }

  private static let extensions = [".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts"]

  /// `a/./b/../c` → `a/c`; nil when it climbs above the workspace.
  static func normalized(_ path: String) -> String? {
    var parts: [Substring] = []
    for part in path.split(separator: "/") {
      if part == "." || part.isEmpty { continue }
      if part == ".." {
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
      } else {
        parts.append(part)
      }
    }
    return parts.joined(separator: "/")
  }

  // MARK: Members

  /// `name` among the members of what `value` denotes: a scope's bindings (a method or field before an
  /// attribute set through `this`), then the bases its head names; a module's exports.
  /// `throughBases` false looks only at the scopes' own bindings.
  private func memberSite(_ name: String, of value: Value, throughBases: Bool = true) throws(StoreError) -> Site? {
    guard take() else { return nil }
    switch value {
    case .unknown:
      return nil
    case .module(let path):
      return try exported(name, from: path)
    case .union(let types, let path, let position):
      // A constituent that declares the member itself before one that inherits it: in a union of interfaces
      // sharing a base, the member that tells them apart (`pattern` in `A | Regex`) is the one code reads
      // after narrowing to the constituent declaring it.
      let values = try types.map { (type) throws(StoreError) in try typeValue(type, in: path, at: position) }
      for value in values {
        if let found = try memberSite(name, of: value, throughBases: false) { return found }
      }
      for value in values {
        if let found = try memberSite(name, of: value) { return found }
      }
      return nil
    case .scope(let path, let scopes):
      guard let file = try files.file(path) else { return nil }
      let bodies = scopes.filter { $0 >= 0 && $0 < file.scopes.scopes.count }
      let named = try files.bindings(named: name, in: path)
      for scope in bodies {
        let here = named.filter { $0.scope == scope && $0.kind != .typeParameter }
        if let found = here.first(where: { $0.kind != .attribute }) ?? here.first {
          if found.kind == .imported { return try followImport(found, in: path) ?? site(found, in: path) }
          return site(found, in: path)
        }
      }
      guard throughBases else { return nil }
      for scope in bodies {
        let body = file.scopes.scopes[scope]
        for base in body.bases {
          let baseValue = try typeValue(base, in: path, at: body.range.start)
          if let found = try memberSite(name, of: baseValue) { return found }
        }
      }
      return nil
    }
  }

  /// What a receiver chain (`this`, `a.b`, `f().c`, `Foo()` for `new Foo()`) at `position` denotes.
  private func value(ofChain chain: String, in path: String, at position: SourcePosition) throws(StoreError) -> Value {
    let parts = chain.split(separator: ".").map(String.init)
    guard let first = parts.first, take() else { return .unknown }
    let (firstName, firstCalls) = ReceiverChain.calls(first)
    var current: Value
    var rest = parts.dropFirst()
    // CommonJS's export object, `exports` or `module.exports` (unless the file binds the name): the module's exports.
    let commonJS = (firstName == "exports" && firstCalls == 0) || (firstName == "module" && parts.count > 1 && parts[1] == "exports")
    if commonJS, try files.file(path)?.language == .javascript, try lexical(firstName, in: path, at: position) == nil {
      current = .module(path: path)
      if firstName == "module" { rest = rest.dropFirst() }
    } else {
      switch firstName {
      case "this":
        current = try thisValue(in: path, at: position)
      case "super":
        current = try superValue(in: path, at: position)
      default:
        guard let site = try lexical(firstName, in: path, at: position, forValue: true) else { return .unknown }
        current = try firstCalls > 0 ? callResult(site) : value(of: site)
      }
    }
    for part in rest {
      let (name, calls) = ReceiverChain.calls(part)
      guard let site = try memberSite(name, of: current) else { return .unknown }
      current = try calls > 0 ? callResult(site) : value(of: site)
      if case .unknown = current { return .unknown }
    }
    return current
  }

  /// `@scope:12` → 12.
  private static func scopeIndex(_ typeName: String) -> Int? {
    typeName.hasPrefix("@scope:") ? Int(typeName.dropFirst("@scope:".count)) : nil
  }


  /// What a binding denotes: the members it holds, from what its declaration writes.
  private func value(of site: Site) throws(StoreError) -> Value {
    guard take(), let binding = site.binding else {
      return site.binding == nil && site.position == SourcePosition(line: 1, column: 1) ? .module(path: site.path) : .unknown
    }
    if binding.kind == .imported {
      guard let target = try followImport(binding, in: site.path, forValue: true) else { return .unknown }
      return try value(of: target)
    }
    let typeName = binding.typeName
    if let scope = Self.scopeIndex(typeName) {
      // Declarations TypeScript merges (a class and a namespace, an interface declared twice) share members.
      var merged = [scope]
      if let file = try files.file(site.path) {
        for other in try files.bindings(named: binding.name, in: site.path) where other.scope == binding.scope && other != binding {
          if let more = Self.scopeIndex(other.typeName), !merged.contains(more), file.scopes.scopes.indices.contains(more) { merged.append(more) }
        }
      }
      return .scope(path: site.path, scopes: merged)
    }
    if typeName.hasPrefix("returns:") || typeName.isEmpty { return .unknown }
    if typeName.hasPrefix("=") {
      return try value(ofChain: String(typeName.dropFirst()), in: site.path, at: binding.position)
    }
    return try typeValue(typeName, in: site.path, at: binding.position)
  }

  /// A call's result: a class called (`new Foo()`) is its instance; a function or method, what its declared
  /// result type names.
  private func callResult(_ site: Site) throws(StoreError) -> Value {
    guard let binding = site.binding else { return .unknown }
    if binding.typeName.hasPrefix("returns:") {
      return try typeValue(String(binding.typeName.dropFirst("returns:".count)), in: site.path, at: binding.position)
    }
    let callee = try value(of: site)
    if case .scope(let path, let scopes) = callee, let scope = scopes.first, let file = try files.file(path),
      scope < file.scopes.scopes.count, file.scopes.scopes[scope].kind == .type
    {
      return callee
    }
    return .unknown
  }

  /// What a written type (`Foo`, `ns.Foo`) denotes, seen from `position`; `Foo[]` and other shapes are unknown.
  private func typeValue(_ type: String, in path: String, at position: SourcePosition) throws(StoreError) -> Value {
    guard !type.isEmpty, !type.hasSuffix("[]") else { return .unknown }
    if let scope = Self.scopeIndex(type) { return .scope(path: path, scopes: [scope]) }
    if type.hasPrefix("|") {
      return .union(types: type.split(separator: "|").prefix(16).map(String.init), path: path, position: position)
    }
    return try value(ofChain: type, in: path, at: position)
  }

  /// `this` at `position`: the class or object literal whose method (or field initializer) holds it; arrow
  /// functions and blocks take the `this` around them.
  private func thisValue(in path: String, at position: SourcePosition) throws(StoreError) -> Value {
    guard let file = try files.file(path) else { return .unknown }
    let scopes = file.scopes.scopes
    var s = file.scopes.innermostScope(at: position)
    var guardSteps = 0
    while s > 0 && s < scopes.count && guardSteps <= scopes.count {
      guardSteps += 1
      switch scopes[s].kind {
      case .type:
        return .scope(path: path, scopes: [s])
      case .function:
        let owner = scopes[s].parent
        if owner >= 0 && owner < scopes.count && scopes[owner].kind == .type { return .scope(path: path, scopes: [owner]) }
        return .unknown
      default:
        s = scopes[s].parent
      }
    }
    return .unknown
  }

  /// `super` at `position`: the first base of the class around it.
  private func superValue(in path: String, at position: SourcePosition) throws(StoreError) -> Value {
    guard case .scope(let typePath, let scopes) = try thisValue(in: path, at: position), let scope = scopes.first,
      let file = try files.file(typePath),
      scope < file.scopes.scopes.count, let base = file.scopes.scopes[scope].bases.first
    else { return .unknown }
    return try typeValue(base, in: typePath, at: file.scopes.scopes[scope].range.start)
  }

  // MARK: Answers

  private func answer(_ site: Site) throws(StoreError) -> ResolvedDefinition {
    let file = try files.file(site.path)
    let named = try files.symbols(named: site.name, in: site.path)
    let symbol = file.flatMap { f in
      named.first { $0.name == site.name && $0.range.start.line == site.position.line }
        .map { SymbolMatch(symbol: $0, path: site.path, language: f.language) }
    }
    var resolution = site.resolution
    if resolution == .scope, let binding = site.binding, let scopes = file?.scopes, Self.isInsideFunction(binding.scope, scopes) {
      resolution = .local
    }
    if resolution == .scope, site.binding?.kind == .imported { resolution = .import }
    var answer = ResolvedDefinition(
      path: site.path, name: site.name, position: site.position, symbol: symbol, resolution: resolution,
      bindingKind: symbol == nil
        ? (site.binding.map { PythonResolver.describe($0.kind) } ?? (site.position == SourcePosition(line: 1, column: 1) ? "module" : "export"))
        : "")
    if let binding = site.binding { answer.scope = binding.scope }
    return answer
  }

  private static func isInsideFunction(_ scope: Int, _ scopes: FileScopes) -> Bool {
    var s = scope
    var guardSteps = 0
    while s > 0 && s < scopes.scopes.count && guardSteps <= scopes.scopes.count {
      guardSteps += 1
      if scopes.scopes[s].kind == .function || scopes.scopes[s].kind == .lambda { return true }
      s = scopes.scopes[s].parent
    }
    return false
  }

  /// One more step of a chain; false once the budget is spent.
  private func take() -> Bool {
    steps += 1
    return steps <= Self.maximumSteps
  }
}
