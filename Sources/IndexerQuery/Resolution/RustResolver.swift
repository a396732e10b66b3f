import IndexerModel
import IndexerStore

/// Resolves a use of a Rust name by the language's rules, over what the reader recorded: the nearest
/// block, closure, arm or function binding seen before the use (the last of several `let`s of one name
/// in a block, so `let x = x` shadows), a generic parameter or `Self` of the impl or trait around it, then
/// the items and `use` imports of the module the use is in (globs too) — never an outer module's. A path
/// `a::b::c` walks from `crate`, `self`, `super`, `Self`, a name in scope or a crate of the workspace
/// (a folder `name-version/` or `name/` with `src/lib.rs`) through the `mod` tree (`mod x;` is `x.rs` or
/// `x/mod.rs` beside the module's file), re-exports and into a type: an enum's variants, then the methods
/// and associated items of its `impl` blocks anywhere in the package, then its traits' (a trait impl's
/// methods and the trait's defaults). A member `x.f` is looked up in the type `x` is written with: a
/// parameter's or `let`'s annotation, `self`, a construction `T { … }` / `T::new()` (a function's
/// declared result, `Self` included), a field's type, a generic parameter's first bound, through
/// `Box`/`Rc`/`Arc` and through `?`/`unwrap()`/`expect()` on an `Option`/`Result`.
///
/// Every chain it follows is bounded by `maximumSteps`.
final class RustResolver {
  private let files: ResolutionFiles
  private var steps = 0
  static let maximumSteps = 160
  /// The `typeName` of a site that is a module's root file (a crate, or a `mod x;` file).
  private static let moduleRoot = "@root"

  init(files: ResolutionFiles) {
    self.files = files
  }

  private struct GlobKey: Hashable {
    var path: String
    var position: SourcePosition
  }

  private var globsInProgress: Set<GlobKey> = []
  /// Per question: the crate root of each package folder, and of each crate name asked from a package
  /// (a references request asks them for every use).
  private var crateRoots: [String: String?] = [:]
  /// Per question: each import followed, and each `mod x;` file found (a file's every use asks again).
  private var imports: [GlobKey: Site?] = [:]
  private var moduleFiles: [String: String?] = [:]
  private var namedCrates: [String: String?] = [:]

  private struct Site {
    var path: String
    var binding: FileScopes.Binding
    var resolution: Resolution
  }

  private indirect enum Value {
    /// A module: its file and its scope there (0, or an inline `mod` body).
    case module(path: String, scope: Int)
    /// A struct, enum, union, trait or alias, where it is declared.
    case type(Site)
    /// `Option<T>` or `Result<T, E>`: `?`, `unwrap()` and `expect()` give `T`.
    case wrapped(Value)
    case unknown

    var isUnknown: Bool {
      if case .unknown = self { return true }
      return false
    }
  }

  func resolve(name: String, path: String, at position: SourcePosition) throws(StoreError) -> ResolvedDefinition? {
    steps = 0
    guard var site = try site(name: name, path: path, at: position) else { return nil }
    // The name of a `mod x;` declaration itself goes to the module's file (a path through it stops at
    // the declaration, as rustc links both).
    if site.binding.typeName == "@mod", site.binding.position == position, site.path == path, let file = try moduleFile(site.binding.name, declaredIn: site.path, scope: site.binding.scope),
      let module = try moduleSite(file, name: site.binding.name, resolution: site.resolution)
    {
      site = module
    }
    return try answer(site)
  }

  func isUntypedMember(path: String, at position: SourcePosition) throws(StoreError) -> Bool {
    steps = 0
    guard let file = try files.file(path), let member = file.scopes.member(at: position) else { return false }
    if member.receiver.isEmpty { return true }
    if member.receiver.hasPrefix("@lit:") { return false }
    if member.receiver.hasSuffix("::") {
      return try pathValue(String(member.receiver.dropLast(2)), in: path, at: position).isUnknown
    }
    return try value(ofChain: member.receiver, in: path, at: position).isUnknown
  }

