import IndexerModel

/// The order of definitions whose names match a search equally well: types and functions before macros
/// and constants, those before variables of a file or module, those before fields and locals; code before
/// tests, public modules before private ones (`subprocess.py` before `_bootsubprocess.py`); the shallower
/// path; a top-level definition before a member (`textwrap.dedent` before `HelpFormatter.dedent`) — as
/// someone searching for a name means it.
struct SearchOrder: Comparable {
  let kindClass: Int
  let inTests: Bool
  let isPrivate: Bool
  let depth: Int
  let isMember: Bool

  init(_ match: SymbolMatch) {
    isMember = !match.symbol.container.isEmpty
    kindClass = Self.kindClass(match.symbol.kind, isMember: isMember)
    inTests = Self.isTestPath(match.path)
    isPrivate = Self.isPrivatePath(match.path)
    depth = match.path.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
  }

  /// The tiers whose fields and members wait for the other definitions of all of them: five structs with a
  /// field `wqh` put `struct wait_queue_head` sixth for "wqh" on a kernel tree, and a field named as typed is
  /// rarely what a symbol search is for (clangd's index ranks by how often a symbol is referenced, which
  /// puts such fields last too). Names holding the query, or its letters, still come after all of them.
  static let closeTiers: Set<NameTier> = [.exact, .exactIgnoringCase, .prefix, .humps]

  /// A field, a property or another member variable: ranked after every other definition of the close tiers.
  var isDeferred: Bool { kindClass == Self.memberClass }

  private static let memberClass = 4

  private var key: (Int, Int, Int, Int, Int) { (kindClass, inTests ? 1 : 0, isPrivate ? 1 : 0, depth, isMember ? 1 : 0) }

  static func < (a: SearchOrder, b: SearchOrder) -> Bool { a.key < b.key }

  static func == (a: SearchOrder, b: SearchOrder) -> Bool { a.key == b.key }

  static func kindClass(_ kind: SymbolKind, isMember: Bool) -> Int {
    switch kind {
    case .class, .struct, .enum, .actor, .protocol, .interface, .record, .union, .typealias, .typedef, .type, .namespace,
      .module, .function, .method, .initializer:
      0
    // A macro often stands in for a function under one configuration (`mutex_lock`) or in one file (`kmalloc`
    // in a decompressor): the function comes first.
    case .macro, .constant, .enumCase, .extension, .operator, .subscript, .associatedtype, .annotation, .precedencegroup,
      .deinitializer, .prototype:
      1
    // A variable of a file or module before the fields and locals of that name (`jiffies` before
    // `kmemleak_object::jiffies`); its definition before a declaration of it elsewhere (`extern`).
    case .variable where !isMember:
      2
    case .externvar:
      3
    default:
      memberClass
    }
  }

  /// Folders and file names that hold tests by the conventions of the languages we read. Read byte by byte,
  /// without a string or an array per folder: it runs for every definition a search reads (up to 500 per
  /// tier), and splitting their paths was a tenth of a kernel tree's workspace/symbol request.
  static func isTestPath(_ path: String) -> Bool {
    var path = path
    return path.withUTF8 { bytes in
      var start = 0
      for i in bytes.indices where bytes[i] == UInt8(ascii: "/") {
        let folder = UnsafeBufferPointer(rebasing: bytes[start..<i])
        if testFolderBytes.contains(where: { NameBytes.equalIgnoringCase(folder, $0) }) { return true }
        start = i + 1
      }
      let file = UnsafeBufferPointer(rebasing: bytes[start...])
      if file.starts(with: "test_".utf8) { return true }
      if file.starts(with: "Test".utf8) && file.reversed().starts(with: ".java".utf8.reversed()) { return true }
      return testSuffixBytes.contains { suffix in file.reversed().starts(with: suffix.reversed()) }
    }
  }

  private static let testFolderBytes = testFolders.map { Array($0.utf8) }
  private static let testSuffixBytes = testSuffixes.map { Array($0.utf8) }

  /// A folder or file named with a leading underscore, Python's (and many projects') mark of a private
  /// module; package markers such as `__init__.py` are not private.
  static func isPrivatePath(_ path: String) -> Bool {
    var path = path
    return path.withUTF8 { bytes in
      for i in bytes.indices where bytes[i] == UInt8(ascii: "_") && (i == 0 || bytes[i - 1] == UInt8(ascii: "/")) {
        let rest = UnsafeBufferPointer(rebasing: bytes[i...])
        if !rest.starts(with: "__init__.".utf8) && !rest.starts(with: "__main__.".utf8) { return true }
      }
      return false
    }
  }

  /// Definitions of one name, as someone asking for "the" definition means it: this order, then those
  /// visible outside their file before `private`/`fileprivate` ones, then benchmark and example code last.
  static func ranked(_ matches: [SymbolMatch]) -> [SymbolMatch] {
    func aside(_ match: SymbolMatch) -> Int {
      let hidden = match.symbol.access == .private || match.symbol.access == .fileprivate ? 1 : 0
      let lower = match.path.lowercased()
      let bench = ["benchmark", "bench/", "examples/", "example/"].contains { lower.contains($0) } ? 1 : 0
      return hidden + bench
    }
    return matches.enumerated().sorted { a, b in
      let (x, y) = (SearchOrder(a.element), SearchOrder(b.element))
      if x != y { return x < y }
      let (p, q) = (aside(a.element), aside(b.element))
      return p != q ? p < q : a.offset < b.offset
    }.map(\.element)
  }

  private static let testFolders = ["test", "tests", "testing", "__tests__", "spec", "specs", "testdata", "selftests"]
  private static let testSuffixes = [
    "_test.go", "_test.py", "_tests.py", "Tests.swift", "Test.swift", "Test.java", "Tests.java", ".test.js", ".test.ts",
    ".spec.js", ".spec.ts", ".test.tsx", ".spec.tsx",
  ]
}
