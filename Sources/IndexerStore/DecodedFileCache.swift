import IndexerModel

/// Files decoded for resolution (outline and scopes), kept for one index generation: a server's requests
/// read the same files again — every caller's file for each incoming-calls request, a type's module for
/// each of its members — and decompressing and decoding them was most of such a request. Bounded by the
/// blobs' decoded size, least recently used first out; a commit (a new generation) empties it.
struct DecodedFileCache {
  private struct Entry {
    var index: FileIndex?
    var weight: Int
    var lastUse: Int
  }

  /// Decoded bytes kept at most (the blobs' sizes after decompression; the values in memory are a few
  /// times larger).
  let byteLimit: Int
  private var entries: [String: Entry] = [:]
  /// Paths in the order of their uses, oldest first, from `orderStart`: the oldest entry is the first whose
  /// use here is its last. A references request over a common C type reads thousands of files through this
  /// cache, and finding the oldest by a scan of every entry (copying each) was a fifth of that request.
  private var order: [(path: String, use: Int)] = []
  private var orderStart = 0
  /// Files' imports read alone (C's include lists: a request follows each caller's includes two levels).
  private var imports: [String: [FileScopes.Import]?] = [:]
  private var importBytes = 0
  private var generation: Int64 = -1
  private var bytes = 0
  private var clock = 0

  init(byteLimit: Int = 4 << 20) {
    self.byteLimit = byteLimit
  }

  /// The file as decoded at `generation`, if kept; a newer generation drops everything kept.
  mutating func file(_ path: String, generation: Int64) -> FileIndex?? {
    guard enter(generation), let kept = entries.index(forKey: path) else { return nil }
    clock &+= 1
    entries.values[kept].lastUse = clock
    order.append((path, clock))
    compactOrder()
    return .some(entries.values[kept].index)
  }

  /// A newer generation drops everything kept; false when it did (nothing is kept for it yet).
  private mutating func enter(_ generation: Int64) -> Bool {
    guard generation != self.generation else { return true }
    entries.removeAll(keepingCapacity: true)
    order.removeAll(keepingCapacity: true)
    orderStart = 0
    imports.removeAll(keepingCapacity: true)
    bytes = 0
    importBytes = 0
    self.generation = generation
    return false
  }

  /// A file's imports at `generation`: those of its decoded file when that is kept, else those kept alone.
  mutating func imports(_ path: String, generation: Int64) -> [FileScopes.Import]?? {
    guard enter(generation) else { return nil }
    if let kept = entries[path] { return .some(kept.index?.scopes.imports) }
    return imports[path]
  }

  /// Keeps a file's imports (nil: not in the index); past a quarter of the limit they are all let go.
  mutating func keep(imports found: [FileScopes.Import]?, path: String, generation: Int64) {
    guard generation == self.generation else { return }
    let weight = path.utf8.count + (found ?? []).reduce(0) { $0 + 16 + $1.module.utf8.count + $1.localName.utf8.count + $1.importedName.utf8.count }
    if importBytes + weight > byteLimit / 4 {
      imports.removeAll(keepingCapacity: true)
      importBytes = 0
    }
    imports[path] = found
    importBytes += weight
  }

  /// Keeps a decoded file (nil: not in the index) that weighs `weight` decoded bytes; one larger than the
  /// whole limit is not kept. The least recently used go first.
  mutating func keep(_ index: FileIndex?, path: String, weight: Int, generation: Int64) {
    guard generation == self.generation, weight <= byteLimit else { return }
    clock &+= 1
    if let old = entries.updateValue(Entry(index: index, weight: weight, lastUse: clock), forKey: path) { bytes -= old.weight }
    bytes += weight
    order.append((path, clock))
    while bytes > byteLimit, orderStart < order.count {
      let (oldest, use) = order[orderStart]
      orderStart += 1
      // Used again since: its later use is further on.
      guard entries[oldest]?.lastUse == use, let removed = entries.removeValue(forKey: oldest) else { continue }
      bytes -= removed.weight
    }
    compactOrder()
  }

  /// Drops the uses passed over, and those no longer the last of their path once they outnumber the entries.
  private mutating func compactOrder() {
    if orderStart > 0 && orderStart * 2 >= order.count {
      order.removeFirst(orderStart)
      orderStart = 0
    }
    if order.count - orderStart > 4 * entries.count + 64 {
      order = order[orderStart...].filter { entries[$0.path]?.lastUse == $0.use }
      orderStart = 0
    }
  }
}
