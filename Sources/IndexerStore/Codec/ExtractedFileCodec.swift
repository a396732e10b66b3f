import IndexerModel

/// One file's extraction result in the form the store writes: the compressed outline and reference
/// blobs, plus the name hashes the name-to-files data needs (computed in the worker, so the parent makes
/// no `String` per name and the writer hashes nothing). Extraction workers send this over
/// their pipe, so the parent never re-encodes or re-compresses what a worker produced.
///
/// Layout (version 1): version byte, language (the extractor may refine it: a `.h` that spells C++ is
/// `cpp`), outline raw size, outline blob, reference count, reference blob, name hash count and the
/// hashes, ascending, as varint deltas, then (version 3) the scopes blob; blobs are length-prefixed. Decoding checks every length.
package enum ExtractedFileCodec {
  static let version: UInt8 = 3

  package static func encode(language: Language, outline: EncodedOutline, references: EncodedReferences) -> [UInt8] {
    var w = ByteWriter()
    w.byte(version)
    w.string(language.rawValue)
    w.varint(outline.rawCount)
    w.blob(outline.compressed)
    w.varint(references.count)
    w.blob(references.compressed)
    w.varint(references.nameHashes.count)
    var previous: Int64 = 0
    for hash in references.nameHashes {
      w.varint(UInt64(bitPattern: hash &- previous))
      previous = hash
    }
    w.blob(references.scopes)
    return w.bytes
  }

  /// The blobs, and the definitions decoded back out of the outline (the symbol rows come from them).
  package static func decode(_ bytes: [UInt8], zstd: Zstd.Decompressor? = nil) throws(OutlineDecodingError) -> (
    FileIndex, EncodedOutline, EncodedReferences
  ) {
    var r = ByteReader(bytes)
    guard try r.byte() == version, let language = Language(rawValue: try r.string()) else { throw OutlineDecodingError() }
    let rawCount = try r.int()
    let outline = EncodedOutline(compressed: try r.blob(), rawCount: rawCount)
    let count = try r.int()
    let compressedReferences = try r.blob()
    let hashCount = try r.int()
    guard hashCount <= bytes.count else { throw OutlineDecodingError() }
    var hashes: [Int64] = []
    hashes.reserveCapacity(hashCount)
    var hash: Int64 = 0
    for _ in 0..<hashCount {
      // Hashes are 31-bit and ascending: anything else is a damaged message.
      let delta = try r.varint()
      guard delta <= ReferenceNameHash.mask, hash + Int64(delta) <= ReferenceNameHash.mask else { throw OutlineDecodingError() }
      hash += Int64(delta)
      hashes.append(hash)
    }
    let scopes = try r.blob()
    let frame = outline.compressed
    guard let raw = zstd.map({ $0.decompress(frame, expectedSize: rawCount) }) ?? Zstd.decompress(frame, expectedSize: rawCount)
    else { throw OutlineDecodingError() }
    let index = try OutlineCodec.decode(raw, language: language)
    return (index, outline, EncodedReferences(compressed: compressedReferences, nameHashes: hashes, count: count, scopes: scopes))
  }
}
