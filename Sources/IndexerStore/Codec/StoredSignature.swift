/// How `symbol.signature` is stored: the symbol's own name, which nearly every signature spells
/// (`struct task_struct {`, `def open(self, path)`), is replaced by one 0x01 byte and put back on reading,
/// from the row's `name`. On a kernel tree that is 89 MB of the symbol table.
///
/// A signature that already holds a 0x01 byte, or starts with 0x02, is stored verbatim behind a 0x02
/// byte, so every signature reads back exactly as written.
enum StoredSignature {
  static let nameMark: UInt8 = 0x01
  static let verbatimMark: UInt8 = 0x02

  /// One array built in place: this runs for every symbol row written (4.4 million on a kernel tree), and
  /// copying the signature and name into arrays and concatenating three slices cost a second of the writer.
  static func encode(_ signature: String, name: String) -> [UInt8] {
    var (signature, name) = (signature, name)
    return signature.withUTF8 { bytes -> [UInt8] in
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count + 1)
      if bytes.contains(nameMark) || bytes.first == verbatimMark {
        out.append(verbatimMark)
        out += bytes
        return out
      }
      name.withUTF8 { needle in
        guard let start = firstIndex(of: needle, in: bytes) else {
          out += bytes
          return
        }
        out += UnsafeBufferPointer(rebasing: bytes[..<start])
        out.append(nameMark)
        out += UnsafeBufferPointer(rebasing: bytes[(start + needle.count)...])
      }
      return out
    }
  }

  static func decode(_ stored: UnsafeBufferPointer<UInt8>, name: String) -> String {
    if stored.first == verbatimMark { return String(decoding: UnsafeBufferPointer(rebasing: stored.dropFirst()), as: UTF8.self) }
    guard let mark = stored.firstIndex(of: nameMark) else { return String(decoding: stored, as: UTF8.self) }
    var result = String(decoding: UnsafeBufferPointer(rebasing: stored[..<mark]), as: UTF8.self)
    result += name
    result += String(decoding: UnsafeBufferPointer(rebasing: stored[(mark + 1)...]), as: UTF8.self)
    return result
  }

  private static func firstIndex(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let first = needle.first, haystack.count >= needle.count else { return nil }
    var i = 0
    while i <= haystack.count - needle.count {
      if haystack[i] == first && UnsafeBufferPointer(rebasing: haystack[i..<i + needle.count]).elementsEqual(needle) { return i }
      i += 1
    }
    return nil
  }
}
