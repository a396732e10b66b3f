import Foundation
import IndexerExtraction
import IndexerModel
import IndexerQuery
import IndexerStore
import IndexerTestSupport
import Testing

/// The engine against a real database written by the real writer.
@Suite struct QueryEngineTests {
  /// Writes C files into `dir` and commits what the C reader makes of them, as one batch.
  private func commitC(_ files: [String: String], in dir: TemporaryDirectory, to db: IndexDatabase) throws {
    let writes = try files.map { file, source in
      try source.write(toFile: dir.path + "/" + file, atomically: true, encoding: .utf8)
      let index = CExtractor(language: .c).extract(source)
      return FileWrite(
        path: file, language: .c, status: .indexed, size: Int64(source.utf8.count), mtimeNanoseconds: 1, inode: 1,
        contentHash: UInt64(source.hashValue.magnitude),
        content: .indexed(index, EncodedOutline(index), EncodedReferences(index.references, scopes: index.scopes)))
    }
    try IndexWriter(database: db).commit(IndexBatch(writes: writes))
  }

  private func engine(_ dir: TemporaryDirectory) throws -> QueryEngine {
    let path = dir.path + "/i.sqlite"
    let db = try IndexDatabase.openForWriting(path: path)
    var a = FileIndex(language: .swift)
    var b = FileIndex(language: .python)
    let range = SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 9))
    for (i, name) in ["IndexWriter", "indexWriter", "IndexReader", "write"].enumerated() {
      var r = range
      r.start.line = i + 1
      a.append(Symbol(name: name, kind: i == 3 ? .function : .class, container: "", range: r, signature: name), parent: -1)
    }
    b.append(Symbol(name: "write", kind: .function, container: "", range: range, signature: "def write()"), parent: -1)
    let writes = [("Sources/a.swift", a), ("tools/b.py", b)].map { path, index in
      FileWrite(
        path: path, language: index.language, status: .indexed, size: 1, mtimeNanoseconds: 1, inode: 1, contentHash: 1,
        content: .indexed(index, EncodedOutline(index), EncodedReferences(index.references)))
    }
    try IndexWriter(database: db).commit(IndexBatch(writes: writes))
    return try QueryEngine(databasePath: path)
  }

  /// The imports read alone (C's include lists, thousands per references request) are the ones the whole file
  /// holds; a file without scopes has none, and one not in the index is nil.
  @Test func importsAloneAreTheFilesImports() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/i.sqlite"
    let db = try IndexDatabase.openForWriting(path: path)
    var scopes = FileScopes(scopes: [.init(kind: .file, range: SourceRange(start: .init(line: 1, column: 1), end: .init(line: 9, column: 1)), parent: -1)])
    scopes.bindings = [.init(name: "n", scope: 0, position: .init(line: 3, column: 5), kind: .definition)]
    scopes.imports = [
      .init(localName: "#include", module: "\"util.h\"", importedName: "", position: .init(line: 1, column: 10), scope: 0),
      .init(localName: "#include", module: "<stdio.h>", importedName: "", position: .init(line: 2, column: 10), scope: 0),
    ]
    var withScopes = FileIndex(language: .c)
    withScopes.scopes = scopes
    let plain = FileIndex(language: .c)
    let writes = [("a.c", withScopes), ("b.c", plain)].map { path, index in
      FileWrite(
        path: path, language: .c, status: .indexed, size: 1, mtimeNanoseconds: 1, inode: 1, contentHash: 1,
        content: .indexed(index, EncodedOutline(index), EncodedReferences(index.references, scopes: index.scopes)))
    }
    try IndexWriter(database: db).commit(IndexBatch(writes: writes))
    let e = try QueryEngine(databasePath: path)
    #expect(try e.imports(path: "a.c") == scopes.imports)
    #expect(try e.imports(path: "a.c") == e.resolvable(path: "a.c")?.scopes.imports)
    #expect(try e.imports(path: "b.c") == [])
    #expect(try e.imports(path: "missing.c") == nil)
  }

  /// A server's engine keeps C include sets, definitions by name and ranked answers between requests
  /// (`ResolutionMemo`), for one generation: after a commit that changes what a file includes, or where a name
  /// is defined, the same engine resolves by the new index.
  @Test func resolutionKeptBetweenRequestsFollowsACommit() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/i.sqlite"
    let db = try IndexDatabase.openForWriting(path: path)
    func commit(_ files: [String: String]) throws { try commitC(files, in: dir, to: db) }
    try commit(["one.h": "#define N 1\n", "two.h": "#define N 2\n", "a.c": "#include \"one.h\"\nint f(void) { return N; }\n"])
    let e = try QueryEngine(databasePath: path, root: dir.path)
    let use = SourcePosition(line: 2, column: 22)
    #expect(try e.resolvedDefinitions(path: "a.c", at: use).map(\.path) == ["one.h"])
    #expect(try e.resolvedDefinitions(path: "a.c", at: use).map(\.path) == ["one.h"])
    try commit(["a.c": "#include \"two.h\"\nint f(void) { return N; }\n"])
    #expect(try e.resolvedDefinitions(path: "a.c", at: use).map(\.path) == ["two.h"])
    try commit(["two.h": "#define OTHER 2\n"])
    #expect(try e.resolvedDefinitions(path: "a.c", at: use).map(\.path) == ["one.h"])
  }

  /// From its second request on, a server's engine skips the bindings of a file that cannot bind the name
  /// (`BoundNameFilter`): a local that shadows a global is still found every time, and still after a commit
  /// that adds one.
  @Test func aLocalShadowingAGlobalIsFoundOnEveryRequest() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/i.sqlite"
    let db = try IndexDatabase.openForWriting(path: path)
    func commit(_ files: [String: String]) throws { try commitC(files, in: dir, to: db) }
    try commit([
      "g.h": "int count;\nint total;\n",
      "a.c": "#include \"g.h\"\nint f(void) { int count = 1; return count + total; }\n",
    ])
    let e = try QueryEngine(databasePath: path, root: dir.path)
    let local = SourcePosition(line: 2, column: 37)
    let global = SourcePosition(line: 2, column: 45)
    for _ in 0..<4 {
      #expect(try e.resolvedDefinitions(path: "a.c", at: local).map { "\($0.path):\($0.position.line) \($0.resolution)" } == ["a.c:2 local"])
      #expect(try e.resolvedDefinitions(path: "a.c", at: global).map(\.path) == ["g.h"])
    }
    try commit(["a.c": "#include \"g.h\"\nint f(void) { int total = 1; return count + total; }\n"])
    for _ in 0..<3 {
      #expect(try e.resolvedDefinitions(path: "a.c", at: local).map(\.path) == ["g.h"])
      #expect(try e.resolvedDefinitions(path: "a.c", at: global).map { "\($0.path):\($0.position.line) \($0.resolution)" } == ["a.c:2 local"])
    }
  }

  /// Decoded files are kept for the generation they were read at: a commit in between, seen by the same
  /// long-lived engine (a server's), gives the new outline, inside a snapshot and outside one.
  @Test func decodedFilesAreNeverOlderThanTheIndex() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/i.sqlite"
    let db = try IndexDatabase.openForWriting(path: path)
    func commit(_ name: String) throws {
      var index = FileIndex(language: .python)
      index.append(
        Symbol(name: name, kind: .function, container: "", range: SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 9)), signature: ""),
        parent: -1)
      index.scopes = FileScopes(scopes: [.init(kind: .file, range: SourceRange(start: .init(line: 1, column: 1), end: .init(line: 9, column: 1)), parent: -1)])
      index.scopes.imports = [.init(localName: name, module: name, importedName: "", position: .init(line: 1, column: 1), scope: 0)]
      let write = FileWrite(
        path: "a.py", language: .python, status: .indexed, size: 1, mtimeNanoseconds: 1, inode: 1, contentHash: UInt64(name.utf8.count),
        content: .indexed(index, EncodedOutline(index), EncodedReferences(index.references, scopes: index.scopes)))
      try IndexWriter(database: db).commit(IndexBatch(writes: [write]))
    }
    try commit("first")
    let e = try QueryEngine(databasePath: path)
    #expect(try e.imports(path: "a.py")?.map(\.module) == ["first"])
    #expect(try e.resolvable(path: "a.py")?.symbols.map(\.name) == ["first"])
    #expect(try e.resolvable(path: "a.py")?.symbols.map(\.name) == ["first"])
    try commit("second")
    #expect(try e.imports(path: "a.py")?.map(\.module) == ["second"])
    #expect(try e.resolvable(path: "a.py")?.symbols.map(\.name) == ["second"])
    #expect(try e.imports(path: "a.py")?.map(\.module) == ["second"])
    try commit("third")
    let inSnapshot = try e.inOneSnapshot { _ in try? e.resolvable(path: "a.py")?.symbols.map(\.name) }
    #expect(inSnapshot == ["third"])
    #expect(try e.resolvable(path: "missing.py") == nil)
  }

  private func names(_ matches: [SymbolMatch]) -> [String] { matches.map { $0.path + ":" + $0.symbol.name } }

  @Test func exactPrefixAndCaseInsensitive() throws {
    let dir = try TemporaryDirectory()
    let e = try engine(dir)
    #expect(names(try e.symbols(SymbolQuery(name: "IndexWriter"))) == ["Sources/a.swift:IndexWriter"])
    #expect(names(try e.symbols(SymbolQuery(name: "indexwriter", ignoreCase: true))) == ["Sources/a.swift:IndexWriter", "Sources/a.swift:indexWriter"])
    #expect(names(try e.symbols(SymbolQuery(name: "Index", mode: .prefix))) == ["Sources/a.swift:IndexWriter", "Sources/a.swift:IndexReader"])
    #expect(try e.symbols(SymbolQuery(name: "index", mode: .prefix, ignoreCase: true)).count == 3)
  }

  @Test func filtersCombine() throws {
    let dir = try TemporaryDirectory()
    let e = try engine(dir)
    #expect(names(try e.symbols(SymbolQuery(name: "write", languages: [.python]))) == ["tools/b.py:write"])
    #expect(names(try e.symbols(SymbolQuery(name: "write", pathGlob: "Sources/*"))) == ["Sources/a.swift:write"])
    #expect(try e.symbols(SymbolQuery(name: "", mode: .prefix, kinds: [.class])).count == 3)
    #expect(try e.symbols(SymbolQuery(name: "", mode: .prefix, limit: 2)).count == 2)
  }

  /// A tier's names are read a few at a time, best ranked first: with every definition read, the answer is
  /// ranked as one read in path order ranked it (the same kinds, then the name's rank, then path order);
  /// past the read limit, the best-ranked names keep all their definitions and the worst loses some.
  @Test func aTiersDefinitionsAreReadBestNamesFirst() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/i.sqlite"
    let db = try IndexDatabase.openForWriting(path: path)
    let range = SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 9))
    // 40 names that `item` starts, longer ones worse ranked, each defined once in two files; and
    // `itemsAllOfThem` (ranked last, but first of its read group by name) 600 times in a third file whose path
    // sorts first: past the tier's read limit of 500.
    let names = (0..<40).map { "item" + String(repeating: "x", count: $0 / 10) + String($0) }
    var writes: [FileWrite] = []
    for file in ["b/one.swift", "a/two.swift", "0/many.swift"] {
      var index = FileIndex(language: .swift)
      let defined = file == "0/many.swift" ? Array(repeating: "itemsAllOfThem", count: 600) : names
      for (line, name) in defined.enumerated() {
        var r = range
        r.start.line = line + 1
        index.append(Symbol(name: name, kind: .function, container: "", range: r, signature: name), parent: -1)
      }
      writes.append(FileWrite(
        path: file, language: .swift, status: .indexed, size: 1, mtimeNanoseconds: 1, inode: 1, contentHash: 1,
        content: .indexed(index, EncodedOutline(index), EncodedReferences(index.references))))
    }
    try IndexWriter(database: db).commit(IndexBatch(writes: writes))
    let e = try QueryEngine(databasePath: path)
    let found = try e.symbols(SymbolQuery(name: "item", mode: .fuzzy, limit: 1000))
    // Shortest names first, each name's two definitions in path order; then what the limit leaves of the last.
    let expected = names.sorted { ($0.count, $0.lowercased()) < ($1.count, $1.lowercased()) }.flatMap { ["a/two.swift:" + $0, "b/one.swift:" + $0] }
    #expect(Array(self.names(found).prefix(80)) == expected)
    #expect(found.count == QueryEngine.tierReadLimit)
    let rest = found.dropFirst(80)
    #expect(rest.allSatisfy { $0.symbol.name == "itemsAllOfThem" && $0.path == "0/many.swift" })
    #expect(rest.map(\.symbol.range.start.line) == Array(1...420))
  }

  /// A server's catalog is built in the background and, after a commit, answers from the generation it has
  /// while the next is built: a name gone since is never answered (its definitions are read from now), a
  /// name that starts the query is found at once, and one found only by a later tier once the build lands.
  @Test func aServersNameCatalogFollowsCommitsWithoutWaiting() throws {
    let dir = try TemporaryDirectory()
    let db = try IndexDatabase.openForWriting(path: dir.path + "/i.sqlite")
    try commitC(["a.c": "int alpha_reader(void) { return 0; }\nint beta(void) { return 1; }\n"], in: dir, to: db)
    let e = try QueryEngine(awaiting: dir.path + "/i.sqlite", root: dir.path)
    e.keepNamesFresh()
    #expect(try e.refresh())
    func names(_ query: String) throws -> [String] { try e.symbols(SymbolQuery(name: query, mode: .fuzzy)).map(\.symbol.name) }
    // `ardr` is a subsequence only: the whole catalog is needed, and the first search waits for its build.
    #expect(try names("ardr") == ["alpha_reader"])
    try commitC(["a.c": "int ardrive(void) { return 0; }\nint gamma_reader(void) { return 1; }\n"], in: dir, to: db)
    let right = try names("ardr")
    #expect(!right.contains("alpha_reader"))
    #expect(right.first == "ardrive")
    var waited = 0
    while try !names("ardr").contains("gamma_reader") && waited < 500 {
      usleep(10_000)
      waited += 1
    }
    #expect(try names("ardr") == ["ardrive", "gamma_reader"])
  }

  @Test func fuzzyPutsTheBestMatchFirst() throws {
    let dir = try TemporaryDirectory()
    let e = try engine(dir)
    let matches = try e.symbols(SymbolQuery(name: "IdxR", mode: .fuzzy))
    #expect(matches.first?.symbol.name == "IndexReader")
    #expect(!matches.contains { $0.symbol.name == "write" })
  }
}

