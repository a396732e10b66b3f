/// A source language the index knows, keyed by file extension.
///
/// The raw value is the name users type (`--lang python`) and the one stored in the database,
/// so it never changes once released.
public enum Language: String, Sendable, CaseIterable, Codable, Comparable {
  case swift
  case python
  case go
  case java
  case rust
  case javascript
  case typescript
  /// C, and `.h` headers (C, C++ and Objective-C headers share the extension; one reader handles all three).
  case c
  case cpp

  /// The language of a file name, or nil for files the index does not read.
  ///
  /// Works on the UTF-8 bytes: the walk asks this for every file in the tree (78,000 in Linux).
  public init?(fileName: String) {
    var name = fileName
    guard let language = name.withUTF8({ Language(extensionOf: $0) }) else { return nil }
    self = language
  }

  private init?(extensionOf name: UnsafeBufferPointer<UInt8>) {
    var dot = name.count - 1
    while dot > 0 && name[dot] != UInt8(ascii: ".") { dot -= 1 }
    guard dot > 0, dot < name.count - 1, name.count - dot - 1 <= 8 else { return nil }
    // The extension's bytes as one integer, compared with each known extension's: a chain of byte-sequence
    // compares against `String.UTF8View`s was 4% of a no-change run on a kernel tree.
    let key = Self.packed(UnsafeBufferPointer(rebasing: name[(dot + 1)...]))
    for (known, language) in Self.extensions where known == key {
      self = language
      return
    }
    return nil
  }

  /// Up to 8 bytes, little-endian; no extension holds a NUL, so lengths cannot collide.
  private static func packed(_ bytes: some Sequence<UInt8>) -> UInt64 {
    var key: UInt64 = 0
    for (i, byte) in bytes.enumerated() where i < 8 { key |= UInt64(byte) << (8 * UInt64(i)) }
    return key
  }

  private static let extensions: [(UInt64, Language)] = [
    ("swift", .swift), ("py", .python), ("pyi", .python), ("pyw", .python), ("go", .go), ("java", .java), ("rs", .rust),
    ("js", .javascript), ("jsx", .javascript), ("mjs", .javascript), ("cjs", .javascript),
    ("ts", .typescript), ("tsx", .typescript), ("mts", .typescript), ("cts", .typescript),
    ("c", .c), ("h", .c),
    ("cc", .cpp), ("cpp", .cpp), ("cxx", .cpp), ("c++", .cpp), ("C", .cpp), ("hh", .cpp), ("hpp", .cpp), ("hxx", .cpp),
    ("h++", .cpp), ("H", .cpp), ("inl", .cpp), ("ipp", .cpp),
  ].map { (suffix: String, language: Language) in (packed(suffix.utf8), language) }

  /// What joins a container and a name when printed: `Outer.Inner` in most languages, `ns::Class` in C and C++.
  public var scopeSeparator: String {
    self == .c || self == .cpp ? "::" : "."
  }

  public static func < (lhs: Language, rhs: Language) -> Bool { lhs.rawValue < rhs.rawValue }
}
