import IndexerModel
import IndexerStore

/// Resolves a use of a Go name by the language's rules, over what the reader recorded: the nearest
/// enclosing block that declares it before the use (a `:=` or `var` is seen from the end of its
/// statement); else the package's declarations in any file of the same folder; else an import. A
/// selector `x.Sel` is looked up in what `x` denotes where the source writes it: a package imported by
/// path (the folder whose path the import path is, or ends with, so a module prefix or `vendor/` needs no
/// go.mod), a type's methods (in any file of its package) and fields (embedded types' too), a variable's
/// or parameter's written type, a composite literal `T{}`, a function's declared first result.
///
/// Every chain it follows is bounded by `maximumSteps`.
final class GoResolver {
  private let files: ResolutionFiles
  private var steps = 0
  static let maximumSteps = 128

  init(files: ResolutionFiles) {
    self.files = files
  }

  /// A package: the folder of the asking file (`dir`) or an import path, whose folder is found by suffix.
  private enum Package: Hashable {
    case folder(String)
    case importPath(String)
  }

  private enum Value {
    case package(Package)
    /// A named type of a package.
    case type(name: String, package: Package)
    case unknown
  }

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

  func isUntypedMember(path: String, at position: SourcePosition) throws(StoreError) -> Bool {
    steps = 0
    guard let file = try files.file(path), let member = file.scopes.member(at: position) else { return false }
    if member.receiver.isEmpty { return true }
    if member.receiver.hasPrefix("@lit:") { return false }
    guard case .unknown = try value(ofChain: member.receiver, in: path, at: position) else { return false }
    return true
  }

  private func site(name: String, path: String, at position: SourcePosition) throws(StoreError) -> Site? {
    guard take(), let file = try files.file(path), !file.scopes.isEmpty else { return nil }
    let named = try files.bindings(named: name, in: path)
    if let own = named.first(where: { $0.position == position }) {
      return Site(path: path, binding: own, resolution: own.scope == 0 ? (own.kind == .imported ? .import : .scope) : .local)
    }
    if let member = file.scopes.member(at: position) {
      if member.receiver.hasPrefix("@lit:") {
        let type = try typeValue(String(member.receiver.dropFirst("@lit:".count)), in: path, at: position)
        return try memberSite(name, of: type).map { Site(path: $0.path, binding: $0.binding, resolution: .member) }
      }
      guard !member.receiver.isEmpty else { return nil }
      let receiver = try value(ofChain: member.receiver, in: path, at: position)
      return try memberSite(name, of: receiver).map { Site(path: $0.path, binding: $0.binding, resolution: .member) }
    }
    return try lexical(name, in: path, at: position)
  }

  /// The innermost block binding `name` before `position`, then the file's imports, then the package.
  private func lexical(_ name: String, in path: String, at position: SourcePosition) throws(StoreError) -> Site? {
    guard let file = try files.file(path) else { return nil }
    let scopes = file.scopes
    let named = try files.bindings(named: name, in: path)
    var s = scopes.innermostScope(at: position)
    var guardSteps = 0
    while s > 0 && s < scopes.scopes.count && guardSteps <= scopes.scopes.count {
      guardSteps += 1
      let here = named.filter { $0.scope == s && $0.kind != .attribute && $0.visible <= position }
      if let found = here.first { return Site(path: path, binding: found, resolution: .local) }
      s = scopes.scopes[s].parent
    }
    if let imported = named.first(where: { $0.scope == 0 && $0.kind == .imported }) {
      return Site(path: path, binding: imported, resolution: .import)
    }
    return try packageLevel(name, in: .folder(Self.folder(of: path)), preferring: path)
  }

  /// A package-level declaration (not a method) named `name` in `package`, the asking file's own first.
  private func packageLevel(_ name: String, in package: Package, preferring path: String? = nil) throws(StoreError) -> Site? {
    guard take() else { return nil }
    if let path, let own = try files.bindings(named: name, in: path).first(where: { $0.scope == 0 && $0.kind == .definition }),
      case .folder(let folder) = package, Self.folder(of: path) == folder
    {
      return Site(path: path, binding: own, resolution: .scope)
    }
    // The folder the import path names exactly before one it merely ends with.
    let matches = try files.definitions(named: name, language: .go, pathGlob: Self.glob(package)).filter {
      $0.symbol.container.isEmpty && Self.contains(package, $0.path)
    }
      .sorted { Self.rank(package, $0.path) < Self.rank(package, $1.path) }
    for match in matches.prefix(16) where !match.path.hasSuffix("_test.go") || path?.hasSuffix("_test.go") == true {
      if let binding = try files.bindings(named: name, in: match.path).first(where: { $0.scope == 0 && $0.kind == .definition }) {
        return Site(path: match.path, binding: binding, resolution: path == nil ? .member : .scope)
      }
    }
    return nil
  }

