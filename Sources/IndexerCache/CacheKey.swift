import IndexerModel

/// The name of one file's extraction result in a shared cache: SHA-256 of the file's bytes together with
/// everything else the result depends on — the language the walk gave it (a `.h` is read as C or C++),
/// the indexer's version and the record format. 64 hex digits, the form bazel-remote accepts for `/ac/`.
public struct CacheKey: Sendable, Hashable, CustomStringConvertible {
  public let hex: String

  public init(bytes: UnsafeBufferPointer<UInt8>, language: Language) {
    var hash = SHA256()
    hash.update("indexer-cache\u{0}\(CacheRecord.version)\u{0}\(IndexerVersion.current)\u{0}\(language.rawValue)\u{0}")
    hash.update(bytes)
    hex = hash.finish()
  }

  public init(bytes: [UInt8], language: Language) {
    self = bytes.withUnsafeBufferPointer { CacheKey(bytes: $0, language: language) }
  }

  public var description: String { hex }
}
