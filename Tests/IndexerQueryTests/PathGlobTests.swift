import GRDB
@testable import IndexerQuery
import Testing

/// The query core filters occurrences' files by the same GLOB the store applies in SQL to definitions: every
/// answer here is SQLite's own, asked of an in-memory database.
@Suite struct PathGlobTests {
  private static let patterns = [
    "*", "src/*", "*.py", "Lib/*/test_*.py", "?", "a?c", "[ab]*", "[^ab]*", "[]]x", "[^]]*", "[a-c]x", "[z-a]x",
    "[a-]x", "*[0-9]*", "*.[ch]", "[", "[abc", "**", "*a*b*c", "ü*", "[ä-ü]", "src/[*]", "exact/path.swift",
    "*/", "*?", "a*", "[-a]*",
  ]
  private static let paths = [
    "", "a", "b", "c", "]x", "ax", "bx", "-x", "zx", "abc", "aXc", "src/a.py", "src/sub/b.py", "Lib/x/test_a.py",
    "Lib/test_a.py", "main.c", "main.h", "main.cc", "v2/file", "ü.txt", "ö", "src/*", "src/a", "exact/path.swift",
    "dir/", "aabbcc", "acb", "[", "[abc",
  ]

  @Test func matchesWhatSQLiteGlobMatches() throws {
    let db = try DatabaseQueue()
    try db.read { db in
      for pattern in Self.patterns {
        for path in Self.paths {
          let sqlite = try Bool.fetchOne(db, sql: "SELECT ? GLOB ?", arguments: [path, pattern]) ?? false
          #expect(PathGlob.matches(pattern, path) == sqlite, "\(pattern) on \(path)")
        }
      }
    }
  }

  @Test func randomPatternsAgreeWithSQLite() throws {
    let db = try DatabaseQueue()
    var generator = SystemRandomNumberGenerator()
    let alphabet: [Character] = ["a", "b", "/", ".", "*", "?", "[", "]", "^", "-", "c"]
    try db.read { db in
      for _ in 0..<3000 {
        let pattern = String((0..<Int.random(in: 0...7, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        let path = String((0..<Int.random(in: 0...7, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        let sqlite = try Bool.fetchOne(db, sql: "SELECT ? GLOB ?", arguments: [path, pattern]) ?? false
        #expect(PathGlob.matches(pattern, path) == sqlite, "\(pattern) on \(path)")
      }
    }
  }

  @Test func aLiteralMatchesOnlyItself() {
    for path in ["a*b", "x?[y]", "plain/path.c"] {
      #expect(PathGlob.matches(PathGlob.literal(path), path))
      #expect(!PathGlob.matches(PathGlob.literal(path), path + "x"))
    }
    #expect(!PathGlob.matches(PathGlob.literal("a*b"), "aXb"))
  }
}
