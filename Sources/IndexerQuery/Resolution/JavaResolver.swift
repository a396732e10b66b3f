import IndexerModel
import IndexerStore

/// Resolves a use of a Java name by the language's rules, over what the reader recorded: the innermost
/// block, lambda or method binding it before the use; the members of each enclosing class, inherited ones
/// too (bases are followed through the class's own file's imports); the file's types; single-type and
/// static imports; the types of the same package (any file whose `package` line names it, or the same
/// folder); then on-demand imports (`a.b.*`, `static a.b.C.*`). A call picks a method of its name with as
/// many parameters as it passes arguments; a name not called means a variable before a type. A member
/// `x.m` is looked up in the type of what `x` denotes: a variable's or parameter's written type, a method's
/// declared return type, `new T(…)`, a cast, `this`, `super`, a class named directly or by its qualified
/// name (`a.b.C` is the file `a/b/C.java` under any source root).
///
/// Every chain it follows is bounded by `maximumSteps`.
final class JavaResolver {
  private let files: ResolutionFiles
  private var steps = 0
  static let maximumSteps = 160
  /// How many bases deep a member is looked for.
  static let maximumInheritance = 12

  init(files: ResolutionFiles) {
    self.files = files
  }

  private struct Site {
    var path: String
    var binding: FileScopes.Binding
    var resolution: Resolution
  }

  /// A class, interface, enum, record or anonymous class: the scope of its body in a file.
  private struct TypeBody: Hashable {
    var path: String
    var scope: Int
  }

  private enum Value {
    case type(TypeBody)
    /// A package prefix of a qualified name (`java.util`), or a name nothing binds.
    case package(String)
    case unknown
  }

  /// What a use can mean: a call names a method (of that many arguments); a plain name a variable, else a
  /// type; the name after `::` a method too.
  private enum Want: Equatable {
    case method(arity: Int?)
    case value
    case valueOrMethod
    case type

    /// A method of any parameter count, when none has the call's.
    var anyArity: Want {
      if case .method(_?) = self { return .method(arity: nil) }
      return self
    }
  }

  /// The call being resolved: its arguments as the reader spelled them, and their types once asked for.
  private struct Call {
    var path: String
    var position: SourcePosition
    var arguments: [String]
    var types: [String]?
    /// Whether one class is another's subtype, as asked while choosing among overloads.
    var subtypes: [String: Bool?] = [:]
    /// The classes argument types name where they were found, by name.
    var classes: [String: TypeBody] = [:]
  }

  private var call: Call?

  /// What one question has looked up and will ask again: types by package and name, and classes' bases.
  private struct Known {
    var types: [String: TypeBody?] = [:]
    var bases: [TypeBody: [TypeBody]] = [:]
    static let maximumEntries = 4096

    mutating func remember(type: TypeBody?, for key: String) {
      if types.count >= Self.maximumEntries { types.removeAll(keepingCapacity: true) }
      types[key] = .some(type)
    }

    mutating func remember(bases found: [TypeBody], of type: TypeBody) {
      if bases.count >= Self.maximumEntries { bases.removeAll(keepingCapacity: true) }
      bases[type] = found
    }
  }

  private var known = Known()

  func resolve(name: String, path: String, at position: SourcePosition) throws(StoreError) -> ResolvedDefinition? {
    steps = 0
    guard let site = try site(name: name, path: path, at: position) else { return nil }
    return try answer(site)
  }

  func isUntypedMember(path: String, at position: SourcePosition) throws(StoreError) -> Bool {
    steps = 0
    guard let file = try files.file(path), let member = file.scopes.member(at: position) else { return false }
    guard !member.receiver.isEmpty, case .type = try value(ofChain: member.receiver, in: path, at: position) else { return true }
    return false
  }

