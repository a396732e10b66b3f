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
    guard dot > 0, dot < name.count - 1 else { return nil }
    let ext = UnsafeBufferPointer(rebasing: name[(dot + 1)...])
    if ext.elementsEqual("swift".utf8) {
      self = .swift
    } else if ext.elementsEqual("py".utf8) || ext.elementsEqual("pyi".utf8) || ext.elementsEqual("pyw".utf8) {
      self = .python
    } else if ext.elementsEqual("go".utf8) {
      self = .go
    } else if ext.elementsEqual("java".utf8) {
      self = .java
    } else if ext.elementsEqual("rs".utf8) {
      self = .rust
    } else if ext.elementsEqual("js".utf8) || ext.elementsEqual("jsx".utf8) || ext.elementsEqual("mjs".utf8)
      || ext.elementsEqual("cjs".utf8)
    {
      self = .javascript
    } else if ext.elementsEqual("ts".utf8) || ext.elementsEqual("tsx".utf8) || ext.elementsEqual("mts".utf8)
      || ext.elementsEqual("cts".utf8)
    {
      self = .typescript
    } else if ext.elementsEqual("c".utf8) || ext.elementsEqual("h".utf8) {
      self = .c
    } else if ext.elementsEqual("cc".utf8) || ext.elementsEqual("cpp".utf8) || ext.elementsEqual("cxx".utf8)
      || ext.elementsEqual("c++".utf8) || ext.elementsEqual("C".utf8) || ext.elementsEqual("hh".utf8)
      || ext.elementsEqual("hpp".utf8) || ext.elementsEqual("hxx".utf8) || ext.elementsEqual("h++".utf8)
      || ext.elementsEqual("H".utf8) || ext.elementsEqual("inl".utf8) || ext.elementsEqual("ipp".utf8)
    {
      self = .cpp
    } else {
      return nil
    }
  }

  /// What joins a container and a name when printed: `Outer.Inner` in most languages, `ns::Class` in C and C++.
  public var scopeSeparator: String {
    self == .c || self == .cpp ? "::" : "."
  }

  public static func < (lhs: Language, rhs: Language) -> Bool { lhs.rawValue < rhs.rawValue }
}
