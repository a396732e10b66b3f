#if canImport(Glibc)
  import Glibc
#endif
import IndexerModel
import IndexerStore

/// A file of the tree the index holds no definitions of (too large, past a limit, unreadable, or quarantined
/// after its extractor crashed or timed out) whose text holds the name asked for: the answer may miss it.
public struct LeftOutFile: Sendable, Equatable, Encodable {
  public var path: String
  public var status: FileStatus
}

extension QueryEngine {
  /// How many definitions the query matches in all, past any limit; nil for ranked modes (`fuzzy`,
  /// `contains`), whose matches are read tier by tier and never counted whole.
  public func symbolTotal(_ query: SymbolQuery) throws(StoreError) -> Int? {
    var filter = SymbolFilter(
      match: .exact(query.name), kinds: query.kinds, languages: query.languages, pathGlob: query.pathGlob, limit: nil)
    switch (query.mode, query.ignoreCase) {
    case (.exact, false): filter.match = .exact(query.name)
    case (.exact, true): filter.match = .exactIgnoringCase(query.name)
    case (.prefix, false): filter.match = .prefix(query.name)
    case (.prefix, true): filter.match = .prefixIgnoringCase(query.name)
    case (.fuzzy, _), (.contains, _): return nil
    }
    return try connection().symbolCount(filter)
  }

  /// How many files `files(pathGlob:languages:…)` lists without a page.
  public func fileTotal(pathGlob: String? = nil, languages: [Language] = []) throws(StoreError) -> Int {
    try connection().fileCount(pathGlob: pathGlob, languages: languages)
  }

  /// The files left out of the index whose bytes on disk hold `name`. A file that cannot be read now, or past
  /// `byteBudget` read in all, is listed too: it may hold the name, and the answer must not claim otherwise.
  public func leftOutFiles(mentioning name: String, byteBudget: Int = 64 << 20) throws(StoreError) -> [LeftOutFile] {
    let candidates = try connection().unindexedSourceFiles()
    guard !candidates.isEmpty else { return [] }
    let needle = Array(name.utf8)
    var budget = byteBudget
    var found: [LeftOutFile] = []
    for file in candidates {
      let left = LeftOutFile(path: file.path, status: file.status)
      guard !needle.isEmpty, let root, budget > 0, let bytes = Self.readWhole(root + "/" + file.path, atMost: budget) else {
        found.append(left)
        continue
      }
      budget -= bytes.count
      if Self.contains(bytes, needle) { found.append(left) }
    }
    return found
  }

  /// The whole file, or nil when it cannot be read or is longer than `atMost` bytes.
  private static func readWhole(_ path: String, atMost limit: Int) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_size >= 0, Int(info.st_size) <= limit else { return nil }
    var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, $0.count - done) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { break }
      done += n
    }
    return Array(bytes[..<done])
  }

  /// Whether `needle` occurs in `haystack`: `memchr` finds each candidate first byte, `memcmp` checks the rest.
  private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, needle.count <= haystack.count else { return false }
    return haystack.withUnsafeBufferPointer { h in
      needle.withUnsafeBufferPointer { n in
        guard let base = h.baseAddress, let pattern = n.baseAddress else { return false }
        var at = 0
        let last = h.count - n.count
        while at <= last {
          guard let hit = memchr(base + at, Int32(first), last - at + 1) else { return false }
          let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
          if memcmp(base + offset, pattern, n.count) == 0 { return true }
          at = offset + 1
        }
        return false
      }
    }
  }
}
