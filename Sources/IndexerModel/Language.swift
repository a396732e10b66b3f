/// A source language the index knows, keyed by file extension.
///
/// The raw value is the name users type (`--lang python`) and the one stored in the database,
/// so it never changes once released.
public enum Language: String, Sendable, CaseIterable, Codable, Comparable {
  case swift
  case python

  /// The language of a file name, or nil for files the index does not read.
  public init?(fileName: some StringProtocol) {
    guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return nil }
    let ext = fileName[fileName.index(after: dot)...]
    switch ext {
    case "swift": self = .swift
    case "py", "pyi", "pyw": self = .python
    default: return nil
    }
  }

  public static func < (lhs: Language, rhs: Language) -> Bool { lhs.rawValue < rhs.rawValue }
}
