import IndexerModel
@testable import IndexerStore
import Testing

/// The files resolution decoded stay within their byte limit, the least recently used leaving first, and a
/// new index generation empties them.
@Suite struct DecodedFileCacheTests {
  private func file(_ name: String) -> FileIndex {
    var index = FileIndex(language: .c)
    let range = SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 2))
    index.append(Symbol(name: name, kind: .function, container: "", range: range, signature: name), parent: -1)
    return index
  }

  @Test func theLeastRecentlyUsedLeavesFirst() {
    var cache = DecodedFileCache(byteLimit: 100)
    #expect(cache.file("a.c", generation: 1) == nil)
    cache.keep(file("a"), path: "a.c", weight: 40, generation: 1)
    cache.keep(file("b"), path: "b.c", weight: 40, generation: 1)
    #expect(cache.file("a.c", generation: 1)??.symbols.first?.name == "a")
    cache.keep(file("c"), path: "c.c", weight: 40, generation: 1)
    #expect(cache.file("b.c", generation: 1) == nil, "b was used least recently")
    #expect(cache.file("a.c", generation: 1)??.symbols.first?.name == "a")
    #expect(cache.file("c.c", generation: 1)??.symbols.first?.name == "c")
    // A path not in the index is kept as such.
    cache.keep(nil, path: "gone.c", weight: 10, generation: 1)
    #expect(cache.file("gone.c", generation: 1) == .some(nil))
    // Too large for the whole limit: not kept, nothing else let go.
    cache.keep(file("huge"), path: "huge.c", weight: 101, generation: 1)
    #expect(cache.file("huge.c", generation: 1) == nil)
    #expect(cache.file("a.c", generation: 1) != nil)
    // A commit since: nothing kept is trusted.
    #expect(cache.file("a.c", generation: 2) == nil)
    #expect(cache.file("c.c", generation: 2) == nil)
  }

  /// Thousands of uses of the few files kept, and thousands of files passing through, keep the right ones.
  @Test func manyUsesKeepTheRecentFiles() {
    var cache = DecodedFileCache(byteLimit: 1000)
    for round in 0..<5000 {
      cache.keep(file("f\(round)"), path: "f\(round).c", weight: 100, generation: 7)
      for back in 0..<min(round + 1, 9) { _ = cache.file("f\(round - back).c", generation: 7) }
    }
    for back in 0..<10 { #expect(cache.file("f\(4999 - back).c", generation: 7)??.symbols.first?.name == "f\(4999 - back)") }
    #expect(cache.file("f4989.c", generation: 7) == nil)
  }
}
