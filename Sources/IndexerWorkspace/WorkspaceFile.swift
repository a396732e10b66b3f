import IndexerModel

/// A source file found by the walk: where it is (relative to the root, `/`-separated) and its stat.
public struct WorkspaceFile: Sendable, Hashable {
  public var path: String
  public var language: Language
  public var stat: StatSignature

  public init(path: String, language: Language, stat: StatSignature) {
    self.path = path
    self.language = language
    self.stat = stat
  }
}

/// A path the walk passed over for a reason the user should hear about (a symlink loop, a link out of the root).
public struct WalkNote: Sendable, Hashable {
  public var path: String
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }
}
