/// The initials of a name's humps, lowered: the first letter or digit of each word, where words are split by
/// `_`, `.`, `-`, `$`, a lower-to-upper step (`getFoo`), the last capital of a run before a lower-case
/// letter (`XMLHttp` → `x`, `h`), and a letter-digit step. `getFooBar` → `gfb`, `task_struct` → `ts`,
/// `__init__` → `i`, `XMLHttpRequest` → `xhr`.
enum Humps {
  /// At most this many initials are kept: a query longer than that is not typed as initials.
  static let limit = 16

  static func initials(_ name: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
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
      if starts {
        out.append(NameBytes.lower(c))
        if out.count == limit { return out }
      }
      previous = c
    }
    return out
  }

  @inline(__always) private static func isUpper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
  @inline(__always) private static func isLower(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }
  @inline(__always) private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
  /// Letters, digits and every byte of a non-ASCII character; `_ . - $` and other punctuation split words.
  @inline(__always) private static func isWordByte(_ c: UInt8) -> Bool { isUpper(c) || isLower(c) || isDigit(c) || c >= 0x80 }
}