  private func site(name: String, path: String, at position: SourcePosition) throws(StoreError) -> Site? {
    guard take(), let file = try files.file(path), !file.scopes.isEmpty else { return nil }
    let named = try files.bindings(named: name, in: path)
    if let own = named.first(where: { $0.position == position }) {
      if own.kind == .imported, let target = try followImport(own, in: path) { return target }

      return Site(path: path, binding: own, resolution: own.scope == 0 || own.kind == .definition ? .scope : .local)
    }
    if let member = file.scopes.member(at: position) {
      let receiver = member.receiver
      if receiver.isEmpty { return nil }
      let value: Value
      if receiver.hasPrefix("@lit:") {
        value = try pathValue(String(receiver.dropFirst("@lit:".count)), in: path, at: position)
        return try field(name, of: value)
      } else if receiver.hasSuffix("::") {
        value = try pathValue(String(receiver.dropLast(2)), in: path, at: position)
        return try item(name, in: value, from: path).map { relabel($0, .member) }
      } else {
        value = try self.value(ofChain: receiver, in: path, at: position)
        if file.scopes.callLabels(at: position) == nil, let found = try field(name, of: value) { return found }
        if let found = try method(name, of: value) { return relabel(found, .member) }
        return try field(name, of: value)
      }
    }
    return try lexical(name, in: path, at: position)
  }

  private func relabel(_ site: Site, _ resolution: Resolution) -> Site {
    var site = site
    site.resolution = resolution
    return site
  }

  // MARK: Names in scope

  /// The nearest binding of `name` seen at `position`: blocks and functions outwards, the generic
  /// parameters of an impl or trait, then the items of the module around them.
  private func lexical(_ name: String, in path: String, at position: SourcePosition, skipping: SourcePosition? = nil) throws(StoreError) -> Site? {
    guard take(), let file = try files.file(path) else { return nil }
    let scopes = file.scopes
    let named = try files.bindings(named: name, in: path)
    var s = scopes.innermostScope(at: position)
    var walked = 0
    while s >= 0 && s < scopes.scopes.count && walked <= scopes.scopes.count {
      walked += 1
      switch scopes.scopes[s].kind {
      case .file, .module:
        return try moduleItem(name, in: path, scope: s, skipping: skipping)
      case .type:
        if let found = named.first(where: { $0.scope == s && $0.kind == .typeParameter }) {
          return Site(path: path, binding: found, resolution: .scope)
        }
      default:
        if let found = named.last(where: { $0.scope == s && $0.visible <= position && $0.position != skipping }) {
          if found.kind == .imported { return try followImport(found, in: path) }  // a `use` in a block
          return Site(path: path, binding: found, resolution: found.kind == .definition ? .scope : .local)
        }
      }
      s = scopes.scopes[s].parent
    }
    return nil
  }

  /// An item or import named `name` in the module `scope` of `path` (`use` followed), then its globs.
  private func moduleItem(_ name: String, in path: String, scope: Int, skipping: SourcePosition? = nil, depth: Int = 0) throws(StoreError) -> Site? {
    guard take(), depth < 6 else { return nil }
    let named = try files.bindings(named: name, in: path).filter { $0.scope == scope && $0.position != skipping }
    // What this build compiles first: a definition, then an import; then what a `cfg` leaves out.
    for builtHere in [true, false] {
      let here = named.filter { ($0.labels != FileScopes.RustMarks.notBuiltHere) == builtHere }
      if let definition = here.first(where: { $0.kind == .definition }) {
        return Site(path: path, binding: definition, resolution: .scope)
      }
      if let imported = here.first(where: { $0.kind == .imported }), let found = try followImport(imported, in: path) {
        return found
      }
    }
    guard let file = try files.file(path) else { return nil }
    for glob in file.scopes.imports where glob.scope == scope && glob.localName == "*" && glob.position != skipping {
      // A glob's own path may start with a name the module's globs bring: those in progress are not asked again.
      let key = GlobKey(path: path, position: glob.position)
      guard !globsInProgress.contains(key) else { continue }
      globsInProgress.insert(key)
      defer { globsInProgress.remove(key) }
      guard case .module(let modulePath, let moduleScope) = try pathValue(glob.module, in: path, at: glob.position, isUse: true),
        !(modulePath == path && moduleScope == scope)
      else { continue }
      if let found = try moduleItem(name, in: modulePath, scope: moduleScope, depth: depth + 1) { return relabel(found, .import) }
    }
    return nil
  }

