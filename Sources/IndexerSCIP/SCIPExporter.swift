#if canImport(Glibc)
  import Glibc
#endif
import IndexerModel
import IndexerQuery
import IndexerStore

/// `indexer export --format scip`: the index as a SCIP `Index` (sourcegraph/scip's scip.proto), streamed.
///
/// Two passes over the stored files, one file in memory at a time: the first files every definition's
/// symbol under its name in a temporary table; the second writes one `Document` per file — definitions
/// as occurrences with the Definition role and a `SymbolInformation`, and each occurrence of a name
/// defined in the workspace as a reference to it. Which definition a reference means is what
/// `query def` answers: in a language that resolves (C and C++ only when asked, `resolvedLanguages`), the
/// definition its rules reach (a local or
/// parameter becomes a document's `local N` symbol, defined at its binding); where the rules reach
/// nothing, the guess by name — the file's own definitions of the name, else the nearest ones
/// (`DefinitionNearness`) in the same language, one occurrence per candidate when that group has at most
/// `ambiguityLimit`; more than that and it is left out.
public struct SCIPExporter {
  public struct Summary: Sendable {
    public var documents = 0
    public var definitions = 0
    public var references = 0
    /// Of `references`, those the language's rules resolved (the rest are guesses by name).
    public var resolved = 0
    /// Occurrences of names defined nowhere in the workspace, or in too many places to say.
    public var unresolved = 0
    public var bytes = 0
  }

  public static let ambiguityLimit = 8
  /// Definitions of one name read from the temporary table before choosing the nearest; a name defined
  /// in more places than this is left unresolved.
  static let candidateLimit = 64
  /// (language, name) lookups in the temporary table that are remembered (cleared when full).
  static let lookupCacheLimit = 100_000

  let engine: QueryEngine
  let root: String
  let toolVersion: String
  let arguments: [String]
  /// The languages whose references go through their rules; the others' are guessed by name.
  let resolvedLanguages: Set<Language>

  /// Every language that resolves but C and C++: their rules read includes and macros across the
  /// workspace for each use, and on the Linux tree that made the export some 40 times slower (about two
  /// hours instead of three minutes). `--resolve-c-family` asks for them anyway.
  public static let defaultResolvedLanguages: Set<Language> = Set(Language.allCases).subtracting([.c, .cpp])

  public init(
    engine: QueryEngine, root: String, toolVersion: String, arguments: [String], resolvedLanguages: Set<Language> = defaultResolvedLanguages
  ) {
    self.engine = engine
    self.root = root
    self.toolVersion = toolVersion
    self.arguments = arguments
    self.resolvedLanguages = resolvedLanguages
  }

  /// Writes the index to `descriptor`; throws on a store error or a failed write.
  public func export(to descriptor: Int32) throws -> Summary {
    let directory = try ScratchDirectory()
    try engine.forEachIndexedFile { path, index throws(StoreError) in
      let keys = Self.keys(path: path, index: index).symbols
      var filed = Set<String>()
      for (symbol, key) in zip(index.symbols, keys) where filed.insert(key).inserted {
        try directory.add(name: symbol.name, language: index.language, path: path, key: key)
      }
    }
    try directory.finish()

    var output = DescriptorOutput(descriptor: descriptor)
    var summary = Summary()
    var top = ProtobufWriter()
    top.message(1) { metadata in
      metadata.message(2) { tool in
        tool.string(1, "indexer")
        tool.string(2, toolVersion)
        for argument in arguments { tool.repeatedString(3, argument) }
      }
      metadata.string(3, FileURI.from(path: root))
      metadata.int32(4, 1)  // TextEncoding.UTF8
    }
    try output.write(top.bytes)
    var cache = GuessCache()
    var targets = ResolvedTargets(engine: engine)
    var writeFailure: DescriptorOutput.WriteFailed?
    do {
      try engine.forEachIndexedFile { path, index throws(StoreError) in
        var document = ProtobufWriter()
        document.message(2) { doc in
          write(document: &doc, path: path, index: index, directory: directory, cache: &cache, targets: &targets, summary: &summary)
        }
        do throws(DescriptorOutput.WriteFailed) {
          try output.write(document.bytes)
        } catch {
          writeFailure = error
          throw .sqlite(path: "(scip output)", detail: error.description)  // stops the walk; rethrown below as itself
        }
        summary.documents += 1
      }
    } catch {
      throw writeFailure ?? error
    }
    try output.flush()
    summary.bytes = output.written
    return summary
  }

  // MARK: Documents

