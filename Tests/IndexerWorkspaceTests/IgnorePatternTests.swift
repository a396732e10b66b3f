import Testing

@testable import IndexerWorkspace

@Suite struct IgnorePatternTests {
  private func ignored(_ rules: String, _ path: String, dir: Bool = false, base: String = "") -> Bool {
    var stack = IgnoreStack()
    stack.push(IgnoreFile(base: base, text: rules))
    return stack.isIgnored(path: Array(path.utf8), isDirectory: dir)
  }

  @Test func basenamePatternsMatchAtAnyDepth() {
    #expect(ignored("*.pyc", "a/b/c.pyc"))
    #expect(ignored("build", "x/build", dir: true))
    #expect(!ignored("*.pyc", "a/b/c.py"))
  }

  @Test func negationReincludesLaterRulesWin() {
    let rules = "*.py\n!keep.py\n"
    #expect(ignored(rules, "drop.py"))
    #expect(!ignored(rules, "sub/keep.py"))
    #expect(ignored("!keep.py\n*.py\n", "keep.py"))
  }

  @Test func directoryOnlyRulesSkipFiles() {
    #expect(ignored("out/", "out", dir: true))
    #expect(!ignored("out/", "out", dir: false))
  }

  @Test func anchoredRulesMatchFromTheirFolder() {
    #expect(ignored("/gen.py", "gen.py"))
    #expect(!ignored("/gen.py", "sub/gen.py"))
    #expect(ignored("sub/gen.py", "sub/gen.py"))
    #expect(!ignored("sub/gen.py", "x/sub/gen.py"))
    #expect(ignored("gen.py", "pkg/gen.py", base: "pkg"))
    #expect(ignored("/gen.py", "pkg/gen.py", base: "pkg"))
    #expect(!ignored("/gen.py", "pkg/deeper/gen.py", base: "pkg"))
  }

  @Test func starsQuestionMarksAndClasses() {
    #expect(ignored("a*/*.py", "abc/x.py"))
    #expect(!ignored("a*/*.py", "abc/d/x.py"))
    #expect(ignored("**/tmp/*.py", "x/y/tmp/z.py"))
    #expect(ignored("**/tmp/*.py", "tmp/z.py"))
    #expect(ignored("docs/**", "docs/a/b.py"))
    #expect(ignored("a/**/b.py", "a/b.py"))
    #expect(ignored("a/**/b.py", "a/x/y/b.py"))
    #expect(ignored("file?.py", "file1.py"))
    #expect(!ignored("file?.py", "file12.py"))
    #expect(ignored("file[0-9].py", "file7.py"))
    #expect(!ignored("file[!0-9].py", "file7.py"))
    #expect(ignored("\\#hash.py", "#hash.py"))
  }

  @Test func commentsAndBlankLinesAreNotRules() {
    #expect(IgnorePattern(line: "# a comment") == nil)
    #expect(IgnorePattern(line: "   ") == nil)
    #expect(!ignored("# x.py\n\n", "x.py"))
  }

  @Test func deeperIgnoreFilesOverrideShallowerOnes() {
    var stack = IgnoreStack()
    stack.push(IgnoreFile(base: "", text: "*.py"))
    stack.push(IgnoreFile(base: "keep", text: "!*.py"))
    #expect(!stack.isIgnored(path: Array("keep/a.py".utf8), isDirectory: false))
    #expect(stack.isIgnored(path: Array("other.py".utf8), isDirectory: false))
  }

  @Test func overridesCannotBeNegatedByTheTree() {
    var stack = IgnoreStack(overrides: IgnoreFile(base: "", text: "vendor/"))
    stack.push(IgnoreFile(base: "", text: "!vendor/"))
    #expect(stack.isIgnored(path: Array("a/vendor".utf8), isDirectory: true))
  }

