/// The key of a name in the name-to-files table: FNV-1a over its UTF-8, folded to 31 bits so the stored
/// integer takes four bytes. Stored in the database, so it never changes; a collision only costs a query
/// one extra blob to open (the blob holds the exact names).
package enum ReferenceNameHash {
  package static func of(_ name: String) -> Int64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in name.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01B3
    }
    return Int64((hash ^ (hash >> 31) ^ (hash >> 62)) & UInt64(mask))
  }

  /// Every hash fits these 31 bits.
  static let mask: Int64 = 0x7FFF_FFFF

  /// The distinct hashes of `names`, ascending: what a file contributes to the name-to-files data.
  package static func distinct(_ names: [String]) -> [Int64] {
    Set(names.map(of)).sorted()
  }
}
