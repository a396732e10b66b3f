/// Byte spans to small integers, by open addressing on an FNV-1a hash of the bytes.
///
/// Every identifier of a file is looked up here twice (is it a keyword? which name is it?). Through
/// `Set`/`Dictionary` that meant SipHash with `Hasher`'s seeding and finalization per lookup — a sixth of
/// the C reader's time. Identifiers are short; FNV-1a over them is a few instructions per byte, computed
/// once per token and used for both tables. `@unchecked Sendable`: the spans point into static strings
/// (the keyword tables) or into one file's bytes for the length of one extraction, and are never written.
struct SpanTable: @unchecked Sendable {
  private var keys: [UnsafeBufferPointer<UInt8>]
  private var hashes: [UInt64]
  private var values: [Int32]
  private var mask: Int
  private(set) var count = 0
  /// One past the largest value stored: values below it were in the table before a caller added its own.
  private(set) var valueLimit: Int32 = 0

  init(capacity: Int = 256) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = Array(repeating: UnsafeBufferPointer(start: nil, count: 0), count: size)
    hashes = Array(repeating: 0, count: size)
    values = Array(repeating: -1, count: size)
    mask = size - 1
  }

  /// Room for `capacity` entries in all, so a table that will hold that many does not grow (and rehash) on
  /// the way there.
  mutating func reserve(_ capacity: Int) {
    guard capacity * 2 > values.count else { return }
    let old = (keys, hashes, values)
    self = SpanTable(capacity: capacity)
    for i in old.2.indices where old.2[i] >= 0 { insert(old.0[i], hash: old.1[i], value: old.2[i]) }
  }

  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
  }

  /// The value stored for these bytes, or nil.
  func value(of bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
    var slot = Int(truncatingIfNeeded: hash) & mask
    while values[slot] >= 0 {
      if hashes[slot] == hash && Self.equal(keys[slot], bytes) { return values[slot] }
      slot = (slot + 1) & mask
    }
    return nil
  }

  /// Stores `value` for bytes not yet in the table (the caller looked them up first).
  mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, value: Int32) {
    if (count + 1) * 2 > values.count { grow() }
    var slot = Int(truncatingIfNeeded: hash) & mask
    while values[slot] >= 0 { slot = (slot + 1) & mask }
    keys[slot] = bytes
    hashes[slot] = hash
    values[slot] = value
    count += 1
    valueLimit = max(valueLimit, value &+ 1)
  }

  private mutating func grow() {
    reserve(values.count)
  }

  private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    for i in 0..<a.count where a[i] != b[i] { return false }
    return true
  }
}