  private func write(
    document doc: inout ProtobufWriter, path: String, index: FileIndex, directory: ScratchDirectory,
    cache: inout GuessCache, targets: inout ResolvedTargets,
    summary: inout Summary
  ) {
    doc.string(1, path)
    doc.string(4, SCIPSymbol.language(index.language))
    doc.int32(6, 1)  // PositionEncoding.UTF8CodeUnitOffsetFromLineStart
    let (keys, containers) = Self.keys(path: path, index: index)
    var occurrences: [(position: SourcePosition, length: Int, key: String, role: Int32)] = []
    var definitionSites = Set<SourcePosition>()
    var keysByName: [String: [String]] = [:]
    // Read only when a name is not among the file's references (keywords used as names: `init`, `operator ==`).
    var source: SourceText??
    for (i, symbol) in index.symbols.enumerated() {
      var site = Self.nameSite(of: symbol, in: index.references, taken: definitionSites)
      if site == nil {
        if source == nil { source = .some(SourceText(root: root, path: path)) }
        site = source??.nameStart(symbol.name, in: symbol.range)
      }
      let siteFound = site ?? symbol.range.start
      definitionSites.insert(siteFound)
      occurrences.append((siteFound, symbol.name.utf8.count, keys[i], 1))
      if !(keysByName[symbol.name]?.contains(keys[i]) ?? false) { keysByName[symbol.name, default: []].append(keys[i]) }
    }
    summary.definitions += index.symbols.count
    let resolves = resolvedLanguages.contains(index.language) && NameResolver.resolves(path)
    let ownKeys = resolves ? ResolvedTargets.keysBySymbol(index.symbols, keys) : [:]
    var locals: [SourcePosition: String] = [:]
    var localInfos: [(key: String, name: String, kind: Int32)] = []
    for (name, positions) in zip(index.references.names, index.references.positions) {
      var guesses: [String]?
      for position in positions where !definitionSites.contains(position) {
        if resolves, let found = targets.resolve(name: name, path: path, at: position) {
          if let symbol = found.symbol, let key = targets.key(of: symbol, ownPath: path, own: ownKeys) {
            occurrences.append((position, name.utf8.count, key, 0))
            summary.references += 1
            summary.resolved += 1
            continue
          }
          if found.symbol == nil && found.path == path {
            // A local or parameter: a symbol of this document, defined where it is bound.
            var key = locals[found.position] ?? ""
            if key.isEmpty {
              key = "local \(locals.count)"
              locals[found.position] = key
              occurrences.append((found.position, found.name.utf8.count, key, 1))
              localInfos.append((key, found.name, SCIPSymbol.kind(binding: found.bindingKind)))
            }
            guard found.position != position else { continue }
            occurrences.append((position, name.utf8.count, key, 0))
            summary.references += 1
            summary.resolved += 1
            continue
          }
        }
        if guesses == nil { guesses = nearestDefinitions(of: name, from: path, language: index.language, own: keysByName, directory: directory, cache: &cache) }
        let chosen = guesses ?? []
        if chosen.isEmpty {
          summary.unresolved += 1
          continue
        }
        for target in chosen { occurrences.append((position, name.utf8.count, target, 0)) }
        summary.references += 1
      }
    }
    occurrences.sort { $0.position != $1.position ? $0.position < $1.position : $0.role > $1.role }
    for occurrence in occurrences {
      doc.message(2) { o in
        let line = Self.clamped(occurrence.position.line - 1)
        let start = Self.clamped(occurrence.position.column - 1)
        o.packedInt32(1, [line, start, Self.clamped(occurrence.position.column - 1 + occurrence.length)])
        o.string(2, occurrence.key)
        o.int32(3, occurrence.role)
      }
    }
    for local in localInfos {
      doc.message(3) { info in
        info.string(1, local.key)
        info.int32(5, local.kind)
        info.string(6, local.name)
      }
    }
    var described = Set<String>()
    for (i, symbol) in index.symbols.enumerated() where described.insert(keys[i]).inserted {
      doc.message(3) { info in
        info.string(1, keys[i])
        info.int32(5, SCIPSymbol.kind(symbol.kind))
        info.string(6, symbol.name)
        if !symbol.signature.isEmpty {
          info.message(7) { signature in
            signature.string(4, index.language.rawValue)
            signature.string(5, symbol.signature)
          }
        }
        info.string(8, containers[i])
      }
    }
  }

  /// The lookups the guesses by name repeat: each (language, name)'s candidates, and the nearest of them
  /// from each folder (what `nearest` chooses depends on the folder only).
  struct GuessCache {
    var candidates: [String: [(path: String, key: String)]] = [:]
    var chosen: [String: [String]] = [:]
  }

  /// A name's guessed definitions: the file's own, else the nearest of the workspace's in its language.
  private func nearestDefinitions(
    of name: String, from path: String, language: Language, own keysByName: [String: [String]], directory: ScratchDirectory,
    cache: inout GuessCache
  ) -> [String] {
    if let own = keysByName[name] { return own.count <= Self.ambiguityLimit ? own : [] }
    let key = language.rawValue + ":" + name
    let from = key + "\u{0}" + DefinitionNearness.folder(of: path)
    if let known = cache.chosen[from] { return known }
    let candidates: [(path: String, key: String)]
    if let cached = cache.candidates[key] {
      candidates = cached
    } else {
      let found = (try? directory.lookup(name: name, language: language, limit: Self.candidateLimit + 1)) ?? []
      candidates = found.count <= Self.candidateLimit ? found : []
      if cache.candidates.count >= Self.lookupCacheLimit { cache.candidates.removeAll(keepingCapacity: true) }
      cache.candidates[key] = candidates
    }
    let chosen = Self.nearest(candidates, from: path)
    if cache.chosen.count >= Self.lookupCacheLimit { cache.chosen.removeAll(keepingCapacity: true) }
    cache.chosen[from] = chosen
    return chosen
  }

