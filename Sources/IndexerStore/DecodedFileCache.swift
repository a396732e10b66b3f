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
    guard enter(generation) else { return nil }
    guard var entry = entries[path] else { return nil }
    clock &+= 1
    entry.lastUse = clock
    entries[path] = entry
    return .some(entry.index)
  }

  /// A newer generation drops everything kept; false when it did (nothing is kept for it yet).
  private mutating func enter(_ generation: Int64) -> Bool {
    guard generation != self.generation else { return true }
    entries.removeAll(keepingCapacity: true)
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
  /// whole limit is not kept.
  mutating func keep(_ index: FileIndex?, path: String, weight: Int, generation: Int64) {
    guard generation == self.generation, weight <= byteLimit else { return }
    clock &+= 1
    if let old = entries.updateValue(Entry(index: index, weight: weight, lastUse: clock), forKey: path) { bytes -= old.weight }
    bytes += weight
    while bytes > byteLimit, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
      bytes -= oldest.value.weight
      entries.removeValue(forKey: oldest.key)
    }
  }
}
