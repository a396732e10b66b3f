/// Why a cache did not answer: the run warns once, stops asking it, and extracts locally.
public struct CacheFailure: Error, CustomStringConvertible, Sendable {
  public var description: String

  public init(_ description: String) {
    self.description = description
  }
}
