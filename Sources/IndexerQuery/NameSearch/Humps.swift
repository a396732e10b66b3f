/// The initials of a name's humps, lowered: the first letter or digit of each word, where words are split by
/// `_`, `.`, `-`, `$`, a lower-to-upper step (`getFoo`), the last capital of a run before a lower-case
/// letter (`XMLHttp` → `x`, `h`), and a letter-digit step. `getFooBar` → `gfb`, `task_struct` → `ts`,
/// `__init__` → `i`, `XMLHttpRequest` → `xhr`.
enum Humps {
  /// At most this many initials are kept: a query longer than that is not typed as initials.
  static let limit = 16

  static func initials(_ name: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    forEachInitial(name) { initial in
      out.append(initial)
      return out.count < limit
    }
    return out
  }

  /// The first eight initials in one word, the first in the high byte, without an array (the catalog
  /// computes it for each of millions of names).
  static func packed(_ name: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var word: UInt64 = 0
    var shift: UInt64 = 56
    forEachInitial(name) { initial in
      word |= UInt64(initial) << shift
      guard shift > 0 else { return false }
      shift -= 8
      return true
    }
    return word
  }

  /// Calls `body` with each initial, lowered, until it returns false.
  private static func forEachInitial(_ name: UnsafeBufferPointer<UInt8>, _ body: (UInt8) -> Bool) {
    var previous: UInt8 = UInt8(ascii: "_")
    for i in 0..<name.count {
      let c = name[i]
      guard isWordByte(c) else {
        previous = c
        continue
      }
      let next: UInt8 = i + 1 < name.count ? name[i + 1] : 0
      let starts =
        !isWordByte(previous)
        || (isUpper(c) && isLower(previous))
        || (isUpper(c) && isUpper(previous) && isLower(next))
        || (isDigit(c) != isDigit(previous))
      if starts, !body(NameBytes.lower(c)) { return }
      previous = c
    }
  }

  @inline(__always) private static func isUpper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
  @inline(__always) private static func isLower(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }
  @inline(__always) private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
  /// Letters, digits and every byte of a non-ASCII character; `_ . - $` and other punctuation split words.
  @inline(__always) private static func isWordByte(_ c: UInt8) -> Bool { isUpper(c) || isLower(c) || isDigit(c) || c >= 0x80 }
}