  /// What the import binding `binding` names, followed to its definition.
  private func followImport(_ binding: FileScopes.Binding, in path: String) throws(StoreError) -> Site? {
    let key = GlobKey(path: path, position: binding.position)
    if let known = imports[key] { return known }
    let found = try importTarget(binding, in: path)
    // An answer cut short by the step budget, or by a glob skipped while its own path is resolved, is not
    // the import's: only a finished one is kept.
    if steps <= Self.maximumSteps && globsInProgress.isEmpty {
      if imports.count >= ResolutionFiles.maximumCachedNames * 8 { imports.removeAll(keepingCapacity: true) }
      imports[key] = found
    }
    return found
  }

  private func importTarget(_ binding: FileScopes.Binding, in path: String) throws(StoreError) -> Site? {
    guard take(), let file = try files.file(path),
      let entry = file.scopes.imports.first(where: { $0.position == binding.position && $0.localName == binding.name })
    else { return nil }
    var found: Site?
    if entry.module == FileScopes.RustMarks.externCrate || entry.module.isEmpty {
      // `use name;` / `use name as alias;` names what `name` is here (skipping this very import), or a crate;
      // `extern crate name;` a crate.
      if entry.module.isEmpty { found = try lexical(entry.importedName, in: path, at: entry.position, skipping: entry.position) }
      if found == nil {
        found = try crateRoot(named: entry.importedName, from: path).map { root in
          Site(path: root, binding: Self.crateBinding(entry.importedName), resolution: .import)
        }
      }
    } else {
      let module = try pathValue(entry.module, in: path, at: entry.position, isUse: true, skipping: entry.position)
      found = try item(entry.importedName, in: module, from: path)
    }
    return found.map { relabel($0, .import) }
  }

  // MARK: Paths

  /// What a path (`crate::a::B`, `Self`, `super::x`, `io`) written at `position` denotes.
  private func pathValue(
    _ path: String, in file: String, at position: SourcePosition, isUse: Bool = false, skipping: SourcePosition? = nil
  ) throws(StoreError) -> Value {
    let segments = path.split(separator: ":").map(String.init)  // names hold no `:`; `::` splits into two
    guard let first = segments.first, take() else { return .unknown }
    var current: Value
    switch first {
    case "crate", "$crate":
      current = try crateRootFile(of: file).map { .module(path: $0, scope: 0) } ?? .unknown
    case "self":
      current = try enclosingModule(of: file, at: position)
    case "super":
      current = try parentModule(of: enclosingModule(of: file, at: position))
    default:
      if let site = try lexical(first, in: file, at: position, skipping: skipping) {
        current = try value(of: site)
      } else if let root = try crateRoot(named: first, from: file) {
        current = .module(path: root, scope: 0)
      } else if isUse, let root = try crateRootFile(of: file), let site = try moduleItem(first, in: root, scope: 0) {
        current = try value(of: site)  // Rust 2015: a `use` path starts at the crate root
      } else {
        return .unknown
      }
    }
    for segment in segments.dropFirst() {
      if segment == "super" {
        current = try parentModule(of: current)
        continue
      }
      guard let site = try item(segment, in: current, from: file) else { return .unknown }
      current = try value(of: site)
    }
    return current
  }

  /// `name` inside what `value` denotes: a module's item, an enum's variant, a type's associated item.
  private func item(_ name: String, in value: Value, from path: String) throws(StoreError) -> Site? {
    guard take() else { return nil }
    switch value {
    case .module(let modulePath, let scope):
      if name == "self" { return nil }
      return try moduleItem(name, in: modulePath, scope: scope)
    case .type:
      if let found = try field(name, of: value) { return found }
      return try method(name, of: value)
    case .wrapped, .unknown:
      return nil
    }
  }

  /// The module (file and scope) that holds `position`.
  private func enclosingModule(of path: String, at position: SourcePosition) throws(StoreError) -> Value {
    guard let file = try files.file(path) else { return .unknown }
    var s = file.scopes.innermostScope(at: position)
    var walked = 0
    while s > 0 && s < file.scopes.scopes.count && file.scopes.scopes[s].kind != .module && walked <= file.scopes.scopes.count {
      walked += 1
      s = file.scopes.scopes[s].parent
    }
    return .module(path: path, scope: max(s, 0))
  }

