/// One part of a tree split across CI jobs: `--shard 3/8` indexes the files whose path hash falls in
/// part 3 of 8. The hash is of the relative path's bytes only, so every machine draws the same lines.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
  /// 1-based, as people number CI jobs.
  public let index: Int
  public let count: Int

  /// Enough for any CI matrix; a bound keeps `merge`'s bookkeeping small.
  public static let maxCount = 4096

  public init?(index: Int, count: Int) {
    guard count >= 1, count <= Self.maxCount, index >= 1, index <= count else { return nil }
    self.index = index
    self.count = count
  }

  /// `K/N`, or nil when the text is not two numbers with 1 ≤ K ≤ N ≤ 4096.
  public init?(parsing text: some StringProtocol) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy { ("0"..."9").contains($0) } }),
      let index = Int(parts[0]), let count = Int(parts[1])
    else { return nil }
    self.init(index: index, count: count)
  }

  public var description: String { "\(index)/\(count)" }

  /// Whether the file at `path` (relative, `/`-separated) belongs to this shard.
  public func contains(path: String) -> Bool {
    Int(Self.hash(path) % UInt64(count)) == index - 1
  }

  /// FNV-1a, 64 bits: fixed by its definition, unlike `Hasher`, which is seeded per process.
  static func hash(_ path: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in path.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
  }
}
