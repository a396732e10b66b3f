@testable import IndexerQuery
import Testing

/// The path arithmetic candidates are ranked by, against the definitions they replaced (split on `/`).
@Suite struct PathPartsTests {
  @Test func distanceCountsTheFoldersBelowTheSharedOnes() {
    #expect(PathParts.distance("lib/crc32.c", "lib/crc32.h") == 0)
    #expect(PathParts.distance("a.c", "b.c") == 0)
    #expect(PathParts.distance("lib/crc32.c", "include/linux/crc32.h") == 3)
    #expect(PathParts.distance("fs/ext4/inode.c", "fs/ext4/acl/x.h") == 1)
    #expect(PathParts.distance("fs/ext4/acl/x.h", "fs/ext4/inode.c") == 1)
    #expect(PathParts.distance("top.c", "drivers/net/e1000/main.c") == 3)
    // A folder shared after the paths parted is not shared: `x/` and `y/` each count.
    #expect(PathParts.distance("a/x/c.c", "b/x/c.c") == 4)
    #expect(PathParts.distance("a//b/c.c", "a/b/d.c") == 0)
  }

  @Test func distanceAgreesWithSplittingOnEveryPairOfASample() {
    let paths = ["a.c", "lib/a.c", "lib/b/a.c", "lib/b/c/a.h", "lib/c/a.h", "include/linux/a.h", "lib//b/a.c", "lïb/ü.c", "lïb/x/ü.c"]
    func split(_ a: String, _ b: String) -> Int {
      let x = a.split(separator: "/").dropLast(), y = b.split(separator: "/").dropLast()
      var common = 0
      while common < x.count && common < y.count && x[x.startIndex + common] == y[y.startIndex + common] { common += 1 }
      return (x.count - common) + (y.count - common)
    }
    for a in paths { for b in paths { #expect(PathParts.distance(a, b) == split(a, b), "\(a) \(b)") } }
  }

  @Test func stemAndLastComponent() {
    #expect(PathParts.lastComponent("sub/foo.h") == "foo.h")
    #expect(PathParts.lastComponent("foo.h") == "foo.h")
    #expect(PathParts.stem("sub/foo.h") == "foo")
    #expect(PathParts.stem("sub.d/Makefile") == "Makefile")
    #expect(PathParts.stem("a/b.tar.gz") == "b.tar")
  }
}
