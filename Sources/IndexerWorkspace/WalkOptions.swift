import IndexerModel

/// What the walk leaves out besides `.gitignore` and `.ignore`.
public struct WalkOptions: Sendable {
  /// gitignore-style globs from `--exclude`, applied relative to the root and never overridden by `!` rules in the tree.
  public var excludes: [String]
  /// Folder names never entered, wherever they are.
  public var skippedDirectoryNames: Set<String>

  public static let builtInSkips: Set<String> = [".git", IndexLayout.directoryName, ".build", "node_modules", ".hg", ".svn"]

  public init(excludes: [String] = [], skippedDirectoryNames: Set<String> = WalkOptions.builtInSkips) {
    self.excludes = excludes
    self.skippedDirectoryNames = skippedDirectoryNames
  }
}