  // MARK: Members

  private func memberSite(_ name: String, of value: Value) throws(StoreError) -> Site? {
    guard take() else { return nil }
    switch value {
    case .unknown:
      return nil
    case .package(let package):
      return try packageLevel(name, in: package)
    case .type(let type, let package):
      // Methods, in any file of the package.
      let methods = try files.definitions(named: name, language: .go, pathGlob: Self.glob(package)).filter {
        $0.symbol.container == type && Self.contains(package, $0.path)
      }
        .sorted { Self.rank(package, $0.path) < Self.rank(package, $1.path) }
      for match in methods.prefix(16) {
        if let binding = try files.bindings(named: name, in: match.path).first(where: { $0.kind == .attribute && $0.labels == type }) {
          return Site(path: match.path, binding: binding, resolution: .member)
        }
        // An interface's method: a binding of the interface's body.
        if let binding = try files.bindings(named: name, in: match.path).first(where: {
          $0.scope > 0 && $0.position.line >= match.symbol.range.start.line && $0.position.line <= match.symbol.range.end.line
        }) {
          return Site(path: match.path, binding: binding, resolution: .member)
        }
      }
      // Fields, then what the type embeds or is defined as.
      guard let declaration = try packageLevel(type, in: package), let file = try files.file(declaration.path) else { return nil }
      let typeName = declaration.binding.typeName
      if let body = Self.scopeIndex(typeName), body < file.scopes.scopes.count {
        if let field = try files.bindings(named: name, in: declaration.path).first(where: { $0.scope == body }) {
          return Site(path: declaration.path, binding: field, resolution: .member)
        }
        for base in file.scopes.scopes[body].bases {
          let baseValue = try typeValue(base, in: declaration.path, at: declaration.binding.position)
          if let found = try memberSite(name, of: baseValue) { return found }
        }
      } else if typeName.hasPrefix("type:"), typeName.count > 5 {
        let underlying = try typeValue(String(typeName.dropFirst(5)), in: declaration.path, at: declaration.binding.position)
        if case .type(let other, _) = underlying, other == type { return nil }
        return try memberSite(name, of: underlying)
      }
      return nil
    }
  }

  /// What a receiver chain (`x`, `a.b`, `f()`, `T{}`) at `position` denotes.
  private func value(ofChain chain: String, in path: String, at position: SourcePosition) throws(StoreError) -> Value {
    let parts = chain.split(separator: ".").map(String.init)
    guard let first = parts.first, take() else { return .unknown }
    var current: Value
    if first.hasSuffix("{}") {
      current = try typeValue(String(first.dropLast(2)), in: path, at: position)
    } else {
      let (name, calls) = ReceiverChain.calls(first)
      guard let site = try lexical(name, in: path, at: position) else { return .unknown }
      current = try calls > 0 ? callResult(site) : value(of: site)
    }
    for part in parts.dropFirst() {
      if part.hasSuffix("{}") {  // `pkg.T{}`
        guard case .package(let package) = current else { return .unknown }
        current = .type(name: String(part.dropLast(2)), package: package)
        continue
      }
      let (name, calls) = ReceiverChain.calls(part)
      guard let site = try memberSite(name, of: current) else { return .unknown }
      current = try calls > 0 ? callResult(site) : value(of: site)
      if case .unknown = current { return .unknown }
    }
    return current
  }


  private func value(of site: Site) throws(StoreError) -> Value {
    guard take() else { return .unknown }
    let binding = site.binding
    if binding.kind == .imported {
      guard let file = try files.file(site.path),
        let entry = file.scopes.imports.first(where: { $0.position == binding.position && $0.localName == binding.name })
      else { return .unknown }
      return .package(.importPath(entry.module))
    }
    let typeName = binding.typeName
    if Self.scopeIndex(typeName) != nil || typeName.hasPrefix("type:") {
      return .type(name: binding.name, package: .folder(Self.folder(of: site.path)))
    }
    if typeName.hasPrefix("returns:") || typeName.isEmpty { return .unknown }
    if typeName.hasPrefix("=") { return try value(ofChain: String(typeName.dropFirst()), in: site.path, at: binding.position) }
    return try typeValue(typeName, in: site.path, at: binding.position)
  }

  /// A call's result: a function's or method's declared first result; a conversion `T(x)` is a `T`.
  private func callResult(_ site: Site) throws(StoreError) -> Value {
    let typeName = site.binding.typeName
    if typeName.hasPrefix("returns:") {
      return try typeValue(String(typeName.dropFirst("returns:".count)), in: site.path, at: site.binding.position)
    }
    let callee = try value(of: site)
    if case .type = callee { return callee }
    return .unknown
  }

