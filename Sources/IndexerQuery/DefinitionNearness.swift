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

  public static func folder(of path: String) -> Substring {
    path[..<(path.lastIndex(of: "/") ?? path.startIndex)]
  }

  /// How many leading folders `a` and `b` have in common, compared as bytes (the SCIP export asks this for
  /// every candidate of every name it guesses).
  static func sharedFolders(_ a: String, _ b: String) -> Int {
    let x = folder(of: a).utf8
    let y = folder(of: b).utf8
    guard !x.isEmpty && !y.isEmpty else { return 0 }
    var shared = 0
    var i = x.startIndex
    var j = y.startIndex
    while i != x.endIndex && j != y.endIndex && x[i] == y[j] {
      if x[i] == UInt8(ascii: "/") { shared += 1 }
      i = x.index(after: i)
      j = y.index(after: j)
    }
    // The last folder counts when both names end there (`a/b` and `a/b/c`, not `a/b` and `a/bc`).
    let xEnds = i == x.endIndex || x[i] == UInt8(ascii: "/")
    let yEnds = j == y.endIndex || y[j] == UInt8(ascii: "/")
    return xEnds && yEnds ? shared + 1 : shared
  }
}