  private func site(name: String, path: String, at position: SourcePosition) throws(StoreError) -> Site? {
    guard take(), let file = try files.file(path), !file.scopes.isEmpty else { return nil }
    let scopes = file.scopes
    if let own = try files.bindings(named: name, in: path).first(where: { $0.position == position }) {
      if own.kind == .imported {
        return try importedSite(name, in: path, at: position, want: .value) ?? Site(path: path, binding: own, resolution: .import)
      }
      // A member of a class is seen from other files; a local only in its own.
      let isMember = own.scope == 0 || (own.scope < scopes.scopes.count && scopes.scopes[own.scope].kind == .type)
      return Site(path: path, binding: own, resolution: isMember ? .scope : .local)
    }
    var want = Want.value
    call = nil
    if let labels = scopes.callLabels(at: position) {
      let parts = labels.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
      want = .method(arity: parts.first.flatMap { Int($0) })
      call = Call(path: path, position: position, arguments: Array(parts.dropFirst()), types: nil)
    }
    if let member = scopes.member(at: position) {
      guard !member.receiver.isEmpty else { return nil }
      let receiver = try value(ofChain: member.receiver, in: path, at: position)
      guard case .type(let type) = receiver else {
        guard case .package(let package) = receiver else { return nil }
        if let type = try qualifiedType(package + "." + name) { return try typeSite(type) }
        return try packageSite(package + "." + name, from: path, file: file)
      }
      // A method with as many parameters as the call passes arguments, anywhere up the hierarchy, before
      // one with that name but another count.
      var found = try memberSite(name, of: type, want: want == .value ? .valueOrMethod : want)
      if found == nil && want != want.anyArity { found = try memberSite(name, of: type, want: want.anyArity) }
      return found.map { Site(path: $0.path, binding: $0.binding, resolution: .member) }
    }
    if let module = Self.importedPath(name, at: position, in: scopes) {
      if let type = try qualifiedType(module) { return try typeSite(type) }
      return try packageSite(module, from: path, file: file)
    }
    if let found = try lexical(name, in: path, at: position, want: want) { return found }
    return want == want.anyArity ? nil : try lexical(name, in: path, at: position, want: want.anyArity)
  }

  // MARK: Lexical lookup

  /// The binding `name` means at `position`: enclosing blocks and methods, then classes with what they
  /// inherit, the file, its imports and its package. `from` starts the walk at another scope (a class's
  /// `extends` is read outside its body).
  private func lexical(_ name: String, in path: String, at position: SourcePosition, want: Want, from: Int? = nil) throws(StoreError) -> Site? {
    guard take(), let file = try files.file(path) else { return nil }
    let scopes = file.scopes
    let named = try files.bindings(named: name, in: path)
    var s = from ?? scopes.innermostScope(at: position)
    var walked = 0
    while s > 0 && s < scopes.scopes.count && walked <= scopes.scopes.count {
      walked += 1
      if scopes.scopes[s].kind == .type {
        if let found = try memberSite(name, of: TypeBody(path: path, scope: s), want: want) {
          return Site(path: found.path, binding: found.binding, resolution: found.path == path ? .scope : .member)
        }
      } else if let found = try pick(named.filter { $0.scope == s && ($0.visible <= position || Self.isType($0)) }, want) {
        return Site(path: path, binding: found, resolution: .local)
      }
      s = scopes.scopes[s].parent
    }
    if let found = try pick(named.filter { $0.scope == 0 && $0.kind != .imported }, want) {
      return Site(path: path, binding: found, resolution: .scope)
    }
    if let imported = try importedSite(name, in: path, at: position, want: want) { return imported }
    let package = Self.package(of: file)
    if case .method = want {} else if let type = try packageType(name, package: package, near: path) {
      return try typeSite(type).map { Site(path: $0.path, binding: $0.binding, resolution: .scope) }
    }
    // On-demand imports: `a.b.*` (types), `a.b.C.*` (nested types), `static a.b.C.*` (members).
    for entry in scopes.imports where entry.localName == "*" {
      if entry.module.hasPrefix("static:") {
        guard let type = try qualifiedType(String(entry.module.dropFirst("static:".count))) else { continue }
        if let found = try memberSite(name, of: type, want: want) { return Site(path: found.path, binding: found.binding, resolution: .import) }
      } else if case .method = want {
        continue
      } else if let type = try packageType(name, package: entry.module, near: nil) {
        return try typeSite(type).map { Site(path: $0.path, binding: $0.binding, resolution: .import) }
      } else if let type = try qualifiedType(entry.module + "." + name) {
        return try typeSite(type).map { Site(path: $0.path, binding: $0.binding, resolution: .import) }
      }
    }
    return nil
  }

