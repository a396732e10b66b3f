/// How a name matches what someone typed, in the order people mean it (the ranking clangd, VS Code and
/// Xcode's open-quickly share): the name itself, then a name it starts, then its humps' initials
/// (`gfb` → `getFooBar`, `ts` → `task_struct`), then a name holding it, and last one holding its letters
/// in order. Case is ignored everywhere but the first tier.
public enum NameTier: Int, Sendable, Comparable, CaseIterable {
  case exact
  case exactIgnoringCase
  case prefix
  case humps
  case substring
  case subsequence

  public static func < (a: NameTier, b: NameTier) -> Bool { a.rawValue < b.rawValue }

  /// The tiers of the names that start the query: contiguous in the catalog's NOCASE order, and read
  /// through the name index without the catalog.
  static let startingTiers: Set<NameTier> = [.exact, .exactIgnoringCase, .prefix]

  /// The first tier among `allowed` that `name` satisfies for `query` (both UTF-8; `lowered` is `query` with
  /// ASCII letters lowered), nil when none. A name satisfies every tier its match implies (an exact name
  /// also holds the query as a substring), so a search that leaves a tier out still finds its names in the
  /// next one it asks for. The catalog's indexes must agree with this on every name.
  static func of(
    _ name: UnsafeBufferPointer<UInt8>, query: [UInt8], lowered: [UInt8], matcher: FuzzyMatcher, allowed: Set<NameTier> = Set(allCases)
  ) -> NameTier? {
    if lowered.isEmpty { return nil }
    let startsWithQuery = NameBytes.hasPrefixIgnoringCase(name, lowered)
    for tier in allCases where allowed.contains(tier) {
      switch tier {
      case .exact: if name.count == query.count && name.elementsEqual(query) { return tier }
      case .exactIgnoringCase: if startsWithQuery && name.count == lowered.count { return tier }
      case .prefix: if startsWithQuery && name.count > lowered.count { return tier }
      case .humps: if Humps.initials(name).starts(with: lowered) { return tier }
      case .substring: if NameBytes.containsIgnoringCase(name, lowered) { return tier }
      case .subsequence: if matcher.score(bytes: name) != nil { return tier }
      }
    }
    return nil
  }
}

/// Byte comparisons that fold ASCII letters only, as SQLite's NOCASE does (the catalog is in NOCASE order).
enum NameBytes {
  @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
    byte >= 65 && byte <= 90 ? byte + 32 : byte
  }

  static func lowered(_ bytes: some Sequence<UInt8>) -> [UInt8] { bytes.map(lower) }

  /// Whether `bytes` is `lowered` with ASCII letters in any case.
  static func equalIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ lowered: [UInt8]) -> Bool {
    bytes.count == lowered.count && hasPrefixIgnoringCase(bytes, lowered)
  }

  static func hasPrefixIgnoringCase(_ name: UnsafeBufferPointer<UInt8>, _ lowered: [UInt8]) -> Bool {
    guard name.count >= lowered.count else { return false }
    for i in 0..<lowered.count where lower(name[i]) != lowered[i] { return false }
    return true
  }

  static func containsIgnoringCase(_ name: UnsafeBufferPointer<UInt8>, _ lowered: [UInt8]) -> Bool {
    guard let first = lowered.first, name.count >= lowered.count else { return lowered.isEmpty }
    var start = 0
    while start + lowered.count <= name.count {
      if lower(name[start]) == first {
        var i = 1
        while i < lowered.count && lower(name[start + i]) == lowered[i] { i += 1 }
        if i == lowered.count { return true }
      }
      start += 1
    }
    return false
  }

  /// NOCASE order: bytes compared with ASCII letters folded, then the shorter first.
  static func compareIgnoringCase(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Int {
    let n = min(a.count, b.count)
    for i in 0..<n {
      let (x, y) = (lower(a[i]), lower(b[i]))
      if x != y { return x < y ? -1 : 1 }
    }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
  }
}
