import Foundation
@testable import IndexerQuery
import IndexerTestSupport
import Testing

/// `search_text`'s searcher against grep itself on the same files: the same lines for literals, case-blind
/// literals and regular expressions (with and without a required literal to prefilter by).
@Suite struct TextSearchTests {
  static let files: [String: String] = [
    "a.py": "import unittest\n\nclass TestCase(unittest.TestCase):\n    def assertSame(self, a, b):\n        return a is b\n# TODO: testcase\n",
    "sub/b.c": "int main(void) {\n  return 0; /* TestCase */\n}\nstatic int square(int x) { return x * x; }\n",
    "c.txt.py": "no newline at the end: TestCase",
    "d.py": "x = 1\n\n\n",
  ]

  @Test func requiredLiteralsAreWhatEveryMatchHolds() {
    #expect(Matcher.requiredLiteral("def +assert[A-Z][a-zA-Z]*\\(") == "assert")
    #expect(Matcher.requiredLiteral("^class [A-Z]") == "class ")
    #expect(Matcher.requiredLiteral("colou?r") == "colo")
    #expect(Matcher.requiredLiteral("ab*c") == "")  // runs of one character are not worth a scan
    #expect(Matcher.requiredLiterals("def +assert[A-Z][a-zA-Z]*\\(") == ["def ", "assert"])
    #expect(Matcher.requiredLiteral("a|bcdef") == "")
    #expect(Matcher.requiredLiteral("(abc)?xyz") == "")
    #expect(Matcher.requiredLiteral("\\w+ing\\.") == "ing.")
    #expect(Matcher.requiredLiteral("[ab]{2}") == "")
  }

  @Test func linesAreGrepsLines() throws {
    let dir = try TemporaryDirectory()
    for (path, text) in Self.files {
      try FileManager.default.createDirectory(atPath: (dir.path as NSString).appendingPathComponent((path as NSString).deletingLastPathComponent), withIntermediateDirectories: true)
      try text.write(toFile: dir.path + "/" + path, atomically: true, encoding: .utf8)
    }
    let paths = Self.files.keys.sorted()
    let cases: [(TextQuery, [String])] = [
      (TextQuery(pattern: "TestCase", limit: 100), ["-F"]),
      (TextQuery(pattern: "testcase", caseSensitive: false, limit: 100), ["-F", "-i"]),
      (TextQuery(pattern: "def +assert[A-Z][a-zA-Z]*\\(", regex: true, limit: 100), ["-E"]),
      (TextQuery(pattern: "^(static|int) ", regex: true, limit: 100), ["-E"]),
      (TextQuery(pattern: "return [a-z]", regex: true, caseSensitive: false, limit: 100), ["-E", "-i"]),
      (TextQuery(pattern: "x$", regex: true, limit: 100), ["-E"]),
      (TextQuery(pattern: "^$", regex: true, limit: 100), ["-E"]),
    ]
    for (query, flags) in cases {
      let ours = try TextSearch.run(query, root: dir.path, paths: paths).matches.map { "\($0.path):\($0.line):\($0.text)" }
      let grep = Process()
      grep.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      grep.arguments = ["grep", "-n", "-H"] + flags + ["--", query.pattern] + paths
      grep.currentDirectoryURL = URL(fileURLWithPath: dir.path)
      let out = Pipe()
      grep.standardOutput = out
      try grep.run()
      let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      grep.waitUntilExit()
      let theirs = text.split(separator: "\n").map(String.init)
      #expect(ours == theirs, "\(query.pattern) \(flags)")
    }
    // Context lines, a limit, and a pattern the compiler refuses.
    let withContext = try TextSearch.run(TextQuery(pattern: "assertSame", context: 2, limit: 1), root: dir.path, paths: paths).matches
    #expect(withContext.map(\.line) == [4] && withContext.first?.before == ["", "class TestCase(unittest.TestCase):"])
    #expect(withContext.first?.after == ["        return a is b", "# TODO: testcase"])
    #expect(try TextSearch.run(TextQuery(pattern: "TestCase", limit: 2), root: dir.path, paths: paths).matches.count == 2)
    #expect(throws: TextPatternError.self) { _ = try TextSearch.run(TextQuery(pattern: "a[", regex: true, limit: 5), root: dir.path, paths: paths) }
  }
}

extension TextSearchTests {
  /// Ignoring case folds ASCII letters only, in the pattern as in the text: a non-ASCII letter matches itself.
  @Test func ignoringCaseKeepsNonASCIILettersAsWritten() throws {
    let dir = try TemporaryDirectory()
    try "Café = 1\ncafé = 2\nCAFÉ = 3\n".write(toFile: dir.path + "/u.py", atomically: true, encoding: .utf8)
    let lines = try TextSearch.run(TextQuery(pattern: "CAFÉ", caseSensitive: false, limit: 10), root: dir.path, paths: ["u.py"]).matches.map(\.line)
    #expect(lines == [3])
    let ascii = try TextSearch.run(TextQuery(pattern: "caf", caseSensitive: false, limit: 10), root: dir.path, paths: ["u.py"]).matches.map(\.line)
    #expect(ascii == [1, 2, 3])
  }
}
