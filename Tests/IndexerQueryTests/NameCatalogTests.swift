import IndexerModel
@testable import IndexerQuery
import IndexerStore
import IndexerTestSupport
import Testing

/// The catalog's indexes (one binary search for the first tiers, masks and packed initials for the rest)
/// must find exactly the names that classifying every name with `NameTier.of` finds, in rank order.
@Suite struct NameCatalogTests {
  static let patterns = ["a", "ab", "Abc", "abcd", "e_x", "é", "zz", "x1", "dcba", "_", "AB", "aeb", "abcdeabcd", "b1x"]

  /// An index of `count` random names over a small alphabet (many matches, many ties, every tier).
  static func randomNames(in dir: TemporaryDirectory, count: Int = 600) throws -> (path: String, names: Set<String>) {
    let path = dir.path + "/i.sqlite"
    let db = try IndexDatabase.openForWriting(path: path)
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("abcdeABCDE_xyz1é")
    var names = Set<String>()
    while names.count < count {
      names.insert(String((0..<Int.random(in: 1...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
    }
    var index = FileIndex(language: .swift)
    let range = SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 2))
    for name in names.sorted() { index.append(Symbol(name: name, kind: .function, container: "", range: range, signature: ""), parent: -1) }
    try IndexWriter(database: db).commit(IndexBatch(writes: [
      FileWrite(path: "a.swift", language: .swift, status: .indexed, size: 1, mtimeNanoseconds: 1, inode: 1, contentHash: 1,
        content: .indexed(index, EncodedOutline(index), EncodedReferences(index.references)))
    ]))
    return (path, names)
  }

  /// Whether `b` may follow `a` in the catalog's rank order: tier, better subsequence score, shorter name,
  /// NOCASE order.
  static func mayFollow(_ a: (name: String, tier: NameTier), _ b: (name: String, tier: NameTier), _ pattern: String) -> Bool {
    func score(_ x: (name: String, tier: NameTier)) -> Int { x.tier == .subsequence ? FuzzyMatcher(pattern).score(x.name) ?? 0 : 0 }
    let (ka, kb) = ((a.tier.rawValue, -score(a), a.name.utf8.count), (b.tier.rawValue, -score(b), b.name.utf8.count))
    if ka != kb { return ka < kb }
    return !NameBytes.lowered(b.name.utf8).lexicographicallyPrecedes(NameBytes.lowered(a.name.utf8))
  }

  static func tiers(_ pattern: String, _ names: Set<String>, allowed: Set<NameTier> = Set(NameTier.allCases)) -> [String: NameTier] {
    let query = Array(pattern.utf8)
    let matcher = FuzzyMatcher(pattern)
    var out: [String: NameTier] = [:]
    for name in names {
      var copy = name
      if let tier = copy.withUTF8({ NameTier.of($0, query: query, lowered: NameBytes.lowered(query), matcher: matcher, allowed: allowed) }) {
        out[name] = tier
      }
    }
    return out
  }

  /// 9,000 names cross `NameSignatures.chunkNames` twice: the bit slices are moved out of the chunk in pieces.
  @Test(arguments: [(100_000, 600), (1, 600), (100_000, 9_000)])
  func catalogFindsEveryTierInRankOrder(parallelThreshold: Int, nameCount: Int) throws {
    let dir = try TemporaryDirectory()
    let (path, names) = try Self.randomNames(in: dir, count: nameCount)
    let catalog = NameCatalog(parallelThreshold: parallelThreshold)
    let connection = try ReadOnlyConnection(path: path)
    try catalog.load(connection, generation: connection.generation())
    for pattern in Self.patterns {
      let got = catalog.ranked(pattern, count: names.count)
      let expected = Self.tiers(pattern, names)
      #expect(Dictionary(got.map { ($0.name, $0.tier) }, uniquingKeysWith: { a, _ in a }) == expected, "pattern \(pattern)")
      #expect(got.count == expected.count, "pattern \(pattern): each name once")
      for (a, b) in zip(got, got.dropFirst()) {
        #expect(Self.mayFollow(a, b, pattern), "pattern \(pattern): \(a) before \(b)")
      }
      for limit in [1, 7, 50] { #expect(catalog.ranked(pattern, count: limit).map(\.name) == got.prefix(limit).map(\.name)) }
      // Leaving tiers out moves their names to the next tier asked for that they satisfy.
      for some: Set<NameTier> in [[.exactIgnoringCase, .substring], [.exact, .exactIgnoringCase, .prefix, .substring], [.humps, .subsequence]] {
        let narrow = catalog.ranked(pattern, count: names.count, tiers: some)
        #expect(Dictionary(narrow.map { ($0.name, $0.tier) }, uniquingKeysWith: { a, _ in a }) == Self.tiers(pattern, names, allowed: some))
        for (a, b) in zip(narrow, narrow.dropFirst()) { #expect(Self.mayFollow(a, b, pattern), "pattern \(pattern): \(a) before \(b)") }
      }
    }
  }

  /// The store hands names straight from the NOCASE index, repeats and case variants interleaved across
  /// files; the catalog holds each name once.
  @Test func repeatedNamesAndCaseVariantsAreReadOnce() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/i.sqlite"
    let db = try IndexDatabase.openForWriting(path: path)
    let range = SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 2))
    let writes = (0..<3).map { n in
      var index = FileIndex(language: .python)
      for name in ["Foo", "foo", "bar", "FOO", "Foo", "Bar", "foo_x", "bar"] {
        index.append(Symbol(name: name, kind: .function, container: "", range: range, signature: ""), parent: -1)
      }
      return FileWrite(path: "f\(n).py", language: .python, status: .indexed, size: 1, mtimeNanoseconds: 1, inode: 1, contentHash: UInt64(n + 1),
        content: .indexed(index, EncodedOutline(index), EncodedReferences(index.references)))
    }
    try IndexWriter(database: db).commit(IndexBatch(writes: writes))
    let connection = try ReadOnlyConnection(path: path)
    let catalog = NameCatalog()
    try catalog.load(connection, generation: connection.generation())
    #expect(catalog.count == 6)
    let found = catalog.ranked("foo", count: 10).map(\.name)
    #expect(found.first == "foo" && Set(found[1...2]) == ["FOO", "Foo"] && found.last == "foo_x" && found.count == 4, "\(found)")
    let starting = NameCatalog()
    try starting.load(connection, generation: connection.generation(), prefix: "BA")
    #expect(starting.count == 2)
  }

  @Test func humpsSplitWordsAsPeopleTypeThem() {
    func initials(_ name: String) -> String {
      var copy = name
      return String(decoding: copy.withUTF8 { Humps.initials($0) }, as: UTF8.self)
    }
    #expect(initials("getFooBar") == "gfb")
    #expect(initials("task_struct") == "ts")
    #expect(initials("__init__") == "i")
    #expect(initials("XMLHttpRequest") == "xhr")
    #expect(initials("os.path.join") == "opj")
    #expect(initials("sha256Sum") == "s2s")
    #expect(initials("") == "")
    #expect(initials(String(repeating: "a_", count: 40)).count == Humps.limit)
  }
}

/// `query symbol --fuzzy`, LSP workspace/symbol and MCP `find_symbol` rank definitions as people search.
@Suite struct RankedSearchTests {
  private func engine(_ dir: TemporaryDirectory, _ files: [(String, [(String, SymbolKind)])]) throws -> QueryEngine {
    let path = dir.path + "/i.sqlite"
    let db = try IndexDatabase.openForWriting(path: path)
    let range = SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 9))
    let writes = files.enumerated().map { n, file in
      var index = FileIndex(language: .python)
      // `Type.member` names a member of `Type`.
      for (qualified, kind) in file.1 {
        let parts = qualified.split(separator: ".").map(String.init)
        let name = parts.last ?? qualified
        index.append(Symbol(name: name, kind: kind, container: parts.dropLast().joined(separator: "."), range: range, signature: name), parent: -1)
      }
      return FileWrite(path: file.0, language: .python, status: .indexed, size: 1, mtimeNanoseconds: 1, inode: 1, contentHash: UInt64(n + 1),
        content: .indexed(index, EncodedOutline(index), EncodedReferences(index.references)))
    }
    try IndexWriter(database: db).commit(IndexBatch(writes: writes))
    return try QueryEngine(databasePath: path)
  }

  private func found(_ e: QueryEngine, _ name: String, _ mode: SymbolQuery.Mode = .fuzzy) throws -> [String] {
    try e.symbols(SymbolQuery(name: name, mode: mode, limit: 20)).map { "\($0.path):\($0.symbol.name)" }
  }

  @Test func theMeantDefinitionComesFirst() throws {
    let dir = try TemporaryDirectory()
    let e = try engine(dir, [
      ("Lib/imaplib.py", [("thread", .variable), ("Thread", .field)]),
      ("Lib/test/test_threading.py", [("Thread", .class)]),
      ("Lib/threading.py", [("Thread", .class), ("ThreadPoolExecutor", .class), ("get_thread_id", .function)]),
      ("Lib/textwrap.py", [("dedent", .function), ("DEDENT", .constant)]),
      ("Lib/subprocess.py", [("Popen", .class), ("popen", .function)]),
      ("Lib/_bootsubprocess.py", [("Popen", .class)]),
      ("Lib/optparse.py", [("HelpFormatter.dedent", .method)]),
      ("lib/unxz.c", [("kmalloc", .macro)]),
      ("include/linux/slab.h", [("kmalloc", .function)]),
      ("Lib/unittest/case.py", [("TestCase", .class), ("DocTestCase", .class), ("test_captured_stderr", .function)]),
    ])
    // Exact name first: the class in code, then in tests; another case after, then a name it starts; the field
    // named exactly waits for all of those, and comes before a name that only holds the query.
    #expect(try found(e, "Thread").prefix(6) == [
      "Lib/threading.py:Thread", "Lib/test/test_threading.py:Thread", "Lib/imaplib.py:thread", "Lib/threading.py:ThreadPoolExecutor",
      "Lib/imaplib.py:Thread", "Lib/threading.py:get_thread_id",
    ])
    #expect(try found(e, "dedent").first == "Lib/textwrap.py:dedent", "a top-level function before a method")
    #expect(try found(e, "Popen").prefix(2) == ["Lib/subprocess.py:Popen", "Lib/_bootsubprocess.py:Popen"], "public before private")
    #expect(try found(e, "kmalloc") == ["include/linux/slab.h:kmalloc", "lib/unxz.c:kmalloc"], "a function before a macro")
    #expect(try found(e, "tpe").first == "Lib/threading.py:ThreadPoolExecutor", "hump initials")
    #expect(try found(e, "threadid") == ["Lib/threading.py:get_thread_id"], "letters in order, last")
    #expect(try found(e, "TestCa", .contains) == ["Lib/unittest/case.py:TestCase", "Lib/unittest/case.py:DocTestCase"])
  }

  /// A field named as typed comes after the types and functions the name, prefix and humps tiers find, and
  /// before the names that only hold the query.
  @Test func fieldsWaitForTheCloseTiersOtherDefinitions() throws {
    let dir = try TemporaryDirectory()
    let e = try engine(dir, [
      ("fs/eventfd.c", [("eventfd_ctx.wqh", .field)]),
      ("fs/timerfd.c", [("timerfd_ctx.wqh", .field)]),
      ("include/linux/wait.h", [("wait_queue_head", .struct), ("wqh_init", .macro)]),
      ("lib/queue.c", [("newqhead", .function)]),
    ])
    #expect(try found(e, "wqh") == [
      "include/linux/wait.h:wqh_init", "include/linux/wait.h:wait_queue_head", "fs/eventfd.c:wqh", "fs/timerfd.c:wqh",
      "lib/queue.c:newqhead",
    ])
    // A limit the close tiers' other definitions fill leaves the fields out.
    #expect(try e.symbols(SymbolQuery(name: "wqh", mode: .fuzzy, limit: 2)).map(\.symbol.name) == ["wqh_init", "wait_queue_head"])
    #expect(try e.symbols(SymbolQuery(name: "wqh", mode: .fuzzy, limit: 3)).map(\.path) == [
      "include/linux/wait.h", "include/linux/wait.h", "fs/eventfd.c",
    ])
  }

  /// When the names a query starts fill the answer, a fresh engine reads only them (through the name
  /// index); its answer must be the one the whole catalog gives.
  @Test func anAnswerFromTheStartingNamesEqualsTheWholeCatalogs() throws {
    let dir = try TemporaryDirectory()
    var files: [(String, [(String, SymbolKind)])] = [("a/zeta.py", [("zeta", .function), ("TASK", .class)])]
    for i in 0..<70 { files.append(("t/f\(i).py", [("task_\(i)", i % 3 == 0 ? .class : .variable), ("Task\(i)x", .function), ("xtask\(i)", .function)])) }
    let path = try engine(dir, files).databasePath
    let fresh = try QueryEngine(databasePath: path)
    let fromPrefix = try found(fresh, "task")
    let warmed = try QueryEngine(databasePath: path)
    _ = try found(warmed, "zt")  // needs the later tiers: loads the whole catalog
    #expect(fromPrefix == (try found(warmed, "task")))
    #expect(fromPrefix.first == "a/zeta.py:TASK" && fromPrefix.count == 20)
    #expect(try found(fresh, "task", .contains) == (try found(warmed, "task", .contains)))
  }
}