  /// The module a module is declared in: the scope around an inline `mod`, else the file whose folder
  /// holds this one's file.
  private func parentModule(of value: Value) throws(StoreError) -> Value {
    guard case .module(let path, let scope) = value else { return .unknown }
    if scope > 0, let file = try files.file(path), scope < file.scopes.scopes.count {
      var s = file.scopes.scopes[scope].parent
      var walked = 0
      while s > 0 && s < file.scopes.scopes.count && file.scopes.scopes[s].kind != .module && walked <= file.scopes.scopes.count {
        walked += 1
        s = file.scopes.scopes[s].parent
      }
      return .module(path: path, scope: max(s, 0))
    }
    let parentFolder = Self.folder(of: Self.moduleFolder(of: path))
    for candidate in Self.moduleFiles(forFolder: parentFolder) where try files.contains(candidate) {
      return .module(path: candidate, scope: 0)
    }
    return .unknown
  }

  /// The file of `mod name;` declared in the module `scope` of `path`: `name.rs` or `name/mod.rs` in the
  /// module's folder (inline modules around it add their names).
  private func moduleFile(_ name: String, declaredIn path: String, scope: Int) throws(StoreError) -> String? {
    let key = path + "\u{0}" + String(scope) + "\u{0}" + name
    if let known = moduleFiles[key] { return known }
    let found = try findModuleFile(name, declaredIn: path, scope: scope)
    if moduleFiles.count >= ResolutionFiles.maximumCachedNames * 8 { moduleFiles.removeAll(keepingCapacity: true) }
    moduleFiles[key] = found
    return found
  }

  private func findModuleFile(_ name: String, declaredIn path: String, scope: Int) throws(StoreError) -> String? {
    var folder = Self.moduleFolder(of: path)
    if scope > 0, let file = try files.file(path) {
      var inline: [String] = []
      var s = scope
      var walked = 0
      while s > 0 && s < file.scopes.scopes.count && walked <= file.scopes.scopes.count {
        walked += 1
        if file.scopes.scopes[s].kind == .module,
          let binding = file.scopes.bindings.first(where: { $0.typeName == "@scope:\(s)" })
        {
          inline.append(binding.name)
        }
        s = file.scopes.scopes[s].parent
      }
      for part in inline.reversed() { folder += "/" + part }
    }
    let prefix = folder.isEmpty ? "" : folder + "/"
    for candidate in [prefix + name + ".rs", prefix + name + "/mod.rs"] where try files.contains(candidate) {
      return candidate
    }
    return nil
  }

  /// The folder a file's child modules live in: its own folder for `lib.rs`, `main.rs` and `mod.rs`,
  /// else the folder named after it (`a/b.rs` → `a/b`).
  static func moduleFolder(of path: String) -> String {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    let folder = folder(of: path)
    if file == "lib.rs" || file == "main.rs" || file == "mod.rs" { return folder }
    let stem = file.hasSuffix(".rs") ? String(file.dropLast(3)) : file
    return folder.isEmpty ? stem : folder + "/" + stem
  }

  /// The files that can be the module whose children live in `folder`.
  private static func moduleFiles(forFolder folder: String) -> [String] {
    let prefix = folder.isEmpty ? "" : folder + "/"
    var candidates = [prefix + "mod.rs", prefix + "lib.rs", prefix + "main.rs"]
    if !folder.isEmpty { candidates.append(folder + ".rs") }
    return candidates
  }

  // MARK: Crates

  /// The crate root of the package `path` is in: `src/lib.rs`, else `src/main.rs`; a file under `tests/`,
  /// `examples/`, `benches/` or `src/bin/` is its own root. Outside such folders, a `lib.rs` at the top.
  private func crateRootFile(of path: String) throws(StoreError) -> String? {
    if let known = crateRoots[path] { return known }
    let found = try findCrateRootFile(of: path)
    if crateRoots.count >= ResolutionFiles.maximumCachedNames { crateRoots.removeAll(keepingCapacity: true) }
    crateRoots[path] = found
    return found
  }

  private func findCrateRootFile(of path: String) throws(StoreError) -> String? {
    let parts = path.split(separator: "/").map(String.init)
    guard let marker = parts.lastIndex(where: { ["src", "tests", "examples", "benches"].contains($0) }) else {
      return try files.contains("lib.rs") ? "lib.rs" : path
    }
    if parts[marker] != "src" || (marker + 1 < parts.count && parts[marker + 1] == "bin") { return path }
    let src = parts[...marker].joined(separator: "/")
    for candidate in [src + "/lib.rs", src + "/main.rs"] where try files.contains(candidate) { return candidate }
    return nil
  }

