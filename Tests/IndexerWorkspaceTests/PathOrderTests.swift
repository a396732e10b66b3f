import IndexerModel
@testable import IndexerWorkspace
import Testing

/// The walk lists files in byte order of their paths (limits keep files in that order): the memcmp
/// comparison must agree with the generic one on every pair, ASCII or not, prefixes included.
@Suite struct PathOrderTests {
  @Test func memcmpOrderIsByteOrder() {
    let paths = ["", "a", "a/b", "a/b.c", "a0", "a/", "B", "b", "é", "e\u{301}", "ü/x", "z", "a/bé", "a/b\u{0}", "日本/語.go"]
    for a in paths {
      for b in paths {
        #expect(PathOrder.precedes(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) vs \(b)")
      }
    }
  }

  /// The walk's sort moves indexes over one buffer of path bytes: it must give exactly byte order, for
  /// short (inline) and long paths alike, with duplicates and prefixes.
  @Test func sortingByPathBytesGivesByteOrder() {
    let long = "Lib/test/test_importlib/resources/data01/subdirectory/binary.file.py"
    var names = ["", "a", "a/b", "a/b.c", "a0", "a/", "B", "b", "é", "e\u{301}", "ü/x", "z", "a/bé", "日本/語.go", long, long + "x", "a.c", "a/c"]
    names += names.map { "Lib/" + $0 }
    var files = (names + names.reversed()).enumerated().map { i, path in
      WorkspaceFile(path: path, language: .python, stat: StatSignature(size: Int64(i), mtimeNanoseconds: 0, inode: 0))
    }
    files.shuffle()
    WorkspaceScanner.sortByPath(&files)
    let sorted = files.map(\.path)
    #expect(sorted == (names + names).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    #expect(Set(files.map(\.stat.size)).count == files.count)  // every file kept, none duplicated
  }
}
