import IndexerModel
import IndexerStore

/// The files one question has read, decoded once and shared by the languages' resolvers, with the name
/// lookups they repeat (a references request resolves the same type's members in hundreds of files).
final class ResolutionFiles {
  let source: any ResolutionSource
  private var files: [String: FileIndex] = [:]
  private var missing: Set<String> = []
  /// Paths known to be in the index without being decoded (Rust's module files, C's includes are probed often).
  private var present: Set<String> = []
  private var definitionsByName: [String: [SymbolMatch]] = [:]
  /// Per file, its bindings by name: a references request resolves a name hundreds of times in one file, and a
  /// scan of every binding each time made that quadratic.
  private var bindingsByName: [String: [String: [FileScopes.Binding]]] = [:]
  /// Per file, how many names were looked up by scanning its bindings: the table costs a hash of every
  /// binding, more than a few scans (an incoming-calls request asks one name in each of a hundred files).
  private var bindingScans: [String: Int] = [:]
  static let scansBeforeTable = 4
  /// Per file, the server's filter of the names it binds (nil inside: none yet, or no server).
  private var bindingFilters: [String: BoundNameFilter?] = [:]
  /// A long-lived engine's memo, where the filters are kept across requests.
  private lazy var memo: ResolutionMemo? = try? (source as? QueryEngine)?.resolutionMemo()
  /// Per file, its outline symbols by name: every answer looks its binding's symbol up, and the SCIP export
  /// asks for every occurrence of a file.
  private var symbolsByName: [String: [String: [Symbol]]] = [:]
  /// Files kept decoded at most; past it the cache starts over, so a references request over a common name
  /// holds a bounded number of outlines.
  static let maximumCachedFiles = 128
  /// Names whose definitions are kept at most, for the same reason.
  static let maximumCachedNames = 512
  /// Per file, the modules its `#include`s name: kept apart from the decoded files (a few strings each), since
  /// a references request over a common C name reads the same headers' include lists from a thousand files,
  /// and decoding a header whole each time the file cache had started over cost 2.5 s for `task_struct`.
  private var includesByFile: [String: [String]] = [:]
  static let maximumCachedIncludeLists = 16_384
  /// Every indexed path, once `contains` has been asked more than `pathListThreshold` times: C's include
  /// probing asks it for a dozen folders per include of each file a references request reads.
  private var allPaths: Set<String>?
  private var containsAsked = 0
  static let pathListThreshold = 256

  init(source: any ResolutionSource) {
    self.source = source
  }

  func file(_ path: String) throws(StoreError) -> FileIndex? {
    if let known = files[path] { return known }
    if missing.contains(path) { return nil }
    guard let loaded = try source.resolvable(path: path) else {
      missing.insert(path)
      return nil
    }
    if files.count >= Self.maximumCachedFiles {
      files.removeAll(keepingCapacity: true)
      bindingsByName.removeAll(keepingCapacity: true)
      bindingScans.removeAll(keepingCapacity: true)
      bindingFilters.removeAll(keepingCapacity: true)
      symbolsByName.removeAll(keepingCapacity: true)
    }
    files[path] = loaded
    return loaded
  }

  /// The bindings of `path` named `name`, in source order; empty when the file is not in the index.
  func bindings(named name: String, in path: String) throws(StoreError) -> [FileScopes.Binding] {
    if let known = bindingsByName[path] { return known[name] ?? [] }
    guard let file = try file(path) else { return [] }
    if bindingFilters[path] == nil {
      // Asked once per file and question; a filter's "no" is sure.
      bindingFilters[path] = .some(memo?.boundNames(of: path) { file.scopes.bindings })
    }
    if let filter = bindingFilters[path] ?? nil, !filter.mayBind(name) { return [] }
    let scans = bindingScans[path, default: 0]
    if scans < Self.scansBeforeTable {
      bindingScans[path] = scans + 1
      // The byte count first: it is stored in the string, and most names differ in it (a C file's
      // thousands of bindings were a fifth of an incoming-calls request when each was compared whole).
      let count = name.utf8.count
      return file.scopes.bindings.filter { $0.name.utf8.count == count && $0.name == name }
    }
    // Sized once for every binding having its own name (an upper bound): grown step by step, the table
    // rehashed every name at each step, 2% of an incoming-calls request.
    var byName: [String: [FileScopes.Binding]] = [:]
    byName.reserveCapacity(file.scopes.bindings.count)
    for binding in file.scopes.bindings { byName[binding.name, default: []].append(binding) }
    bindingsByName[path] = byName
    return byName[name] ?? []
  }

  /// The outline symbols of `path` named `name`, in outline order; empty when the file is not in the index.
  func symbols(named name: String, in path: String) throws(StoreError) -> [Symbol] {
    if let known = symbolsByName[path] { return known[name] ?? [] }
    guard let file = try file(path) else { return [] }
    var byName: [String: [Symbol]] = [:]
    byName.reserveCapacity(file.symbols.count)
    for symbol in file.symbols { byName[symbol.name, default: []].append(symbol) }
    symbolsByName[path] = byName
    return byName[name] ?? []
  }

  /// The modules `path`'s `#include`s name, as written (quotes or brackets kept); nil when the file is not
  /// in the index.
  func includes(of path: String) throws(StoreError) -> [String]? {
    if let known = includesByFile[path] { return known }
    // Only the imports are read, and the file is not kept decoded: a references request reads thousands of
    // include lists once each, and keeping each file would push out the few it asks for again and again.
    let imports: [FileScopes.Import]?
    if let known = files[path] {
      imports = known.scopes.imports
    } else if missing.contains(path) {
      imports = nil
    } else {
      imports = try source.imports(path: path)
      if imports == nil { missing.insert(path) }
    }
    guard let imports else { return nil }
    let found = imports.filter { $0.localName == "#include" }.map(\.module)
    if includesByFile.count >= Self.maximumCachedIncludeLists { includesByFile.removeAll(keepingCapacity: true) }
    includesByFile[path] = found
    return found
  }

  func contains(_ path: String) throws(StoreError) -> Bool {
    if let allPaths { return allPaths.contains(path) }
    if files[path] != nil || present.contains(path) { return true }
    containsAsked += 1
    if containsAsked > Self.pathListThreshold, let listed = try source.indexedPaths() {
      allPaths = listed
      return listed.contains(path)
    }
    if missing.contains(path) { return false }
    let found = try source.contains(path: path)
    if found {
      if present.count >= Self.maximumCachedNames { present.removeAll(keepingCapacity: true) }
      present.insert(path)
    } else {
      missing.insert(path)
    }
    return found
  }

  /// The outline definitions named exactly `name` in files of `language` (that `pathGlob` matches).
  func definitions(named name: String, language: Language, pathGlob: String? = nil) throws(StoreError) -> [SymbolMatch] {
    let key = language.rawValue + "\u{0}" + name + "\u{0}" + (pathGlob ?? "")
    if let known = definitionsByName[key] { return known }
    let found = try source.definitions(named: name, language: language, pathGlob: pathGlob)
    if definitionsByName.count >= Self.maximumCachedNames { definitionsByName.removeAll(keepingCapacity: true) }
    definitionsByName[key] = found
    return found
  }
}
