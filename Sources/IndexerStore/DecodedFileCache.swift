import IndexerModel

/// Files decoded for resolution (outline and scopes), kept for one index generation: a server's requests
/// read the same files again — every caller's file for each incoming-calls request, a type's module for
/// each of its members — and decompressing and decoding them was most of such a request. Bounded by the
/// blobs' decoded size, least recently used first out; a commit (a new generation) empties it.
struct DecodedFileCache {
  /// Decoded bytes kept at most (the blobs' sizes after decompression; the values in memory are a few
  /// times larger).
  let byteLimit: Int
  /// Least recently used first out, in O(1): a references request over a common C type reads thousands of
  /// files through this cache, and finding the oldest entry by a scan of every entry (copying each) was a
  /// fifth of that request.
  private let entries: ByteBoundedLRU<FileIndex?>
  /// Files' imports read alone (C's include lists: a request follows each caller's includes two levels).
  private var imports: [String: [FileScopes.Import]?] = [:]
  private var importBytes = 0
  private var generation: Int64 = -1

  init(byteLimit: Int = 4 << 20) {
    self.byteLimit = byteLimit
    entries = ByteBoundedLRU(limitBytes: byteLimit)
  }

  /// The file as decoded at `generation`, if kept; a newer generation drops everything kept.
  mutating func file(_ path: String, generation: Int64) -> FileIndex?? {
    guard enter(generation) else { return nil }
    return entries.value(for: path)
  }

  /// A newer generation drops everything kept; false when it did (nothing is kept for it yet).
  private mutating func enter(_ generation: Int64) -> Bool {
    guard generation != self.generation else { return true }
    entries.removeAll()
    imports.removeAll(keepingCapacity: true)
    importBytes = 0
    self.generation = generation
    return false
  }

  /// A file's imports at `generation`: those of its decoded file when that is kept, else those kept alone.
  mutating func imports(_ path: String, generation: Int64) -> [FileScopes.Import]?? {
    guard enter(generation) else { return nil }
    if let kept = entries.value(for: path) { return .some(kept?.scopes.imports) }
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
    guard generation == self.generation else { return }
    entries.set(index, for: path, cost: weight)
  }
}