/// A server's engine starts before the first build and outlives bulk builds that rename a new file over
/// the old: `refresh()` must see both, or an editor keeps answering from an index that is gone.
@Suite struct QueryEngineReopeningTests {
  /// A bulk build of one file defining `name`, published over `live` as `indexer index` publishes one.
  private func build(_ live: String, defining name: String) throws {
    var index = FileIndex(language: .swift)
    index.append(
      Symbol(name: name, kind: .class, container: "", range: SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 9)), signature: name),
      parent: -1)
    let lock = try WriterLock(path: WriterLock.path(forDatabase: live))
    let build = try BulkBuild.start(live: live, root: "/r", lock: lock, copyingFrom: nil)
    defer { build.release() }
    try IndexWriter(database: build.database).commit(IndexBatch(writes: [FileWrite(
      path: "a.swift", language: .swift, status: .indexed, size: 1, mtimeNanoseconds: 1, inode: 1, contentHash: 1,
      content: .indexed(index, EncodedOutline(index), EncodedReferences(index.references)))]))
    try build.publish()
  }

  @Test func refreshFindsTheFirstBuildAndFollowsARenameOverIt() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/index.sqlite"
    let engine = QueryEngine(awaiting: path, root: dir.path)
    #expect(try engine.refresh() == false)
    #expect(throws: StoreError.notFound(path: path)) { try engine.symbols(SymbolQuery(name: "First")) }
    try build(path, defining: "First")
    #expect(try engine.refresh())
    #expect(try engine.symbols(SymbolQuery(name: "First")).count == 1)
    #expect(try engine.outline(path: "a.swift")?.symbols.map(\.name) == ["First"])
    // A bulk build writes a new file beside the old and renames it over: a new inode under the same name,
    // and the same generation number (the kept outline is not the new file's).
    try build(path, defining: "Second")
    #expect(try engine.refresh())
    #expect(try engine.symbols(SymbolQuery(name: "Second")).count == 1)
    #expect(try engine.outline(path: "a.swift")?.symbols.map(\.name) == ["Second"])
    #expect(try engine.symbols(SymbolQuery(name: "First")).isEmpty)
    #expect(unlink(path) == 0)
    #expect(try engine.refresh() == false)
  }
}
