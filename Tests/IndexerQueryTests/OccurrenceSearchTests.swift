import GRDB
import IndexerModel
@testable import IndexerQuery
import IndexerStore
import IndexerTestSupport
import Foundation
import Testing

/// `QueryEngine.references`: the store's listed files decoded on every core and placed in their outlines.
@Suite struct OccurrenceSearchTests {
  private func write(_ path: String, _ index: FileIndex, hash: UInt64) -> FileWrite {
    FileWrite(
      path: path, language: index.language, status: .indexed, size: 10, mtimeNanoseconds: 1, inode: 1, contentHash: hash,
      content: .indexed(index, EncodedOutline(index), EncodedReferences(index.references)))
  }

  /// A file whose outline is `struct Outer` (lines 1–20) holding `Alpha` (line 2, columns 3–20), mentioning
  /// each name at the given lines, column 4.
  private func file(_ names: [String: [Int]]) -> FileIndex {
    var index = FileIndex(language: .swift)
    let outer = index.append(
      Symbol(name: "Outer", kind: .struct, container: "", range: SourceRange(start: .init(line: 1, column: 1), end: .init(line: 20, column: 2)), signature: "struct Outer"),
      parent: -1)
    index.append(
      Symbol(name: "Alpha", kind: .method, container: "Outer", range: SourceRange(start: .init(line: 2, column: 3), end: .init(line: 2, column: 20)), signature: "func Alpha()"),
      parent: outer)
    let sorted = names.keys.sorted()
    index.references = FileReferences(names: sorted, positions: sorted.map { names[$0]!.map { SourcePosition(line: $0, column: 4) } })
    return index
  }

  /// Hundreds of files decoded by one worker per core must come back in path order whatever the split;
  /// `limit` cuts the answer exactly; a damaged blob in the middle fails the query, naming its file.
  @Test func aCommonNameIsWholeInPathOrderAndCutExactly() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/i.sqlite"
    let db = try IndexDatabase.openForWriting(path: path)
    var writes: [FileWrite] = []
    var expected: [String] = []
    for i in 0..<600 {
      let file = String(format: "src/f%03d.c", i)
      var names = ["shared": Array(stride(from: 30, to: 30 + 7 * (i % 4 + 1), by: 7))]
      if i % 9 == 0 { for k in 0..<2000 { names["n\(k)"] = [k + 1] } }
      writes.append(write(file, self.file(names), hash: UInt64(i + 1)))
      expected += names["shared"]!.map { "\(file):\($0)" }
    }
    try IndexWriter(database: db).commit(IndexBatch(writes: writes.shuffled()))
    let engine = try QueryEngine(databasePath: path)
    #expect(try engine.references(ReferenceFilter(name: "shared")).map { "\($0.path):\($0.position.line)" } == expected)
    #expect(try engine.references(ReferenceFilter(name: "shared", limit: 7)).map { "\($0.path):\($0.position.line)" } == Array(expected.prefix(7)))
    #expect(try engine.references(ReferenceFilter(name: "shared", pathGlob: "src/f01*")).count == expected.filter { $0.hasPrefix("src/f01") }.count)
    // The filters are the query core's, on the files the store lists.
    #expect(try engine.references(ReferenceFilter(name: "shared", languages: [.python])).isEmpty)
    #expect(try engine.references(ReferenceFilter(name: "shared", languages: [.swift, .python], pathGlob: "src/f00[1-2].c")).map(\.path)
      == expected.filter { $0.hasPrefix("src/f001") || $0.hasPrefix("src/f002") }.map { String($0.prefix { $0 != ":" }) })
    // Damage on disk, not a commit: the engine that read the name keeps its answer for the generation; a new
    // one reads the blobs again.
    try db.write { try $0.execute(sql: "UPDATE file_blob SET refs = x'28b52ffd00' WHERE file_id = (SELECT id FROM file WHERE path = 'src/f300.c')") }
    #expect(try engine.references(ReferenceFilter(name: "shared")).count == expected.count)
    #expect {
      try QueryEngine(databasePath: path).references(ReferenceFilter(name: "shared"))
    } throws: { error in
      guard let error = error as? StoreError, case .corruptBlob(let path) = error else { return false }
      return path == "src/f300.c"
    }
  }

  /// A long-lived engine (a server's) keeps a name's occurrences for the generation it read them at: a commit
  /// in between gives the new ones, inside a snapshot and outside one.
  @Test func keptOccurrencesAreNeverOlderThanTheIndex() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/i.sqlite"
    let db = try IndexDatabase.openForWriting(path: path)
    try IndexWriter(database: db).commit(IndexBatch(writes: [write("a.c", file(["shared": [3, 5]]), hash: 1)]))
    let engine = try QueryEngine(databasePath: path)
    let lines = { () throws -> [Int] in try engine.references(ReferenceFilter(name: "shared")).map(\.position.line) }
    #expect(try lines() == [3, 5])
    #expect(try lines() == [3, 5])
    try IndexWriter(database: db).commit(IndexBatch(writes: [write("a.c", file(["shared": [7]]), hash: 2)]))
    #expect(try lines() == [7])
    try IndexWriter(database: db).commit(IndexBatch(writes: [write("b.c", file(["shared": [9]]), hash: 3)]))
    #expect(try engine.inOneSnapshot { _ in try? lines() } == [7, 9])
    // Filtered or limited questions are not kept and do not use what is kept.
    #expect(try engine.references(ReferenceFilter(name: "shared", pathGlob: "b.c")).map(\.path) == ["b.c"])
    #expect(try engine.references(ReferenceFilter(name: "shared", limit: 1)).map(\.path) == ["a.c"])
  }

  /// The first occurrence inside a definition's range is its name; the others take the innermost
  /// definition around them as container, and one outside every definition has none.
  @Test func definitionsAndContainersComeFromTheOutline() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/i.sqlite"
    let db = try IndexDatabase.openForWriting(path: path)
    var index = file([:])
    index.references = FileReferences(
      names: ["Alpha"], positions: [[.init(line: 2, column: 8), .init(line: 2, column: 15), .init(line: 30, column: 1)]])
    try IndexWriter(database: db).commit(IndexBatch(writes: [write("x.swift", index, hash: 1)]))
    let matches = try QueryEngine(databasePath: path).references(ReferenceFilter(name: "Alpha"))
    #expect(matches.map(\.isDefinition) == [true, false, false])
    #expect(matches.map(\.container) == ["Outer", "Outer.Alpha", ""])
    // The enclosing definition's kind and start come along (what a type hierarchy filters heads by).
    #expect(matches.map(\.containerKind) == [.struct, .method, nil])
    #expect(matches.map(\.containerStart) == [SourcePosition(line: 1, column: 1), SourcePosition(line: 2, column: 3), nil])
  }
}

