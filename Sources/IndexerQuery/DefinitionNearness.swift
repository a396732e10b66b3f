import IndexerModel

/// How near a definition is to the place that names it, for answers found by name (no rules reached the
/// use): the same file, then a container enclosing the use, then the same folder, then the same language,
/// then the most folders the two paths share (`nom/src/internal.rs` is nearer to `nom/src/branch/mod.rs`
/// than `clap/src/…` is). The one ranking go-to-definition's guesses and the SCIP export's references use.
public struct DefinitionNearness: Comparable, Sendable {
  private let tier: Int
  private let sharedFolders: Int

  /// `enclosing`: the qualified names of the definitions around the use, innermost first.
  public init(
    candidate: String, container: String, language: Language?, from path: String, enclosing: [String] = [], asking: Language? = nil
  ) {
    if candidate == path {
      tier = 0
    } else if !container.isEmpty && enclosing.contains(container) {
      tier = 1
    } else if Self.folder(of: candidate) == Self.folder(of: path) {
      tier = 2
    } else if language == asking {
      tier = 3
    } else {
      tier = 4
    }
    sharedFolders = Self.sharedFolders(candidate, path)
  }

  public static func < (a: Self, b: Self) -> Bool {
    a.tier != b.tier ? a.tier < b.tier : a.sharedFolders > b.sharedFolders
  }

  static func folder(of path: String) -> Substring {
    path[..<(path.lastIndex(of: "/") ?? path.startIndex)]
  }

  /// How many leading folders `a` and `b` have in common.
  static func sharedFolders(_ a: String, _ b: String) -> Int {
    let x = a.split(separator: "/").dropLast()
    let y = b.split(separator: "/").dropLast()
    var n = 0
    while n < x.count && n < y.count && x[x.startIndex + n] == y[y.startIndex + n] { n += 1 }
    return n
  }
}
