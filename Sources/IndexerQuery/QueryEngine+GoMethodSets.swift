import IndexerModel

/// Go has no `implements`: a type satisfies an interface when its method set holds every method the
/// interface names (its own and those of the interfaces it embeds). These links are found by method *names*
/// — as a reader of the outline can, without type-checking — so they carry resolution `name`: a method of the
/// right name but another signature still counts. A method of a pointer receiver counts for the type, as
/// gopls lists both `T` and `*T`. Methods whose name is not exported can only be had in the interface's own
/// package (its folder).
extension QueryEngine {
  /// Methods read per name when collecting method sets: enough for `String` or `Error` in a large tree.
  static let goMethodReadLimit = 20_000
  /// Files of one package read for a type's methods.
  static let goPackageFileLimit = 2_000
  /// How deep embedded interfaces are followed.
  static let goEmbeddingDepth = 8

  /// The named types of the workspace whose method sets satisfy `interface`.
  func goImplementers(of interface: SymbolMatch) throws(StoreError) -> [HierarchyLink] {
    let required = try goInterfaceMethods(interface, depth: 0, visited: [])
    guard !required.isEmpty else { return [] }  // every type satisfies the empty interface: not a hierarchy
    let ownFolder = GoResolver.folder(of: interface.path)
    let packageOnly = required.contains { !Self.isExported($0) }
    var candidates: Set<GoReceiver>?
    for name in required.sorted() {
      var having = try goReceivers(named: name)
      if packageOnly { having = having.filter { $0.folder == ownFolder } }
      candidates = candidates.map { $0.intersection(having) } ?? having
      if candidates?.isEmpty == true { return [] }
    }
    var links: [HierarchyLink] = []
    for receiver in (candidates ?? []).sorted(by: { ($0.folder, $0.type) < ($1.folder, $1.type) }) {
      guard links.count < Self.callLinkLimit, let type = try goType(named: receiver.type, in: receiver.folder) else { continue }
      links.append(HierarchyLink(symbol: type, sites: [], resolution: .name))
    }
    return links
  }

  /// The interfaces of the workspace whose every method `type` has.
  func goInterfacesSatisfied(by type: SymbolMatch) throws(StoreError) -> [HierarchyLink] {
    let folder = GoResolver.folder(of: type.path)
    var has = Set<String>()
    // Methods may be declared in any file of the package: each of its files' outlines, read once.
    let glob = folder.isEmpty ? "*" : PathGlob.literal(folder) + "/*"
    for file in try files(pathGlob: glob, languages: [.go], limit: Self.goPackageFileLimit) where GoResolver.folder(of: file.path) == folder {
      for symbol in try outline(path: file.path)?.symbols ?? []
      where symbol.kind == .method && symbol.container == type.symbol.name && Self.hasReceiver(symbol) {
        has.insert(symbol.name)
      }
    }
    guard !has.isEmpty else { return [] }
    var checked = Set<String>()
    var links: [HierarchyLink] = []
    for name in has.sorted() {
      for method in try symbols(SymbolQuery(name: name, kinds: [.method], languages: [.go], limit: Self.goMethodReadLimit))
      where !Self.hasReceiver(method.symbol) {
        guard links.count < Self.callLinkLimit, checked.insert(method.path + "\u{0}" + method.symbol.container).inserted,
          let interface = try goInterface(named: method.symbol.container, at: method.path)
        else { continue }
        let required = try goInterfaceMethods(interface, depth: 0, visited: [])
        let samePackage = GoResolver.folder(of: interface.path) == folder
        guard !required.isEmpty, required.isSubset(of: has), samePackage || required.allSatisfy(Self.isExported) else { continue }
        links.append(HierarchyLink(symbol: interface, sites: [], resolution: .name))
      }
    }
    return links
  }

  /// A named type with methods: the folder (package) it is declared in, and its name.
  private struct GoReceiver: Hashable {
    var folder: String
    var type: String
  }

  /// The receivers that declare a method `name`.
  private func goReceivers(named name: String) throws(StoreError) -> Set<GoReceiver> {
    var receivers = Set<GoReceiver>()
    for method in try symbols(SymbolQuery(name: name, kinds: [.method], languages: [.go], limit: Self.goMethodReadLimit))
    where Self.hasReceiver(method.symbol) && !method.symbol.container.isEmpty {
      receivers.insert(GoReceiver(folder: GoResolver.folder(of: method.path), type: method.symbol.container))
    }
    return receivers
  }

  /// The methods an interface requires: those written in it, and those of the interfaces it embeds.
  private func goInterfaceMethods(_ interface: SymbolMatch, depth: Int, visited: Set<String>) throws(StoreError) -> Set<String> {
    let key = interface.path + "\u{0}" + interface.symbol.name
    guard depth <= Self.goEmbeddingDepth, !visited.contains(key), let outline = try outline(path: interface.path) else { return [] }
    var names = Set<String>()
    for symbol in outline.symbols
    where symbol.kind == .method && symbol.container == interface.symbol.name && interface.symbol.range.start <= symbol.range.start && symbol.range.start <= interface.symbol.range.end {
      names.insert(symbol.name)
    }
    for embedded in try supertypes(of: interface) where embedded.symbol.symbol.kind == .interface && embedded.symbol.language == .go {
      names.formUnion(try goInterfaceMethods(embedded.symbol, depth: depth + 1, visited: visited.union([key])))
    }
    return names
  }

  private func goInterface(named name: String, at path: String) throws(StoreError) -> SymbolMatch? {
    guard let outline = try outline(path: path) else { return nil }
    return outline.symbols.first { $0.name == name && $0.kind == .interface }.map { SymbolMatch(symbol: $0, path: path, language: .go) }
  }

  /// The type `name` declared in `folder` (not in a subfolder: that is another package).
  private func goType(named name: String, in folder: String) throws(StoreError) -> SymbolMatch? {
    try symbols(SymbolQuery(name: name, languages: [.go], limit: Self.definitionLimit)).first {
      GoResolver.folder(of: $0.path) == folder && $0.symbol.kind.isGoNamedType
    }
  }

  /// A method declared with a receiver (`func (s *S) M()`), not one written inside an interface.
  static func hasReceiver(_ method: Symbol) -> Bool { method.signature.hasPrefix("func (") }

  static func isExported(_ name: String) -> Bool { name.first.map { $0.isUppercase } ?? false }
}

extension SymbolKind {
  /// Go types that can have methods: structs, interfaces, and named types of anything else (`type B []byte`).
  var isGoNamedType: Bool { self == .struct || self == .interface || self == .type }
}