  /// A written type (`T`, `pkg.T`) seen from `position` in `path`; a type parameter is unknown.
  private func typeValue(_ type: String, in path: String, at position: SourcePosition) throws(StoreError) -> Value {
    guard !type.isEmpty, take() else { return .unknown }
    let parts = type.split(separator: ".").map(String.init)
    if parts.count == 2 {
      guard let site = try lexical(parts[0], in: path, at: position), site.binding.kind == .imported,
        case .package(let package) = try value(of: site)
      else { return .unknown }
      return .type(name: parts[1], package: package)
    }
    if let site = try lexical(type, in: path, at: position), site.binding.scope > 0 {
      return site.binding.kind == .typeParameter ? .unknown : .type(name: type, package: .folder(Self.folder(of: path)))
    }
    return .type(name: type, package: .folder(Self.folder(of: path)))
  }

  // MARK: Answers

  private func answer(_ site: Site) throws(StoreError) -> ResolvedDefinition {
    let file = try files.file(site.path)
    let line = site.binding.position.line
    let named = try files.symbols(named: site.binding.name, in: site.path)
    let symbol = file.flatMap { f in
      named.first {
        $0.name == site.binding.name && ($0.range.start.line == line || (site.binding.scope == 0 && $0.range.start.line <= line && line <= $0.range.end.line))
      }.map { SymbolMatch(symbol: $0, path: site.path, language: f.language) }
    }
    var answer = ResolvedDefinition(
      path: site.path, name: site.binding.name, position: site.binding.position, symbol: symbol, resolution: site.resolution,
      bindingKind: symbol == nil ? PythonResolver.describe(site.binding.kind) : "")
    answer.scope = site.binding.scope
    return answer
  }

  // MARK: Paths

  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return String(path[..<slash])
  }

  /// Whether `path` is a file of `package`: its folder, or (an import path) a folder the path names — the
  /// same, a module's folder it ends with, or under `vendor/`.
  private static func contains(_ package: Package, _ path: String) -> Bool {
    let folder = folder(of: path)
    switch package {
    case .folder(let own): return folder == own
    case .importPath(let importPath):
      return folder == importPath || importPath.hasSuffix("/" + folder) || folder.hasSuffix("vendor/" + importPath)
    }
  }

  /// Code built for this machine first (a file named for another OS or architecture, `_windows.go`,
  /// `_arm64.go`, after), then the folder the import path names exactly.
  private static func rank(_ package: Package, _ path: String) -> (Int, Int) {
    (builtHere(path) ? 0 : 1, exactly(package, path) ? 0 : 1)
  }

  /// Whether Go builds `path` on linux/amd64 as far as its name says (`//go:build` lines are not read).
  static func builtHere(_ path: String) -> Bool {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    guard file.hasSuffix(".go") else { return true }
    var parts = file.dropLast(3).split(separator: "_").map(String.init)
    if parts.last == "test" { parts.removeLast() }
    guard parts.count >= 2 else { return true }
    let last = parts[parts.count - 1]
    let beforeLast = parts.count >= 3 ? parts[parts.count - 2] : ""
    if knownArchitectures.contains(last) {
      return last == "amd64" && (!knownSystems.contains(beforeLast) || beforeLast == "linux")
    }
    if knownSystems.contains(last) { return last == "linux" || last == "unix" }
    return true
  }

  private static let knownSystems: Set<String> = [
    "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd",
    "plan9", "solaris", "wasip1", "windows", "zos",
  ]
  private static let knownArchitectures: Set<String> = [
    "386", "amd64", "arm", "arm64", "loong64", "mips", "mipsle", "mips64", "mips64le", "ppc64", "ppc64le", "riscv64", "s390x", "wasm",
  ]

  private static func exactly(_ package: Package, _ path: String) -> Bool {
    switch package {
    case .folder: true
    case .importPath(let importPath): folder(of: path) == importPath
    }
  }

  /// The files a package's may be among, as a GLOB (its folder, or any folder ending with the import path).
  private static func glob(_ package: Package) -> String {
    func escaped(_ s: String) -> String { PathGlob.literal(s) }
    switch package {
    case .folder(let folder): return folder.isEmpty ? "*" : escaped(folder) + "/*"
    case .importPath(let importPath): return "*" + escaped(importPath) + "/*"
    }
  }

  private static func scopeIndex(_ typeName: String) -> Int? {
    typeName.hasPrefix("@scope:") ? Int(typeName.dropFirst("@scope:".count)) : nil
  }

  private func take() -> Bool {
    steps += 1
    return steps <= Self.maximumSteps
  }
}