  /// Every definition's symbol and the symbol of its container ("" at file level): the path as
  /// namespaces, then one descriptor per component of the definition's container — with the suffix of
  /// the file's own definition of that qualified name when there is one (`namespace outer` gives
  /// `outer/`), else as a type — then its own. Following the container (what `query` prints) rather than
  /// the outline puts an out-of-line `Box<T>::Box` under `Box#` like the declaration in the class.
  /// At most `maxDepth` container components count, so symbols stay bounded by the input.
  static func keys(path: String, index: FileIndex, maxDepth: Int = 32) -> (symbols: [String], containers: [String]) {
    let base = SCIPSymbol.prefix + SCIPSymbol.pathDescriptors(path)
    let components = index.symbols.map { Array(containerComponents($0.container).prefix(maxDepth)) }
    var descriptorOf: [[String]: String] = [:]
    for (symbol, container) in zip(index.symbols, components) {
      let qualified = container + [symbol.name]
      if descriptorOf[qualified] == nil { descriptorOf[qualified] = SCIPSymbol.descriptor(symbol.name, kind: symbol.kind) }
    }
    var symbols: [String] = []
    var containers: [String] = []
    symbols.reserveCapacity(index.symbols.count)
    for (symbol, container) in zip(index.symbols, components) {
      var prefix = base
      for end in container.indices {
        let qualified = Array(container[...end])
        prefix += descriptorOf[qualified] ?? SCIPSymbol.escape(container[end]) + "#"
      }
      containers.append(container.isEmpty ? "" : prefix)
      symbols.append(prefix + SCIPSymbol.descriptor(symbol.name, kind: symbol.kind))
    }
    return (symbols, containers)
  }

  /// The definitions a reference in `path` points at: the nearest ones by `DefinitionNearness` (the same
  /// folder, else the most folders shared), as go-to-definition ranks its guesses; none when that group
  /// has more than `ambiguityLimit` (distinct symbols).
  static func nearest(_ candidates: [(path: String, key: String)], from path: String) -> [String] {
    let nearness = candidates.map { DefinitionNearness(candidate: $0.path, container: "", language: nil, from: path) }
    guard let best = nearness.min() else { return [] }
    var keys: [String] = []
    for (candidate, near) in zip(candidates, nearness) where near == best && !keys.contains(candidate.key) {
      keys.append(candidate.key)
      if keys.count > ambiguityLimit { return [] }
    }
    return keys
  }

  /// `Outer.Inner` or `outer::inner` as its names (a lone `:` stays in a name). By bytes: the export splits
  /// the container of every definition it names.
  static func containerComponents(_ container: String) -> [String] {
    var parts: [String] = []
    let bytes = container.utf8
    var start = bytes.startIndex
    var i = start
    func emit(_ end: String.Index) {
      if start < end { parts.append(String(container[start..<end])) }
    }
    while i != bytes.endIndex {
      let next = bytes.index(after: i)
      if bytes[i] == UInt8(ascii: ".") {
        emit(i)
        start = next
      } else if bytes[i] == UInt8(ascii: ":"), next != bytes.endIndex, bytes[next] == UInt8(ascii: ":") {
        emit(i)
        start = bytes.index(after: next)
        i = start
        continue
      }
      i = next
    }
    emit(bytes.endIndex)
    return parts
  }

  /// Where a definition's name is written: the first occurrence of the name inside the definition that
  /// another definition has not claimed; nil when the references do not have it (the caller then looks
  /// in the file's text, and falls back on the definition's start).
  static func nameSite(of symbol: Symbol, in references: FileReferences, taken: Set<SourcePosition>) -> SourcePosition? {
    for position in references.positions(of: symbol.name)
    where position >= symbol.range.start && position.line <= symbol.range.end.line && !taken.contains(position) {
      return position
    }
    return nil
  }

  private static func clamped(_ value: Int) -> Int32 {
    Int32(clamping: max(0, value))
  }

}

/// Buffered writes to a file descriptor, failing loudly (a full disk must not leave a silently short file).
struct DescriptorOutput {
  let descriptor: Int32
  private var buffer: [UInt8] = []
  private(set) var written = 0

  init(descriptor: Int32) {
    self.descriptor = descriptor
    buffer.reserveCapacity(1 << 20)
  }

  struct WriteFailed: Error, CustomStringConvertible {
    let errno: Int32
    var description: String { "cannot write the SCIP output: \(String(cString: strerror(errno)))" }
  }

  mutating func write(_ bytes: [UInt8]) throws(WriteFailed) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 20 { try flush() }
  }

  mutating func flush() throws(WriteFailed) {
    var offset = 0
    while offset < buffer.count {
      let n = buffer.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { throw WriteFailed(errno: errno) }
      offset += n
    }
    written += buffer.count
    buffer.removeAll(keepingCapacity: true)
  }
}
