import IndexerModel

/// What resolution derives from the index alone, kept by a long-lived engine for one index generation: each
/// request starts a new resolver, and an incoming-calls request on the Linux tree rebuilt every time the
/// include sets of its hundred callers' files (half its instructions) and looked up the same names' definitions
/// (a quarter). Kept: every path of the index, each C or C++ file's included set two levels deep, where an
/// include written in a folder leads, the definitions of a name in a language, and a C or C++ name's ranked
/// answer for the file asking.
final class ResolutionMemo {
  /// Files whose include sets are kept at most (each holds at most `CResolver.maximumIncludedFiles` paths).
  static let maximumSets = 1024
  /// Include-to-path answers kept at most.
  static let maximumPaths = 16_384
  /// Definitions kept at most, over every name (a common name has hundreds).
  static let maximumDefinitions = 20_000

  private var generation: Int64?
  /// Every path of the index, once asked (C's include probing asks for a dozen folders per include).
  var allPaths: Set<String>?
  private var sets: [String: CResolver.Includes] = [:]
  private var paths: [String: String?] = [:]
  private var definitions: [String: [SymbolMatch]] = [:]
  private var definitionCount = 0
  /// C and C++ names no scope binds, ranked for the file asking (`CResolver.global`): the same callee's
  /// callers, asked again, rank the same candidates from the same files.
  private var globals: [CResolver.GlobalKey: CResolver.CachedSite] = [:]
  /// Ranked answers kept at most.
  static let maximumGlobals = 16_384
  /// Per file, the names its scopes may bind (`BoundNameFilter`), made when a second request asks about the
  /// file: a request that reads a file once pays no more than the scan it makes.
  private var boundNames: [String: BoundNameFilter] = [:]
  private var boundNameBytes = 0
  private var boundNamesAsked: Set<String> = []
  /// Filters' bytes kept at most, and files remembered as asked once.
  static let maximumBoundNameBytes = 8 << 20
  static let maximumBoundNamesAsked = 65_536

  /// Starts over when `generation` is not the one kept.
  func enter(_ generation: Int64) {
    guard generation != self.generation else { return }
    forget()
    self.generation = generation
  }

  /// Drops everything (another index file was opened).
  func forget() {
    sets.removeAll(keepingCapacity: true)
    paths.removeAll(keepingCapacity: true)
    definitions.removeAll(keepingCapacity: true)
    definitionCount = 0
    globals.removeAll(keepingCapacity: true)
    boundNames.removeAll(keepingCapacity: true)
    boundNameBytes = 0
    boundNamesAsked.removeAll(keepingCapacity: true)
    allPaths = nil
    generation = nil
  }

  func includes(of path: String) -> CResolver.Includes? { sets[path] }

  func keep(_ includes: CResolver.Includes, of path: String) {
    if sets.count >= Self.maximumSets { sets.removeAll(keepingCapacity: true) }
    sets[path] = includes
  }

  /// The path an include leads to from a folder (`folder \0 include`); `.some(nil)` when it leads nowhere.
  func path(_ key: String) -> String?? { paths[key] }

  func keep(path: String?, for key: String) {
    if paths.count >= Self.maximumPaths { paths.removeAll(keepingCapacity: true) }
    paths[key] = path
  }

  func global(_ key: CResolver.GlobalKey) -> CResolver.CachedSite? { globals[key] }

  func keep(global answer: CResolver.CachedSite, for key: CResolver.GlobalKey) {
    if globals.count >= Self.maximumGlobals { globals.removeAll(keepingCapacity: true) }
    globals[key] = answer
  }

  /// The filter of the names `path` binds: kept, or made from `bindings` when this is the second request to
  /// ask; nil the first time, when the caller scans.
  func boundNames(of path: String, _ bindings: () -> [FileScopes.Binding]) -> BoundNameFilter? {
    if let known = boundNames[path] { return known }
    guard boundNamesAsked.contains(path) else {
      if boundNamesAsked.count >= Self.maximumBoundNamesAsked { boundNamesAsked.removeAll(keepingCapacity: true) }
      boundNamesAsked.insert(path)
      return nil
    }
    let filter = BoundNameFilter(bindings())
    if boundNameBytes + filter.bytes > Self.maximumBoundNameBytes {
      boundNames.removeAll(keepingCapacity: true)
      boundNameBytes = 0
    }
    boundNames[path] = filter
    boundNameBytes += filter.bytes
    return filter
  }

  /// The definitions kept under `key` (name, language and path filter).
  func definitions(_ key: String) -> [SymbolMatch]? { definitions[key] }

  func keep(definitions found: [SymbolMatch], for key: String) {
    if definitionCount + found.count > Self.maximumDefinitions {
      definitions.removeAll(keepingCapacity: true)
      definitionCount = 0
    }
    definitions[key] = found
    definitionCount += found.count
  }
}
