import IndexerModel
import IndexerStore

/// A small index of one file, built by hand, for store tests.
func sampleIndex(_ names: [String] = ["Alpha", "alphabet", "Beta"]) -> FileIndex {
  var index = FileIndex(language: .swift)
  let outer = index.append(
    Symbol(
      name: "Outer", kind: .struct, container: "",
      range: SourceRange(start: .init(line: 1, column: 1), end: .init(line: 20, column: 2)), signature: "struct Outer",
      access: .public),
    parent: -1)
  for (i, name) in names.enumerated() {
    index.append(
      Symbol(
        name: name, kind: .method, container: "Outer",
        range: SourceRange(start: .init(line: 2 + i, column: 3), end: .init(line: 2 + i, column: 20)),
        signature: "func \(name)()", isStatic: i == 0),
      parent: outer)
  }
  return index
}

func write(_ path: String, _ index: FileIndex, hash: UInt64 = 1) -> FileWrite {
  FileWrite(
    path: path, language: index.language, status: .indexed, size: 10, mtimeNanoseconds: 1, inode: 1, contentHash: hash,
    content: .indexed(index, EncodedOutline(index), EncodedReferences(index.references)))
}

/// The query path's read-only connection on the same file.
func lookup(_ db: IndexDatabase) throws -> ReadOnlyConnection { try ReadOnlyConnection(path: db.path) }

/// A file mentioning each name at the given lines (column 4).
func indexMentioning(_ names: [String: [Int]]) -> FileIndex {
  var index = sampleIndex(["Alpha"])
  let sorted = names.keys.sorted()
  index.references = FileReferences(
    names: sorted, positions: sorted.map { name in names[name]!.map { SourcePosition(line: $0, column: 4) } })
  return index
}

/// Every stored occurrence of `name` as the store hands them to the query core: the files its
/// name-to-files data lists, in path order, and the positions each file's blob holds for the name.
func occurrences(_ connection: ReadOnlyConnection, _ name: String) throws -> [(path: String, position: SourcePosition)] {
  guard let zstd = Zstd.Decompressor() else { throw StoreError.sqlite(path: connection.path, detail: "no zstd context") }
  return try connection.inReadTransaction { () throws(StoreError) in
    let files = try connection.filesMentioning(name: name, zstd: zstd)
    return try connection.withReferenceBlobs { blobs throws(StoreError) in
      var found: [(path: String, position: SourcePosition)] = []
      for file in files {
        guard let (positions, _) = try blobs.read(file).occurrences(of: Array(name.utf8), zstd: zstd) else { continue }
        found += positions.map { (file.path, $0) }
      }
      return found
    }
  }
}

func refs(_ db: IndexDatabase, _ name: String) throws -> [String] {
  try occurrences(lookup(db), name).map { "\($0.path):\($0.position.line)" }
}
