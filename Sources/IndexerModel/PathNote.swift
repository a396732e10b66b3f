/// A path the walk left out and why (a name that is not valid UTF-8, a folder it could not read). The index
/// keeps the last walk's notes so `stats` lists them after the run that printed them is long gone.
public struct PathNote: Sendable, Hashable, Codable {
  public var path: String
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }
}