  /// The package folder of `path` (before its `src/`, `tests/`, … folder), "" at the workspace's top.
  static func packageFolder(of path: String) -> String {
    let parts = path.split(separator: "/").map(String.init)
    guard let marker = parts.lastIndex(where: { ["src", "tests", "examples", "benches"].contains($0) }) else { return "" }
    return parts[..<marker].joined(separator: "/")
  }

  /// The root of the workspace's crate named `name` (`rand_core` → `rand_core-0.6.4/src/lib.rs` or
  /// `rand_core/src/lib.rs`, dashes for underscores): the asking file's own package first.
  private func crateRoot(named name: String, from path: String) throws(StoreError) -> String? {
    let key = name + "\u{0}" + path
    if let known = namedCrates[key] { return known }
    let found = try findCrateRoot(named: name, from: path)
    if namedCrates.count >= ResolutionFiles.maximumCachedNames { namedCrates.removeAll(keepingCapacity: true) }
    namedCrates[key] = found
    return found
  }

  private func findCrateRoot(named name: String, from path: String) throws(StoreError) -> String? {
    guard name.first.map({ $0.isLetter || $0 == "_" }) == true, !["std", "core", "alloc"].contains(name) else { return nil }
    let own = Self.packageFolder(of: path)
    let ownName = (own.split(separator: "/").last.map(String.init) ?? own)
    if Self.packageName(ownName) == name, let root = try crateRootFile(of: own.isEmpty ? "src/lib.rs" : own + "/src/lib.rs") {
      return root
    }
    let parent = Self.folder(of: own)
    let prefix = parent.isEmpty ? "" : parent + "/"
    let dashed = name.replacingOccurrences(of: "_", with: "-")
    for folder in dashed == name ? [name] : [name, dashed] {
      for candidate in [prefix + folder + "/src/lib.rs", folder + "/src/lib.rs"] where try files.contains(candidate) { return candidate }
    }
    // A binary, test, example or bench names its package's library by the package's name, which only
    // Cargo.toml spells: any name its own folder does not give is tried as that library.
    if let library = try crateRootFile(of: own.isEmpty ? "src/lib.rs" : own + "/src/lib.rs"), library.hasSuffix("lib.rs"), library != path,
      try crateRootFile(of: path) == path || path.hasSuffix("/main.rs") || path == "main.rs"
    {
      return library
    }
    return nil
  }

  /// A package folder's crate name: `futures-util-0.3.21` → `futures_util`.
  static func packageName(_ folder: String) -> String {
    var parts = folder.split(separator: "-").map(String.init)
    if parts.count > 1, let last = parts.last, last.first?.isNumber == true { parts.removeLast() }
    return parts.joined(separator: "_")
  }

  /// A module file as a definition: its first token.
  private func moduleSite(_ path: String, name: String, resolution: Resolution) throws(StoreError) -> Site? {
    guard let file = try files.file(path), let scope = file.scopes.scopes.first else { return nil }
    let binding = FileScopes.Binding(name: name, scope: 0, position: scope.range.start, kind: .definition, typeName: Self.moduleRoot)
    return Site(path: path, binding: binding, resolution: resolution)
  }

  /// What an `extern crate` names: the crate's root file, at its start.
  private static func crateBinding(_ name: String) -> FileScopes.Binding {
    FileScopes.Binding(name: name, scope: 0, position: SourcePosition(line: 1, column: 1), kind: .definition, typeName: Self.moduleRoot)
  }

  // MARK: Types and members

  /// What a site denotes as a value: a module, a type, or the type of a variable.
  private func value(of site: Site) throws(StoreError) -> Value {
    guard take() else { return .unknown }
    let binding = site.binding
    let typeName = binding.typeName
    if binding.kind == .imported {
      guard let target = try followImport(binding, in: site.path) else { return .unknown }
      return try value(of: target)
    }
    if typeName == "@mod" {
      return try moduleFile(binding.name, declaredIn: site.path, scope: binding.scope).map { .module(path: $0, scope: 0) } ?? .unknown
    }
    if let body = Self.scopeIndex(typeName), let file = try files.file(site.path), body < file.scopes.scopes.count {
      return file.scopes.scopes[body].kind == .module ? .module(path: site.path, scope: body) : .type(site)
    }
    if typeName == "@type" { return .type(site) }
    if typeName == Self.moduleRoot { return .module(path: site.path, scope: 0) }
    if typeName.hasPrefix("type:") { return try typeValue(String(typeName.dropFirst(5)), in: site.path, at: binding.position) }
    if typeName.hasPrefix("returns:") || typeName.isEmpty {
      return binding.kind == .receiverParameter ? try typeValue("Self", in: site.path, at: binding.position) : .unknown
    }
    if typeName.hasPrefix("=") { return try value(ofChain: String(typeName.dropFirst()), in: site.path, at: binding.visible) }
    return try typeValue(typeName, in: site.path, at: binding.position)
  }

