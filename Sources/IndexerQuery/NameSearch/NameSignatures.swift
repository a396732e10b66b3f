/// Which names could match a query, 64 names at a time: per character class, per adjacent pair of characters
/// (hashed to 64 buckets) and per first hump initial, one bit for each name of the catalog.
///
/// The catalog's tiers past the prefix range read every name. Kept per name (a mask word each), a search read
/// 72 MB of masks, pairs and initials on a kernel tree's three million names for each tier: 60-140 ms for a
/// three-letter query such as `_VA` that needed the humps and substring passes. Kept per class, a query reads
/// only the bit slices of its own characters and pairs (375 KB each there) and ANDs them, and only the names
/// left are checked, as before. Slices by length let a tier ranked by length read its shortest names first
/// and stop once they fill the answer. It holds the same information as the masks: a name passes exactly when every
/// character class and pair bucket of the query is among its own.
struct NameSignatures {
  /// `NameCatalog.mask`'s classes: 26 letters (case folded), 10 digits, `_`, everything else.
  static let characterClasses = 38
  static let pairBuckets = 64
  /// Name lengths in bytes, in ascending ranges: 1–8, 9–12, 13–16, 17–24, 25–32, longer.
  static let lengthClasses = 6
  /// Slices: the character classes, then the pair buckets, then the first initial's classes, then the
  /// length classes.
  static let sliceCount = characterClasses + pairBuckets + characterClasses + lengthClasses

  /// The slices while names are added, one array each; `seal` moves them into `sealed`.
  private var building = [[UInt64]](repeating: [], count: sliceCount)
  /// The newest names' words, word by word (`sliceCount` words for each 64 names), moved onto the ends of
  /// `building`'s slices every `chunkNames` names: setting a bit through the array of slices checked both
  /// arrays' uniqueness each time, a sixth of loading a kernel tree's catalog.
  private var chunk: [UInt64] = []
  private var chunkStart = 0
  static let chunkNames = 4096
  /// Slice k is `sealed[k * wordCount ..< (k + 1) * wordCount]`: one array, read through one pointer.
  private var sealed: [UInt64] = []
  private(set) var count = 0

  /// How many words of 64 names each slice holds.
  var wordCount: Int { (count + 63) >> 6 }

  mutating func removeAll() {
    building = [[UInt64]](repeating: [], count: Self.sliceCount)
    chunk = []
    chunkStart = 0
    sealed = []
    count = 0
  }

  /// Adds the next name by its character mask, pair mask, first initial (0 when it has none) and length.
  mutating func append(mask: UInt64, pairMask: UInt64, firstInitial: UInt8, length: Int) {
    if count - chunkStart == Self.chunkNames || chunk.isEmpty { flushChunk() }
    let base = ((count - chunkStart) >> 6) * Self.sliceCount
    let bit: UInt64 = 1 << UInt64(count & 63)
    let lengthSlice = Self.lengthSlice(Self.lengthClass(length))
    chunk.withUnsafeMutableBufferPointer { words in
      Self.forEachSlice(mask: mask, pairMask: pairMask, firstInitial: firstInitial) { words[base + $0] |= bit }
      words[base + lengthSlice] |= bit
    }
    count += 1
  }

  /// Moves the chunk's words for the names added since the last move onto the ends of the slices, and
  /// starts an empty chunk.
  private mutating func flushChunk() {
    let words = (count - chunkStart + 63) >> 6
    if words > 0 {
      for k in building.indices {
        for w in 0..<words { building[k].append(chunk[w * Self.sliceCount + k]) }
      }
    }
    chunk = [UInt64](repeating: 0, count: (Self.chunkNames >> 6) * Self.sliceCount)
    chunkStart = count
  }

  /// Moves the slices into one array, one slice at a time (so the two forms are never both whole in memory).
  mutating func seal() {
    flushChunk()
    chunk = []
    sealed.removeAll()
    sealed.reserveCapacity(Self.sliceCount * wordCount)
    for k in building.indices {
      sealed.append(contentsOf: building[k])
      building[k] = []
    }
  }

  /// The slices a name with these masks has a bit in (a query's: the slices a name must have a bit in).
  static func slices(mask: UInt64, pairMask: UInt64, firstInitial: UInt8) -> [Int] {
    var found: [Int] = []
    forEachSlice(mask: mask, pairMask: pairMask, firstInitial: firstInitial) { found.append($0) }
    return found
  }

  /// Calls `body` with each slice of `slices(mask:pairMask:firstInitial:)`, without an array (a kernel tree
  /// adds three million names).
  @inline(__always) private static func forEachSlice(mask: UInt64, pairMask: UInt64, firstInitial: UInt8, _ body: (Int) -> Void) {
    var rest = mask
    while rest != 0 {
      let c = rest.trailingZeroBitCount
      rest &= rest - 1
      if c < characterClasses { body(c) }
    }
    rest = pairMask
    while rest != 0 {
      let p = rest.trailingZeroBitCount
      rest &= rest - 1
      body(characterClasses + p)
    }
    if firstInitial != 0 { body(characterClasses + pairBuckets + characterClass(firstInitial)) }
  }

  /// The length class of a name `length` bytes long.
  static func lengthClass(_ length: Int) -> Int {
    switch length {
    case ...8: 0
    case 9...12: 1
    case 13...16: 2
    case 17...24: 3
    case 25...32: 4
    default: 5
    }
  }

  /// The slice of the names of length class `c`.
  static func lengthSlice(_ c: Int) -> Int { characterClasses + pairBuckets + characterClasses + min(max(c, 0), lengthClasses - 1) }

  /// The character class of a byte: the bit `NameCatalog.mask` sets for it.
  static func characterClass(_ byte: UInt8) -> Int {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(byte - UInt8(ascii: "a"))
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(byte - UInt8(ascii: "A"))
    case UInt8(ascii: "0")...UInt8(ascii: "9"): 26 + Int(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "_"): 36
    default: 37
    }
  }

  /// Calls `body` with the index of each name among `words` (64 names each) that has a bit in every slice of
  /// `required` (`slices(mask:pairMask:firstInitial:)` of the query), in order. Before `seal`, none.
  func forEachCandidate(in words: Range<Int>, having required: [Int], _ body: (Int) -> Void) {
    let stride = wordCount
    guard !required.isEmpty, sealed.count == Self.sliceCount * stride else { return }
    let offsets = required.map { $0 * stride }
    sealed.withUnsafeBufferPointer { bits in
      for word in words.clamped(to: 0..<stride) {
        var candidates = UInt64.max
        for offset in offsets {
          candidates &= bits[offset + word]
          if candidates == 0 { break }
        }
        while candidates != 0 {
          let bit = candidates.trailingZeroBitCount
          candidates &= candidates - 1
          let index = word * 64 + bit
          if index < count { body(index) }
        }
      }
    }
  }
}
