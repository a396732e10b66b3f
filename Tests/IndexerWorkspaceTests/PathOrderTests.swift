@testable import IndexerWorkspace
import Testing

/// The walk lists files in byte order of their paths (limits keep files in that order): the memcmp
/// comparison must agree with the generic one on every pair, ASCII or not, prefixes included.
@Suite struct PathOrderTests {
  @Test func memcmpOrderIsByteOrder() {
    let paths = ["", "a", "a/b", "a/b.c", "a0", "a/", "B", "b", "é", "e\u{301}", "ü/x", "z", "a/bé", "a/b\u{0}", "日本/語.go"]
    for a in paths {
      for b in paths {
        #expect(WorkspaceScanner.bytesPrecede(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) vs \(b)")
      }
    }
  }
}