  /// A written type (`T`, `a::T`, `Self`, `Option<T>`) seen from `position` in `path`.
  private func typeValue(_ type: String, in path: String, at position: SourcePosition) throws(StoreError) -> Value {
    guard !type.isEmpty, take() else { return .unknown }
    if type.hasSuffix(">"), let open = type.firstIndex(of: "<") {
      let inner = String(type[type.index(after: open)..<type.index(before: type.endIndex)])
      return .wrapped(try typeValue(inner, in: path, at: position))
    }
    return try pathValue(type, in: path, at: position)
  }

  /// What a receiver chain (`self.items`, `Foo::new()?`, `a.b().c`) at `position` denotes.
  private func value(ofChain chain: String, in path: String, at position: SourcePosition) throws(StoreError) -> Value {
    let links = chain.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard let head = links.first, take() else { return .unknown }
    var current: Value
    // The head may be a path whose last segment is called: `Foo::new()`, `Self::from()?`.
    let (headName, headCalls, headTries) = Self.link(head)
    if let separator = headName.range(of: "::", options: .backwards) {
      let owner = try pathValue(String(headName[..<separator.lowerBound]), in: path, at: position)
      let last = String(headName[separator.upperBound...])
      guard let site = try item(last, in: owner, from: path) else { return .unknown }
      current = try headCalls > 0 ? callResult(site) : value(of: site)
    } else {
      guard let site = try lexical(headName, in: path, at: position) else { return .unknown }
      current = try headCalls > 0 ? callResult(site) : value(of: site)
    }
    current = Self.unwrapped(current, tries: headTries)
    for part in links.dropFirst() {
      let (name, calls, tries) = Self.link(part)
      if case .wrapped(let inner) = current, calls > 0, ["unwrap", "expect", "unwrap_or_default", "unwrap_unchecked"].contains(name) {
        current = Self.unwrapped(inner, tries: tries)
        continue
      }
      if case .wrapped = current { return .unknown }
      if let found = try field(name, of: current) {
        current = try fieldValue(found, seenFrom: path, at: position)
      } else if let found = try method(name, of: current) {
        current = calls > 0 ? try callResult(found) : .unknown
      } else {
        return .unknown
      }
      current = Self.unwrapped(current, tries: tries)
      if case .unknown = current { return .unknown }
    }
    return current
  }

  private static func unwrapped(_ value: Value, tries: Int) -> Value {
    var current = value
    for _ in 0..<min(tries, 4) {
      guard case .wrapped(let inner) = current else { return .unknown }
      current = inner
    }
    return current
  }

  /// A field's value; a field typed by its struct's unbounded type parameter (`a: T`) takes the bound the
  /// code around the use gives that name (`impl<T: BufMut> … for Chain<T>`): impls name them alike.
  private func fieldValue(_ field: Site, seenFrom path: String, at position: SourcePosition) throws(StoreError) -> Value {
    let value = try value(of: field)
    let typeName = field.binding.typeName
    guard value.isUnknown, !typeName.isEmpty, typeName.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
      let declared = try lexical(typeName, in: field.path, at: field.binding.position), declared.binding.kind == .typeParameter,
      let here = try lexical(typeName, in: path, at: position), here.binding.kind == .typeParameter
    else { return value }
    return try self.value(of: here)
  }

  /// `name()?` → (`name`, calls 1, tries 1).
  private static func link(_ part: String) -> (String, Int, Int) {
    var name = Substring(part)
    var calls = 0
    var tries = 0
    while name.hasSuffix("?") || name.hasSuffix("()") {
      if name.hasSuffix("?") {
        name = name.dropLast()
        tries += 1
      } else {
        name = name.dropLast(2)
        calls += 1
      }
    }
    return (String(name), calls, tries)
  }

