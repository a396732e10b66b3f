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
    guard query.mode == .exact || query.mode == .prefix else { return nil }
    return try connection().symbolCount(Self.filter(query))
  }

  /// How many files `files(pathGlob:languages:…)` lists without a page.
  public func fileTotal(pathGlob: String? = nil, languages: [Language] = []) throws(StoreError) -> Int {
    try connection().fileCount(pathGlob: pathGlob, languages: languages)
  }

  /// Bytes of left-out files read per answer to see whether they mention the name: every query pays the reads
  /// (on the Linux tree 64 MB of too-large headers took 31 ms a query, 8 MB about 6).
  public static let leftOutByteBudget = 8 << 20

  /// The files left out of the index whose bytes on disk hold `name`. A file that cannot be read now, or past
  /// `byteBudget` read in all, is listed too: it may hold the name, and the answer must not claim otherwise.
  public func leftOutFiles(mentioning name: String, byteBudget: Int = leftOutByteBudget) throws(StoreError) -> [LeftOutFile] {
    let candidates = try connection().unindexedSourceFiles()
    guard !candidates.isEmpty else { return [] }
    let needle = Array(name.utf8)
    var budget = byteBudget
    var found: [LeftOutFile] = []
    for file in candidates {
      let left = LeftOutFile(path: file.path, status: file.status)
      guard !needle.isEmpty, let root, budget > 0, let bytes = SourceText.bytes(of: root + "/" + file.path, atMost: budget) else {
        found.append(left)
        continue
      }
      budget -= bytes.count
      let holds = bytes.withUnsafeBytes { hay in needle.withUnsafeBytes { Matcher.find($0, in: hay, from: 0) != nil } }
      if holds { found.append(left) }
    }
    return found
  }
}
