/// `file://` URIs for absolute paths (RFC 3986 percent-encoding of the path's bytes), shared by the front
/// ends that name files by URI (LSP, SCIP's project root).
public enum FileURI {
  public static func from(path: String) -> String {
    "file://" + percentEncoded(path)
  }

  public static func percentEncoded(_ path: String) -> String {
    // Most paths need no escape: returned as they are, not rebuilt a byte at a time (a call-hierarchy answer
    // names a URI per caller).
    if path.utf8.allSatisfy(isUnreserved) { return path }
    var out = ""
    let hex = Array("0123456789ABCDEF".utf8)
    for byte in path.utf8 {
      if isUnreserved(byte) {
        out.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
      }
    }
    return out
  }

  /// RFC 3986's unreserved bytes, and the path separator: written as they are.
  private static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
      UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
      true
    default: false
    }
  }

  /// nil when a `%` is not followed by two hex digits or the bytes are not UTF-8.
  public static func percentDecoded(_ text: Substring) -> String? {
    var bytes: [UInt8] = []
    var rest = Array(text.utf8)[...]
    while let byte = rest.popFirst() {
      guard byte == UInt8(ascii: "%") else {
        bytes.append(byte)
        continue
      }
      guard let high = rest.popFirst().flatMap(hexValue), let low = rest.popFirst().flatMap(hexValue) else { return nil }
      bytes.append(high << 4 | low)
    }
    return String(validating: bytes, as: UTF8.self)
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