  /// A call's result: a function's declared result (`Self` of its impl); calling a tuple struct or
  /// variant builds its type.
  private func callResult(_ site: Site) throws(StoreError) -> Value {
    let typeName = site.binding.typeName
    if typeName.hasPrefix("returns:") {
      return try typeValue(String(typeName.dropFirst("returns:".count)), in: site.path, at: site.binding.position)
    }
    let callee = try value(of: site)
    if case .type = callee { return callee }
    return .unknown
  }

  /// A field of a struct, a variant of an enum, an item of a trait's body (its supertraits' too).
  private func field(_ name: String, of value: Value, depth: Int = 0) throws(StoreError) -> Site? {
    guard case .type(let typeSite) = value, take(), depth < 4, let body = Self.scopeIndex(typeSite.binding.typeName),
      let file = try files.file(typeSite.path), body < file.scopes.scopes.count
    else { return nil }
    if let found = try files.bindings(named: name, in: typeSite.path).first(where: { $0.scope == body && $0.kind == .definition }) {
      return Site(path: typeSite.path, binding: found, resolution: .member)
    }
    for base in file.scopes.scopes[body].bases {
      if let found = try field(name, of: typeValue(base, in: typeSite.path, at: typeSite.binding.position), depth: depth + 1) { return found }
    }
    return nil
  }

  /// A method or associated item of a type: its `impl` blocks in the package (the type's own file first),
  /// then the traits those blocks implement. A generic parameter's bound or an alias leads to its type.
  private func method(_ name: String, of value: Value) throws(StoreError) -> Site? {
    guard case .type(let typeSite) = value, take() else { return nil }
    if typeSite.binding.kind == .typeParameter || typeSite.binding.typeName.hasPrefix("type:") {
      return try method(name, of: self.value(of: typeSite))
    }
    let typeName = typeSite.binding.name
    let glob = Self.packageGlob(typeSite.path)
    let candidates = try files.definitions(named: name, language: .rust, pathGlob: glob).filter {
      ($0.symbol.container.split(separator: ":").last.map(String.init) ?? $0.symbol.container) == typeName
    }
      .sorted { ($0.path == typeSite.path ? 0 : 1) < ($1.path == typeSite.path ? 0 : 1) }
    for candidate in candidates.prefix(16) {
      let line = candidate.symbol.range.start.line...max(candidate.symbol.range.start.line, candidate.symbol.range.end.line)
      if let binding = try files.bindings(named: name, in: candidate.path).first(where: {
        $0.labels == typeName && line.contains($0.position.line)
      }) {
        return Site(path: candidate.path, binding: binding, resolution: .member)
      }
    }
    // A trait's default methods, through the impls of the trait for this type.
    for impl in try files.definitions(named: typeName, language: .rust, pathGlob: glob).filter({ $0.symbol.kind == .extension }).prefix(32) {
      guard let file = try files.file(impl.path),
        let scope = file.scopes.scopes.firstIndex(where: { $0.kind == .type && $0.range.start.line == impl.symbol.range.start.line })
      else { continue }
      for base in file.scopes.scopes[scope].bases {
        let trait = try typeValue(base, in: impl.path, at: file.scopes.scopes[scope].range.start)
        if let found = try field(name, of: trait) { return found }
      }
    }
    return nil
  }

  // MARK: Answers

  private func answer(_ site: Site) throws(StoreError) -> ResolvedDefinition {
    let file = try files.file(site.path)
    let line = site.binding.position.line
    let named = try files.symbols(named: site.binding.name, in: site.path)
    let symbol = file.flatMap { f in
      named.first { $0.name == site.binding.name && $0.range.start.line <= line && line <= $0.range.end.line && site.binding.kind == .definition }
        .map { SymbolMatch(symbol: $0, path: site.path, language: f.language) }
    }
    return ResolvedDefinition(
      path: site.path, name: site.binding.name, position: site.binding.position, symbol: symbol, resolution: site.resolution,
      bindingKind: symbol == nil ? PythonResolver.describe(site.binding.kind) : "")
  }

  // MARK: Paths

  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return String(path[..<slash])
  }

  /// The files of `path`'s package, as a GLOB.
  private static func packageGlob(_ path: String) -> String {
    let package = packageFolder(of: path)
    return package.isEmpty ? "*" : PathGlob.literal(package) + "/*"
  }

  private static func scopeIndex(_ typeName: String) -> Int? {
    typeName.hasPrefix("@scope:") ? Int(typeName.dropFirst("@scope:".count)) : nil
  }

  private func take() -> Bool {
    steps += 1
    return steps <= Self.maximumSteps
  }
}