  /// What a single-type or static import of `name` in `path` names: the class, or the static member.
  private func importedSite(_ name: String, in path: String, at position: SourcePosition, want: Want) throws(StoreError) -> Site? {
    guard let file = try files.file(path) else { return nil }
    for entry in file.scopes.imports where entry.localName == name && entry.importedName == name {
      if entry.module.hasPrefix("static:") {
        guard let type = try qualifiedType(String(entry.module.dropFirst("static:".count))) else { continue }
        if let found = try memberSite(name, of: type, want: want) {
          return Site(path: found.path, binding: found.binding, resolution: .import)
        }
        if let found = try memberSite(name, of: type, want: .valueOrMethod) {
          return Site(path: found.path, binding: found.binding, resolution: .import)
        }
      } else if case .method = want {
        continue
      } else if let type = try qualifiedType(entry.module + "." + name), let found = try typeSite(type) {
        return Site(path: found.path, binding: found.binding, resolution: .import)
      }
    }
    return nil
  }

  // MARK: Members

  /// `name` as a member of `type`: its own body's bindings, then what its bases declare, depth-limited.
  private func memberSite(_ name: String, of type: TypeBody, want: Want, depth: Int = 0) throws(StoreError) -> Site? {
    guard take(), depth <= Self.maximumInheritance, let file = try files.file(type.path), type.scope < file.scopes.scopes.count else {
      return nil
    }
    // A base's type parameters are its own, not members its subclasses inherit.
    let own = try files.bindings(named: name, in: type.path).filter { $0.scope == type.scope && (depth == 0 || $0.kind != .typeParameter) }
    if let found = try pick(own, want) { return Site(path: type.path, binding: found, resolution: .member) }
    // A record's component is also its accessor method: `p.left()`.
    if case .method(let arity) = want, arity == nil || arity == 0, let component = own.first(where: { $0.kind == .parameter }) {
      return Site(path: type.path, binding: component, resolution: .member)
    }
    for baseType in try bases(of: type, in: file) where baseType != type {
      if let found = try memberSite(name, of: baseType, want: want, depth: depth + 1) { return found }
    }
    return nil
  }

  /// The classes a type's `extends`/`implements` name, looked up once per question: a references request
  /// asks for the same class's members in hundreds of files.
  private func bases(of type: TypeBody, in file: FileIndex) throws(StoreError) -> [TypeBody] {
    if let known = known.bases[type] { return known }
    let body = file.scopes.scopes[type.scope]
    var found: [TypeBody] = []
    for base in body.bases {
      if case .type(let baseType) = try typeValue(base, in: type.path, at: body.range.start, from: body.parent) { found.append(baseType) }
    }
    // A lookup cut short by the step limit is no answer to keep.
    if steps < Self.maximumSteps { known.remember(bases: found, of: type) }
    return found
  }