/// The occurrences a server keeps stay within their bound and their generation.
@Suite struct OccurrenceCacheTests {
  private func matches(_ count: Int, in path: String) -> [ReferenceMatch] {
    (0..<count).map { ReferenceMatch(path: path, language: .c, position: SourcePosition(line: $0 + 1, column: 1), definition: nil, container: "") }
  }

  @Test func theFirstKeptLeaveFirstAndANewGenerationEmptiesIt() {
    var cache = OccurrenceCache()
    let half = OccurrenceCache.maximumOccurrences / 2
    cache.keep(matches(half, in: "a.c"), of: "a", generation: 1)
    cache.keep(matches(half, in: "b.c"), of: "b", generation: 1)
    #expect(cache.matches(of: "a", generation: 1)?.count == half)
    cache.keep(matches(10, in: "c.c"), of: "c", generation: 1)
    #expect(cache.matches(of: "a", generation: 1) == nil, "the first kept left to make room")
    #expect(cache.matches(of: "b", generation: 1)?.count == half)
    #expect(cache.matches(of: "c", generation: 1)?.first?.path == "c.c")
    // Too many to keep at all: nothing else leaves.
    cache.keep(matches(OccurrenceCache.maximumOccurrences + 1, in: "d.c"), of: "d", generation: 1)
    #expect(cache.matches(of: "d", generation: 1) == nil)
    #expect(cache.matches(of: "b", generation: 1) != nil)
    // Another generation: nothing kept is answered.
    #expect(cache.matches(of: "c", generation: 2) == nil)
    cache.keep(matches(1, in: "e.c"), of: "e", generation: 2)
    #expect(cache.matches(of: "b", generation: 2) == nil)
    #expect(cache.matches(of: "e", generation: 2)?.count == 1)
  }
}
