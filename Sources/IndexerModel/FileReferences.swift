/// Every identifier occurrence of one file outside strings and comments, grouped by name, each name's
/// positions in source order. `query refs` reads these; keeping them grouped makes a file's blob
/// a list of distinct names, which is also what the name-to-files table needs.
public struct FileReferences: Sendable, Hashable {
  public var names: [String]
  public var positions: [[SourcePosition]]

  public init(names: [String] = [], positions: [[SourcePosition]] = []) {
    precondition(names.count == positions.count, "every name needs its positions")
    self.names = names
    self.positions = positions
  }

  /// All occurrences, every name counted.
  public var count: Int { positions.reduce(0) { $0 + $1.count } }

  public var isEmpty: Bool { names.isEmpty }

  /// The positions of `name`, empty when the file never mentions it.
  public func positions(of name: String) -> [SourcePosition] {
    names.firstIndex(of: name).map { positions[$0] } ?? []
  }
}