  /// The binding a use wants among `candidates` (one scope's, in source order).
  private func pick(_ candidates: [FileScopes.Binding], _ want: Want) throws(StoreError) -> FileScopes.Binding? {
    let usable = candidates.filter { $0.kind != .attribute }
    switch want {
    case .method(let arity):
      let methods = usable.filter(Self.isMethod)
      guard let arity else { return methods.first }
      let exact = methods.filter { JavaOverloads.count(of: $0.labels) == String(arity) }
      let fitting = exact.isEmpty
        ? methods.filter { JavaOverloads.acceptsVarargs(labels: $0.labels, arity: arity) } : exact
      guard fitting.count > 1 else { return fitting.first }
      // Overloads with as many parameters: the one the arguments' types fit best, the first declared on a tie.
      let arguments = try argumentTypes()
      var best = fitting[0]
      var bestScore = Int.min
      for method in fitting {
        let score = JavaOverloads.score(labels: method.labels, arguments: arguments) { argument, parameter in
          (try? self.isSubtype(argument, of: parameter)) ?? nil
        }
        if score > bestScore {
          best = method
          bestScore = score
        }
      }
      return best
    case .value:
      return usable.first(where: Self.isVariable) ?? usable.first(where: Self.isType)
    case .valueOrMethod:
      return usable.first(where: Self.isVariable) ?? usable.first(where: Self.isMethod) ?? usable.first(where: Self.isType)
    case .type:
      return usable.first(where: Self.isType)
    }
  }

  /// The types of the arguments of the call being resolved (`=x` is looked up where the call is), empty
  /// where unknown; asked only when overloads with as many parameters compete.
  private func argumentTypes() throws(StoreError) -> [String] {
    guard var current = call else { return [] }
    if let known = current.types { return known }
    current.types = []  // a lookup below that meets another call's overloads must not come back here
    call = current
    var types: [String] = []
    var classes: [String: TypeBody] = [:]
    for argument in current.arguments {
      guard argument.hasPrefix("=") else {
        types.append(argument)
        continue
      }
      let chain = String(argument.dropFirst())
      if chain.contains(".") || chain.contains("(") {
        // `m.loadDOM()`: the class its declared result is.
        if case .type(let type) = try value(ofChain: chain, in: current.path, at: current.position), let site = try typeSite(type) {
          types.append(site.binding.name)
          classes[site.binding.name] = type
        } else {
          // A class the workspace does not declare (`String`, `Stream`): the last link's written type.
          types.append(JavaOverloads.lastName(try writtenType(ofChain: chain, in: current.path, at: current.position)))
        }
        continue
      }
      guard let site = try lexical(chain, in: current.path, at: current.position, want: .value) else {
        types.append("")
        continue
      }
      let typeName = site.binding.typeName
      let written = typeName.hasPrefix("=") || typeName.hasPrefix("@") || typeName.hasPrefix("returns:") ? "" : typeName
      let name = JavaOverloads.lastName(written)
      types.append(name)
      // The class as the binding's own file names it (`DUP` inherited from another file's constants).
      if !name.isEmpty, case .type(let type) = try value(of: site) { classes[name] = type }
    }
    current.types = types
    current.classes = classes
    call = current
    return types
  }

  /// Whether the class an argument's type names (as the call's file sees it) is `parameter` or has it among
  /// its bases, transitively; nil when a base is outside the workspace, so the answer is not known.
  private func isSubtype(_ argument: String, of parameter: String) throws(StoreError) -> Bool? {
    guard let current = call else { return nil }
    let key = argument + "\u{0}" + parameter
    if let known = current.subtypes[key] { return known }
    var answer: Bool?
    if let start = current.classes[argument] {
      answer = try hierarchy(of: start, reaches: parameter)
    } else if case .type(let start) = try typeValue(argument, in: current.path, at: current.position) {
      answer = try hierarchy(of: start, reaches: parameter)
    }
    call?.subtypes[key] = .some(answer)
    return answer
  }

