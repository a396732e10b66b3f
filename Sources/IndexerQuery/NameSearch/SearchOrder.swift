import IndexerModel

/// The order of definitions whose names match a search equally well: types and functions before constants,
/// constants before fields and variables, code before tests, then the shallower path (`subprocess.py`
/// before `test/support/…`), as someone searching for a name means it.
struct SearchOrder: Comparable {
  let kindClass: Int
  let inTests: Bool
  let depth: Int

  init(_ match: SymbolMatch) {
    kindClass = Self.kindClass(match.symbol.kind)
    inTests = Self.isTestPath(match.path)
    depth = match.path.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
  }

  static func < (a: SearchOrder, b: SearchOrder) -> Bool {
    (a.kindClass, a.inTests ? 1 : 0, a.depth) < (b.kindClass, b.inTests ? 1 : 0, b.depth)
  }

  static func kindClass(_ kind: SymbolKind) -> Int {
    switch kind {
    case .class, .struct, .enum, .actor, .protocol, .interface, .record, .union, .typealias, .typedef, .type, .namespace,
      .module, .function, .method, .initializer, .macro:
      0
    case .constant, .enumCase, .extension, .operator, .subscript, .associatedtype, .annotation, .precedencegroup,
      .deinitializer, .prototype:
      1
    default:
      2
    }
  }

  /// Folders and file names that hold tests by the conventions of the languages we read.
  static func isTestPath(_ path: String) -> Bool {
    let parts = path.split(separator: "/")
    for folder in parts.dropLast() where testFolders.contains(folder.lowercased()) { return true }
    guard let file = parts.last else { return false }
    return file.hasPrefix("test_") || file.hasPrefix("Test") && file.hasSuffix(".java") || testSuffixes.contains { file.hasSuffix($0) }
  }

  private static let testFolders: Set<String> = ["test", "tests", "testing", "__tests__", "spec", "specs", "testdata", "selftests"]
  private static let testSuffixes = [
    "_test.go", "_test.py", "_tests.py", "Tests.swift", "Test.swift", "Test.java", "Tests.java", ".test.js", ".test.ts",
    ".spec.js", ".spec.ts", ".test.tsx", ".spec.tsx",
  ]
}
