import IndexerModel
import IndexerStore
import IndexerWorkspace

/// A cache value: the per-file record the store already writes (`ExtractedFileCodec`: compressed outline and
/// references, name hashes), in a frame that says what it is and proves it arrived whole:
/// `IXC` + version byte, payload length (8 bytes, little-endian), XXH64 of the payload (8 bytes), payload.
/// Anything else — another format, a truncated or altered value, a record that does not decode — is a miss.
public enum CacheRecord {
  /// Also raised when a reader's output changes for the same bytes (3: C and C++ `extern` variables, include
  /// paths no longer uses; 4: no C or C++ variable named `struct`; 5: JavaScript and TypeScript casts and
  /// unions as binding types), so a shared cache filled by an earlier
  /// build misses instead of serving what that reader recorded.
  static let version: UInt8 = 5
  static let magic: [UInt8] = Array("IXC".utf8) + [version]
  /// No single file's record comes near this; a bigger value is not ours.
  public static let maxBytes = 64 << 20

  public static func encode(language: Language, outline: EncodedOutline, references: EncodedReferences) -> [UInt8] {
    let payload = ExtractedFileCodec.encode(language: language, outline: outline, references: references)
    var bytes = magic
    bytes.reserveCapacity(20 + payload.count)
    append(UInt64(payload.count), to: &bytes)
    append(ContentHash.xxh64(payload), to: &bytes)
    bytes += payload
    return bytes
  }

  /// The extraction result, or nil when `bytes` is not a whole, valid record of this version.
  public static func decode(_ bytes: [UInt8]) -> (FileIndex, EncodedOutline, EncodedReferences)? {
    guard bytes.count >= 20, bytes.count <= maxBytes, bytes[0..<4].elementsEqual(magic) else { return nil }
    let length = read(bytes, at: 4)
    let checksum = read(bytes, at: 12)
    guard length == UInt64(bytes.count - 20) else { return nil }
    let payload = Array(bytes[20...])
    guard ContentHash.xxh64(payload) == checksum else { return nil }
    return try? ExtractedFileCodec.decode(payload)
  }

  private static func append(_ value: UInt64, to bytes: inout [UInt8]) {
    for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
  }

  /// Eight little-endian bytes at `offset`; callers check `offset + 8 <= bytes.count` first.
  private static func read(_ bytes: [UInt8], at offset: Int) -> UInt64 {
    var value: UInt64 = 0
    for i in 0..<8 { value |= UInt64(bytes[offset + i]) << UInt64(8 * i) }
    return value
  }
}