  private func hierarchy(of start: TypeBody, reaches name: String) throws(StoreError) -> Bool? {
    var queue = [start]
    var seen: Set<TypeBody> = []
    var complete = true
    while let type = queue.popLast(), seen.count < Self.maximumInheritance * 4 {
      guard seen.insert(type).inserted else { continue }
      guard take(), let file = try files.file(type.path), type.scope < file.scopes.scopes.count else { return nil }
      if try typeSite(type)?.binding.name == name { return true }
      let resolved = try bases(of: type, in: file)
      if resolved.count < file.scopes.scopes[type.scope].bases.count { complete = false }
      queue += resolved
    }
    return complete && queue.isEmpty ? false : nil
  }

  private static func isMethod(_ b: FileScopes.Binding) -> Bool { b.kind == .definition && b.typeName.hasPrefix("returns:") }
  private static func isType(_ b: FileScopes.Binding) -> Bool {
    b.typeName.hasPrefix("@scope:") || b.kind == .typeParameter || (b.kind == .definition && b.typeName.isEmpty && b.scope == 0)
  }
  private static func isVariable(_ b: FileScopes.Binding) -> Bool { !isMethod(b) && !isType(b) && b.kind != .imported }

  // MARK: Values

  /// What a receiver chain (`x`, `a.b()`, `this.f`, `{T}`, `a.b.C`) at `position` denotes.
  private func value(ofChain chain: String, in path: String, at position: SourcePosition) throws(StoreError) -> Value {
    let parts = chain.split(separator: ".").map(String.init)
    guard let first = parts.first, take() else { return .unknown }
    var current: Value
    if first.hasPrefix("{") && first.hasSuffix("}") {
      let type = String(first.dropFirst().dropLast()).map { $0 == "/" ? "." : $0 }
      current = try typeValue(String(type), in: path, at: position)
    } else if first == "this" || first == "super" {
      if let type = try enclosingType(in: path, at: position) {
        current = first == "this" ? .type(type) : try baseValue(of: type)
      } else {
        current = .unknown
      }
    } else {
      let (name, calls) = ReceiverChain.calls(first)
      if let (array, subscripts) = Self.subscripted(name) {
        // `xs[i].m`: an element of an array whose type is written.
        guard calls == 0, let site = try lexical(array, in: path, at: position, want: .value) else { return .unknown }
        current = try elementValue(of: site, subscripts: subscripts)
      } else if let site = try lexical(name, in: path, at: position, want: calls > 0 ? .method(arity: nil) : .value) {
        current = try calls > 0 ? callResult(site) : value(of: site)
      } else {
        current = calls > 0 ? .unknown : .package(name)
      }
    }
    for part in parts.dropFirst() {
      var (name, calls) = ReceiverChain.calls(part)
      var subscripts = 0
      if let (array, count) = Self.subscripted(name) {
        guard calls == 0 else { return .unknown }
        (name, subscripts) = (array, count)
      }
      switch current {
      case .unknown:
        return .unknown
      case .package(let package):
        guard calls == 0 else { return .unknown }
        current = try qualifiedType(package + "." + name).map { .type($0) } ?? .package(package + "." + name)
      case .type(let type):
        if name == "this" { continue }
        if name == "super" {
          current = try baseValue(of: type)
          continue
        }
        guard let site = try memberSite(name, of: type, want: calls > 0 ? .method(arity: nil) : .value) else { return .unknown }
        current = try subscripts > 0 ? elementValue(of: site, subscripts: subscripts) : calls > 0 ? callResult(site) : value(of: site)
      }
    }
    return current
  }

  private func value(of site: Site) throws(StoreError) -> Value {
    guard take() else { return .unknown }
    let binding = site.binding
    if binding.kind == .imported {
      guard let found = try importedSite(binding.name, in: site.path, at: binding.position, want: .value) else { return .unknown }
      return try value(of: found)
    }
    if let body = Self.scopeIndex(binding.typeName) { return .type(TypeBody(path: site.path, scope: body)) }
    let typeName = binding.typeName
    // A type parameter is its bound (`W extends BloomFilter<W>`); without one, unknown (not `Object`: its
    // members are the JDK's).
    if typeName.isEmpty || typeName.hasPrefix("returns:") { return .unknown }
    if typeName.hasPrefix("=") { return try value(ofChain: String(typeName.dropFirst()), in: site.path, at: binding.position) }
    return try typeValue(typeName, in: site.path, at: binding.position)
  }

