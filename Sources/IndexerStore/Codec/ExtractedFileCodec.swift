import IndexerModel

/// One file's extraction result in the form the store writes: the compressed outline and reference
/// blobs, plus the reference names the name-to-files table needs. Extraction workers send this over
/// their pipe, so the parent never re-encodes or re-compresses what a worker produced.
///
/// Layout (version 1): version byte, language (the extractor may refine it: a `.h` that spells C++ is
/// `cpp`), outline raw size, outline blob, reference count, reference blob, name count and names; blobs and
/// names are length-prefixed. Decoding checks every length.
package enum ExtractedFileCodec {
  static let version: UInt8 = 1

  package static func encode(language: Language, outline: EncodedOutline, references: EncodedReferences) -> [UInt8] {
    var w = ByteWriter()
    w.byte(version)
    w.string(language.rawValue)
    w.varint(outline.rawCount)
    w.blob(outline.compressed)
    w.varint(references.count)
    w.blob(references.compressed)
    w.varint(references.names.count)
    for name in references.names { w.string(name) }
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
    let nameCount = try r.int()
    guard nameCount <= bytes.count else { throw OutlineDecodingError() }
    var names: [String] = []
    names.reserveCapacity(nameCount)
    for _ in 0..<nameCount { names.append(try r.string()) }
    guard let raw = zstd?.decompress(outline.compressed, expectedSize: rawCount) ?? Zstd.decompress(outline.compressed, expectedSize: rawCount)
    else { throw OutlineDecodingError() }
    let index = try OutlineCodec.decode(raw, language: language)
    return (index, outline, EncodedReferences(compressed: compressedReferences, names: names, count: count))
  }
}
