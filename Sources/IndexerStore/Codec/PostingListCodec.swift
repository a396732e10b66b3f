/// The file ids of one name in `ref_posting.files`: a format byte, then ascending ids as varint deltas,
/// zstd-compressed when that is smaller (lists of common names: `i`, `err`, `list_head`).
package enum PostingListCodec {
  static let plain: UInt8 = 0
  static let compressed: UInt8 = 1
  /// Shorter lists stay plain: a zstd frame's own header would cost more than it saves.
  static let compressAbove = 64

  /// `ids` ascending and unique.
  package static func encode(_ ids: [Int64], compressor: Zstd.Compressor? = nil) -> [UInt8] {
    var w = ByteWriter()
    var previous: Int64 = 0
    for id in ids {
      w.varint(UInt64(bitPattern: id &- previous))
      previous = id
    }
    if w.bytes.count > compressAbove {
      let packed = compressor?.compress(w.bytes) ?? Zstd.compress(w.bytes)
      if packed.count + 1 < w.bytes.count { return [compressed] + packed }
    }
    return [plain] + w.bytes
  }

  /// The ids, ascending; throws on a blob that is not a list we wrote (stored bytes are never trusted).
  package static func decode(_ blob: [UInt8], zstd: Zstd.Decompressor? = nil) throws(OutlineDecodingError) -> [Int64] {
    guard let format = blob.first else { throw OutlineDecodingError() }
    let body: [UInt8]
    switch format {
    case plain: body = Array(blob.dropFirst())
    case compressed:
      let frame = Array(blob.dropFirst())
      guard let raw = zstd.map({ $0.decompress(frame) }) ?? Zstd.decompress(frame) else { throw OutlineDecodingError() }
      body = raw
    default: throw OutlineDecodingError()
    }
    var r = ByteReader(body)
    var ids: [Int64] = []
    var id: Int64 = 0
    while !r.isAtEnd {
      let delta = try r.varint()
      // Ids are positive and ascending: a zero or oversized delta is damage, not an id.
      guard delta > 0, delta <= UInt64(Int64.max) else { throw OutlineDecodingError() }
      let (next, overflow) = id.addingReportingOverflow(Int64(delta))
      guard !overflow else { throw OutlineDecodingError() }
      id = next
      ids.append(id)
    }
    return ids
  }
}

/// A sorted run of (name hash, file id) pairs, the bulk build's intermediate form: each pair packed into
/// one `UInt64` (hash in the high half), stored as varint deltas and zstd-compressed.
package enum PostingPairCodec {
  package static func key(hash: Int64, fileID: Int64) -> UInt64? {
    guard (0...Int64(UInt32.max)).contains(hash), (0...Int64(UInt32.max)).contains(fileID) else { return nil }
    return UInt64(hash) << 32 | UInt64(fileID)
  }

  package static func hash(_ key: UInt64) -> Int64 { Int64(key >> 32) }
  package static func fileID(_ key: UInt64) -> Int64 { Int64(key & 0xFFFF_FFFF) }

  /// `keys` ascending.
  package static func encode(_ keys: ArraySlice<UInt64>, compressor: Zstd.Compressor? = nil) -> [UInt8] {
    var w = ByteWriter()
    var previous: UInt64 = 0
    for key in keys {
      w.varint(key &- previous)
      previous = key
    }
    return compressor?.compress(w.bytes, level: 1) ?? Zstd.compress(w.bytes, level: 1)
  }

  package static func decode(_ blob: [UInt8], zstd: Zstd.Decompressor) throws(OutlineDecodingError) -> [UInt64] {
    guard let raw = zstd.decompress(blob) else { throw OutlineDecodingError() }
    var r = ByteReader(raw)
    var keys: [UInt64] = []
    var key: UInt64 = 0
    while !r.isAtEnd {
      let (next, overflow) = key.addingReportingOverflow(try r.varint())
      guard !overflow else { throw OutlineDecodingError() }
      key = next
      keys.append(key)
    }
    return keys
  }
}
