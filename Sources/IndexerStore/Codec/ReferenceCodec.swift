import IndexerModel

/// The compact form of a file's references, stored zstd-compressed in `file.refs`.
///
/// Layout (version 1): version byte, name count, then per name: the name, its occurrence count, and per
/// occurrence the line delta from the previous occurrence of that name and the column (as a delta from
/// the previous column when on the same line). Most deltas fit one byte; zstd then folds the rest.
package enum ReferenceCodec {
  static let version: UInt8 = 1

  package static func encode(_ references: FileReferences) -> [UInt8] {
    var w = ByteWriter()
    w.byte(version)
    w.varint(references.names.count)
    for (name, positions) in zip(references.names, references.positions) {
      w.string(name)
      w.varint(positions.count)
      var line = 0
      var column = 0
      for p in positions {
        let sameLine = p.line == line
        w.varint(p.line - line)
        w.zigzag(sameLine ? p.column - column : p.column)
        line = p.line
        column = p.column
      }
    }
    return w.bytes
  }

  /// The positions of one name, nil when the blob has no entry for it: the query path, which compares
  /// each entry's name as bytes and makes no `String` for the names it passes over.
  package static func positions(of name: [UInt8], in bytes: [UInt8]) throws(OutlineDecodingError) -> [SourcePosition]? {
    var found: [SourcePosition]?
    try forEachEntry(bytes) { r throws(OutlineDecodingError) in try r.stringEquals(name) } take: { positions in
      found = positions
      return false
    }
    return found
  }

  /// Decodes the whole blob.
  package static func decode(_ bytes: [UInt8]) throws(OutlineDecodingError) -> FileReferences {
    var result = FileReferences()
    try forEachEntry(bytes) { r throws(OutlineDecodingError) in
      result.names.append(try r.string())
      return true
    } take: { positions in
      result.positions.append(positions)
      return true
    }
    return result
  }

  /// Walks the entries: `name` reads an entry's name and says whether its positions are wanted; `take`
  /// receives them and says whether to go on. Unwanted positions are stepped over without being built.
  private static func forEachEntry(
    _ bytes: [UInt8], name: (inout ByteReader) throws(OutlineDecodingError) -> Bool, take: ([SourcePosition]) -> Bool
  ) throws(OutlineDecodingError) {
    var r = ByteReader(bytes)
    guard try r.byte() == version else { throw OutlineDecodingError() }
    let count = try r.int()
    guard count <= bytes.count else { throw OutlineDecodingError() }
    for _ in 0..<count {
      let wanted = try name(&r)
      let n = try r.int()
      guard n <= bytes.count else { throw OutlineDecodingError() }
      guard wanted else {
        try r.skipVarints(n * 2)  // a line delta and a column per occurrence
        continue
      }
      var positions: [SourcePosition] = []
      positions.reserveCapacity(n)
      var line = 0
      var column = 0
      for _ in 0..<n {
        let delta = try r.int()
        let c = try r.zigzag()
        column = delta == 0 ? try ByteReader.adding(column, c) : c
        line = try ByteReader.adding(line, delta)
        positions.append(SourcePosition(line: line, column: column))
      }
      if !take(positions) { return }
    }
  }
}

/// References ready to store: the compressed blob, the distinct name hashes (ascending) the name-to-files
/// data needs, the count, and the compressed scopes blob (`ScopeCodec`; empty when the reader records none).
public struct EncodedReferences: Sendable {
  public var compressed: [UInt8]
  public var nameHashes: [Int64]
  public var count: Int
  public var scopes: [UInt8]

  public init(_ references: FileReferences, scopes: FileScopes = FileScopes()) {
    self.init(references, scopes: scopes, compressor: nil)
  }

  package init(_ references: FileReferences, scopes: FileScopes = FileScopes(), compressor: Zstd.Compressor?) {
    let raw = references.isEmpty ? [] : ReferenceCodec.encode(references)
    self.compressed = raw.isEmpty ? [] : compressor?.compress(raw, literals: .stored) ?? Zstd.compress(raw, literals: .stored)
    self.nameHashes = ReferenceNameHash.distinct(references.names)
    self.count = references.count
    let rawScopes = scopes.isEmpty ? [] : ScopeCodec.encode(scopes)
    self.scopes = rawScopes.isEmpty ? [] : compressor?.compress(rawScopes) ?? Zstd.compress(rawScopes)
  }

  package init(compressed: [UInt8], nameHashes: [Int64], count: Int, scopes: [UInt8] = []) {
    self.compressed = compressed
    self.nameHashes = nameHashes
    self.count = count
    self.scopes = scopes
  }
}
