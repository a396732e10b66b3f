import IndexerModel

/// Which names a file's scopes may bind, as a Bloom filter: most uses a references or incoming-calls request
/// resolves are of a name the file does not bind (a function defined elsewhere), and scanning the file's
/// thousands of bindings to learn that was a fifth of an incoming-calls request on the Linux tree. "No" is
/// certain; "maybe" (about 3% of names the file does not bind) costs the scan it replaces.
struct BoundNameFilter {
  private var words: [UInt64]

  /// Eight bits per binding, two probes: a few kilobytes for a large C file.
  init(_ bindings: [FileScopes.Binding]) {
    words = [UInt64](repeating: 0, count: max(1, (bindings.count &* 8 + 63) / 64))
    for binding in bindings {
      let (first, second) = probes(binding.name)
      words[first >> 6] |= 1 << UInt64(first & 63)
      words[second >> 6] |= 1 << UInt64(second & 63)
    }
  }

  func mayBind(_ name: String) -> Bool {
    let (first, second) = probes(name)
    return words[first >> 6] & (1 << UInt64(first & 63)) != 0 && words[second >> 6] & (1 << UInt64(second & 63)) != 0
  }

  /// The memory it holds, for the memo's bound.
  var bytes: Int { words.count &* 8 }

  /// Two bit positions from one 64-bit FNV-1a hash of the name's bytes (its halves), each within the filter.
  private func probes(_ name: String) -> (Int, Int) {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in name.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    // FNV's high bits mix poorly for short names; a finalizer (SplitMix64's) spreads them over both halves.
    hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
    hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
    hash ^= hash >> 31
    let bits = UInt64(words.count) &* 64
    return (Int(truncatingIfNeeded: (hash & 0xffff_ffff) % bits), Int(truncatingIfNeeded: (hash >> 32) % bits))
  }
}