  /// The type the last link of a chain is declared with, as written (`String` of `f.getSignature()`), empty
  /// when the chain cannot be followed to it.
  private func writtenType(ofChain chain: String, in path: String, at position: SourcePosition) throws(StoreError) -> String {
    var parts = chain.split(separator: ".").map(String.init)
    guard let last = parts.popLast() else { return "" }
    let (name, calls) = ReceiverChain.calls(last)
    let want: Want = calls > 0 ? .method(arity: nil) : .value
    let site: Site?
    if parts.isEmpty {
      site = try lexical(name, in: path, at: position, want: want)
    } else if case .type(let type) = try value(ofChain: parts.joined(separator: "."), in: path, at: position) {
      site = try memberSite(name, of: type, want: want)
    } else {
      site = nil
    }
    guard let typeName = site?.binding.typeName else { return "" }
    if typeName.hasPrefix("returns:") { return calls > 0 ? String(typeName.dropFirst("returns:".count)) : "" }
    return typeName.hasPrefix("=") || typeName.hasPrefix("@") || calls > 0 ? "" : typeName
  }

  /// `xs[]` → (`xs`, 1): a link of a chain that indexes an array, and how many times; nil for any other.
  private static func subscripted(_ part: String) -> (String, Int)? {
    var name = Substring(part)
    var count = 0
    while name.hasSuffix("[]") {
      name = name.dropLast(2)
      count += 1
    }
    return count > 0 ? (String(name), count) : nil
  }

  /// An element of the array a binding's written type declares (`Expression[] args` → `Expression`).
  private func elementValue(of site: Site, subscripts: Int) throws(StoreError) -> Value {
    var type = Substring(site.binding.typeName)
    for _ in 0..<subscripts {
      guard type.hasSuffix("[]") else { return .unknown }
      type = type.dropLast(2)
    }
    guard !type.isEmpty, !type.hasPrefix("="), !type.hasPrefix("@"), !type.hasPrefix("returns:") else { return .unknown }
    return try typeValue(String(type), in: site.path, at: site.binding.position)
  }

  /// A method's declared return type.
  private func callResult(_ site: Site) throws(StoreError) -> Value {
    let typeName = site.binding.typeName
    guard typeName.hasPrefix("returns:"), typeName.count > "returns:".count else { return .unknown }
    return try typeValue(String(typeName.dropFirst("returns:".count)), in: site.path, at: site.binding.position)
  }

  /// A written type (`T`, `Outer.Inner`, `a.b.C`) seen from `position` in `path`; a type parameter is its bound.
  private func typeValue(_ written: String, in path: String, at position: SourcePosition, from: Int? = nil) throws(StoreError) -> Value {
    // An array's members and a primitive's are no class's.
    guard !written.hasSuffix("]"), !Self.primitives.contains(written) else { return .unknown }
    let parts = written.split(separator: ".").map(String.init)
    guard let first = parts.first, take() else { return .unknown }
    guard let site = try lexical(first, in: path, at: position, want: .type, from: from) else {
      return try qualifiedType(written).map { .type($0) } ?? .unknown
    }
    var current = try value(of: site)
    for part in parts.dropFirst() {
      guard case .type(let type) = current, let nested = try memberSite(part, of: type, want: .type) else { return .unknown }
      current = try value(of: nested)
    }
    return current
  }

  private static let primitives: Set<String> = ["int", "long", "short", "byte", "char", "boolean", "float", "double", "void"]