  /// The glob fast path (a required prefix and a required literal run, checked before the matcher) must
  /// never change a verdict: every pattern of the kernel's root .gitignore style, and some tricky ones,
  /// against names that do and do not match, compared with the matcher alone.
  @Test func globPrefiltersNeverChangeAVerdict() {
    let patterns = [
      ".*", "*.asn1.[ch]", "*.c.[012]*.*", "*.o.*", "*.tab.[ch]", "patches-*", "cscope.*", "*~", "\\#*#", "a[]]b*",
      "x[!.]y.*", "[ab]c.d", "*.[", "f?o.*", "**/gen/*.h", "a*b*c", "*[0-9].txt", "**/tmp/*.py", "a/**/b.c", "doc/**", "modules.order", "*.o", "x\\ ", "*.[",
    ]
    let names = [
      ".gitignore", "x.asn1.c", "x.asn1.h", "x.asn1.o", "a.c.0x.y", "a.c.3x.y", "m.o.cmd", "m.o", "y.tab.c", "patches-1",
      "patches", "cscope.out", "ncscope.out", "file~", "#x#", "a]bz", "xay.q", "x.y.q", "ac.d", "bc.d", "cc.d", "a.[", "foo.c",
      "fxo.x", "gen/a.h", "d/gen/b.h", "abc", "aXbYc", "ab", "v1.txt", "v.txt", "tmp/z.py", "x/tmp/z.py", "a/b.c", "a/x/y/b.c", "doc/a", "doc", "modules.order", "a.o", "a.oo", "x ", "x", "b.[",
    ]
    for pattern in patterns {
      guard let compiled = IgnorePattern(line: Substring(pattern)) else { continue }
      for name in names {
        let bytes = Array(name.utf8)
        let fast = compiled.matches(relativePath: bytes[...], name: bytes[...], isDirectory: false)
        let plain = compiled.glob.withUnsafeBufferPointer { p in bytes.withUnsafeBufferPointer { t in Wildmatch.match(p, 0, t, 0) } }
        #expect(fast == plain, "\(pattern) on \(name)")
      }
    }
    #expect(IgnorePattern(line: "*.asn1.[ch]")!.matches(relativePath: Array("x.asn1.h".utf8)[...], name: Array("x.asn1.h".utf8)[...], isDirectory: false))
  }

  /// An ignore file tries only the patterns that can end with a name's last byte (and those whose last byte
  /// is not fixed), last first: its verdict must be exactly the plain "last matching pattern wins" over all
  /// of them, negations included.
  @Test func lastByteCandidatesGiveThePlainLastMatchVerdict() {
    let lines = [
      "*.o", "!keep.o", "*.[oa]", "build/", "!build/keep.c", "*.c", "!*.tab.c", "*.tab.[ch]", "/root.c", "x?z", "!x*z",
      ".*", "!.gitignore", "*~", "modules.order", "**/gen/*.h", "!gen/ok.h", "*", "!*.py", "a/**/b.c",
    ]
    let file = IgnoreFile(base: "", text: lines.joined(separator: "\n"))
    let names = [
      "a.o", "keep.o", "lib.a", "build", "build/keep.c", "m.c", "y.tab.c", "y.tab.h", "root.c", "d/root.c", "xyz", "xaz", ".git",
      ".gitignore", "f~", "modules.order", "d/gen/x.h", "gen/ok.h", "z.py", "a/q/b.c", "noext", "é.c",
    ]
    for name in names {
      for isDirectory in [false, true] {
        let path = Array(name.utf8)
        var nameStart = path.count
        while nameStart > 0 && path[nameStart - 1] != UInt8(ascii: "/") { nameStart -= 1 }
        let plain = file.patterns.last { $0.matches(relativePath: path[...], name: path[nameStart...], isDirectory: isDirectory) }
          .map { !$0.isNegated }
        #expect(file.verdict(path: path, nameStart: nameStart, isDirectory: isDirectory) == plain, "\(name) dir=\(isDirectory)")
      }
    }
  }
}
