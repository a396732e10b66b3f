/// Why a file is in the database, or why it was left out. Stored as the raw value.
public enum FileStatus: String, Sendable, CaseIterable, Codable {
  /// Read and extracted.
  case indexed
  /// Read and extracted, but it was not valid UTF-8: invalid bytes were replaced (positions may drift).
  case lossyUTF8 = "lossy-utf8"
  /// Larger than `--max-file-size`.
  case tooLarge = "too-large"
  /// Past `--max-files` in path order.
  case overFileLimit = "over-file-limit"
  /// Would push the total past `--max-total-size` in path order.
  case overTotalSizeLimit = "over-total-size"
  /// A NUL byte in the first 8 KiB.
  case binary
  /// Could not be opened or read (permissions, vanished mid-run).
  case unreadable
  /// Its extractor crashed on it. Quarantined with its content hash: read again only when the content changes.
  case extractorCrash = "extractor-crash"
  /// Its extractor ran past the time budget and was stopped; quarantined like a crash.
  case extractorTimeout = "extractor-timeout"

  /// Whether the file's definitions are in the index.
  public var isIndexed: Bool { self == .indexed || self == .lossyUTF8 }

  /// Whether an unchanged stat lets the planner trust this status without reading the file.
  /// Limit decisions are re-made every run from the current limits, so they are never trusted.
  public var survivesUnchangedStat: Bool {
    switch self {
    case .indexed, .lossyUTF8, .binary, .extractorCrash, .extractorTimeout: true
    case .tooLarge, .overFileLimit, .overTotalSizeLimit, .unreadable: false
    }
  }
}