  private func baseValue(of type: TypeBody) throws(StoreError) -> Value {
    guard let file = try files.file(type.path), type.scope < file.scopes.scopes.count else { return .unknown }
    let body = file.scopes.scopes[type.scope]
    guard let base = body.bases.first else { return .unknown }
    return try typeValue(base, in: type.path, at: body.range.start, from: body.parent)
  }

  /// The innermost class body around `position`.
  private func enclosingType(in path: String, at position: SourcePosition) throws(StoreError) -> TypeBody? {
    guard let file = try files.file(path) else { return nil }
    var s = file.scopes.innermostScope(at: position)
    var walked = 0
    while s > 0 && s < file.scopes.scopes.count && walked <= file.scopes.scopes.count {
      walked += 1
      if file.scopes.scopes[s].kind == .type { return TypeBody(path: path, scope: s) }
      s = file.scopes.scopes[s].parent
    }
    return nil
  }

  // MARK: Packages

  /// The package a file's `package` line names, empty for none.
  private static func package(of file: FileIndex) -> String {
    file.scopes.imports.first { $0.localName == "#package" }?.module ?? ""
  }

  /// The top-level type `name` of `package`: a file whose `package` line names it (under any source root,
  /// its folder ending with the package's path), or, for the package of `near`, a file of its folder.
  private func packageType(_ name: String, package: String, near path: String?) throws(StoreError) -> TypeBody? {
    let key = name + "\u{0}" + package + "\u{0}" + (path.map(GoResolver.folder(of:)) ?? "\u{1}")
    if let known = known.types[key] { return known }
    let found = try lookUpPackageType(name, package: package, near: path)
    if steps < Self.maximumSteps { known.remember(type: found, for: key) }
    return found
  }

  private func lookUpPackageType(_ name: String, package: String, near path: String?) throws(StoreError) -> TypeBody? {
    guard take() else { return nil }
    let folderPath = String(package.map { $0 == "." ? "/" : $0 })
    let ownFolder = path.map(GoResolver.folder(of:))
    var candidates: [SymbolMatch] = []
    if let ownFolder {
      candidates = try files.definitions(
        named: name, language: .java, pathGlob: ownFolder.isEmpty ? "*" : PathGlob.literal(ownFolder) + "/*"
      ).filter { $0.symbol.container.isEmpty && GoResolver.folder(of: $0.path) == ownFolder }
    }
    if candidates.isEmpty && !package.isEmpty {
      candidates = try files.definitions(named: name, language: .java, pathGlob: "*" + PathGlob.literal(folderPath) + "/*").filter {
        let folder = GoResolver.folder(of: $0.path)
        return $0.symbol.container.isEmpty && (folder == folderPath || folder.hasSuffix("/" + folderPath))
      }
    }
    // The file named for the type first, as javac looks for it.
    candidates.sort { ($0.path.hasSuffix("/" + name + ".java") ? 0 : 1) < ($1.path.hasSuffix("/" + name + ".java") ? 0 : 1) }
    for match in candidates.prefix(8) {
      guard let file = try files.file(match.path), Self.package(of: file) == package || path == nil && package.isEmpty else { continue }
      if let binding = try files.bindings(named: name, in: match.path).first(where: { $0.scope == 0 && $0.kind == .definition }),
        let body = Self.scopeIndex(binding.typeName)
      {
        return TypeBody(path: match.path, scope: body)
      }
    }
    return nil
  }

