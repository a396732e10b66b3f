/// What `indexer check` found wrong with one part of an index.
public struct IntegrityProblem: Sendable, Hashable {
  public enum Kind: String, Sendable {
    /// SQLite's own `quick_check` failed: damaged pages, or an index out of step with its table.
    case pages
    /// A file's outline blob does not decompress or decode, or disagrees with its symbol rows.
    case outline
    /// A file's reference blob does not decompress or decode, or disagrees with its count.
    case references
    /// The name-to-files table does not list exactly the names of a file's reference blob.
    case nameToFiles
    /// Rows that belong to no file.
    case orphans
  }

  public var kind: Kind
  /// The file concerned, relative to the root; nil for the database as a whole.
  public var path: String?
  public var detail: String

  public init(kind: Kind, path: String?, detail: String) {
    self.kind = kind
    self.path = path
    self.detail = detail
  }
}

public struct IntegrityReport: Sendable {
  public var problems: [IntegrityProblem] = []
  public var filesChecked = 0
  public var symbolsChecked = 0
  public var referencesChecked = 0

  public init() {}

  /// The files whose rows can be rebuilt by reading them again.
  public var damagedFiles: [String] { Array(Set(problems.compactMap(\.path))).sorted() }
  /// Damage that re-reading files cannot mend (pages, orphans).
  public var hasDatabaseDamage: Bool { problems.contains { $0.path == nil } }
}
