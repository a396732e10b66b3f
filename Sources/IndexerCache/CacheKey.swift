import IndexerModel
import IndexerWorkspace

/// The name of one file's extraction result in a shared cache, from everything the result depends on:
/// the file's content (its size and two XXH64 digests with different seeds, 128 bits in all, so two
/// different files share a key only by a 1-in-2^64-squared accident, not by the birthday odds of one
/// 64-bit hash), the language the walk gave it (a `.h` is read as C or C++), the indexer's version and
/// the record format. Those go through SHA-256 into 64 hex digits, the form bazel-remote accepts for
/// `/ac/`. Hashing the digests rather than the bytes keeps the key's cost at XXH64's speed: SHA-256 over
/// every byte was an eighth of a warm run's CPU.
///
/// A key does not vouch for its value: whoever can write to a shared cache can put anything under any
/// key, so a cache is only as trustworthy as its write access.
public struct CacheKey: Sendable, Hashable, CustomStringConvertible {
  public let hex: String

  public init(bytes: UnsafeRawBufferPointer, language: Language) {
    let first = ContentHash.xxh64(bytes)
    let second = ContentHash.xxh64(bytes, seed: 0x9E37_79B9_7F4A_7C15)
    var hash = SHA256()
    hash.update(
      "indexer-cache\u{0}\(CacheRecord.version)\u{0}\(IndexerVersion.current)\u{0}\(language.rawValue)\u{0}"
        + "\(bytes.count)\u{0}\(String(first, radix: 16))\u{0}\(String(second, radix: 16))")
    hex = hash.finish()
  }

  public init(bytes: [UInt8], language: Language) {
    self = bytes.withUnsafeBytes { CacheKey(bytes: $0, language: language) }
  }

  public var description: String { hex }
}