  /// The dotted path up to `name` when the name at `position` is part of a `package` or `import` line's path
  /// (`lang3` of `import org.apache.commons.lang3.Range` → `org.apache.commons.lang3`): the reader records
  /// each import at its last name and the package at its first, with the whole path.
  static func importedPath(_ name: String, at position: SourcePosition, in scopes: FileScopes) -> String? {
    let onLine = scopes.imports.filter { $0.position.line == position.line && $0.scope == 0 }.sorted { $0.position < $1.position }
    let entry = onLine.first { $0.localName != "#package" && $0.position.column >= position.column }
      ?? onLine.last { $0.localName == "#package" && $0.position.column <= position.column }
    guard let entry else { return nil }
    var module = Substring(entry.module)
    if module.hasPrefix("static:") { module = module.dropFirst("static:".count) }
    let whole = entry.localName == "*" || entry.localName == "#package" ? String(module) : module + "." + entry.importedName
    var prefix: [Substring] = []
    for part in whole.split(separator: ".") {
      prefix.append(part)
      if part == name { return prefix.joined(separator: ".") }
    }
    return nil
  }

  /// A package's own declaration: the `package` line of its `package-info.java`, under the source root of
  /// the asking file (the folder its own package's path ends).
  private func packageSite(_ package: String, from path: String, file: FileIndex) throws(StoreError) -> Site? {
    let own = String(Self.package(of: file).map { $0 == "." ? "/" : $0 })
    let folder = GoResolver.folder(of: path)
    let root: String
    if folder == own {
      root = ""
    } else if !own.isEmpty, folder.hasSuffix("/" + own) {
      root = String(folder.dropLast(own.count + 1)) + "/"
    } else {
      return nil
    }
    let info = root + package.map { $0 == "." ? "/" : $0 } + "/package-info.java"
    guard let declaration = try files.file(info)?.scopes.imports.first(where: { $0.localName == "#package" && $0.module == package }) else {
      return nil
    }
    let name = String(package.split(separator: ".").last ?? "")
    return Site(path: info, binding: FileScopes.Binding(name: name, scope: 0, position: declaration.position, kind: .imported), resolution: .import)
  }

  /// The type a qualified name (`a.b.C`, `a.b.C.Inner`) names in the workspace, nil when none.
  private func qualifiedType(_ name: String) throws(StoreError) -> TypeBody? {
    let parts = name.split(separator: ".").map(String.init)
    guard parts.count >= 2 else { return nil }
    // The longest package first: `a.b.C.D` is class D of package a.b.C before nested D of a.b.C.
    for split in stride(from: parts.count - 1, through: 1, by: -1) where take() {
      let package = parts[..<split].joined(separator: ".")
      guard var type = try packageType(parts[split], package: package, near: nil) else { continue }
      for nested in parts[(split + 1)...] {
        guard let site = try memberSite(nested, of: type, want: .type), let body = Self.scopeIndex(site.binding.typeName) else { return nil }
        type = TypeBody(path: site.path, scope: body)
      }
      return type
    }
    return nil
  }

  /// The binding that declares a type body.
  private func typeSite(_ type: TypeBody) throws(StoreError) -> Site? {
    guard let file = try files.file(type.path) else { return nil }
    let marker = "@scope:\(type.scope)"
    return file.scopes.bindings.first { $0.typeName == marker }.map { Site(path: type.path, binding: $0, resolution: .scope) }
  }

  // MARK: Answers

  private func answer(_ site: Site) throws(StoreError) -> ResolvedDefinition {
    let file = try files.file(site.path)
    let line = site.binding.position.line
    let named = try files.symbols(named: site.binding.name, in: site.path)
    let symbol = file.flatMap { f in
      (named.first { $0.name == site.binding.name && $0.range.start.line == line }
        ?? named.first { $0.name == site.binding.name && $0.range.start.line <= line && line <= $0.range.end.line
          && (site.binding.kind == .definition || site.binding.kind == .attribute) })
        .map { SymbolMatch(symbol: $0, path: site.path, language: f.language) }
    }
    var answer = ResolvedDefinition(
      path: site.path, name: site.binding.name, position: site.binding.position, symbol: symbol, resolution: site.resolution,
      bindingKind: symbol == nil ? PythonResolver.describe(site.binding.kind) : "")
    // Every Java name is declared once: the place says which, and a field and a method may share a name
    // in one class, so the scope does not.
    answer.scope = -1
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
