import IndexerModel

/// Text search over the files the index holds, for what symbols do not answer: strings, comments, docs.
extension QueryEngine {
  /// Files searched at most, whatever the glob: the walk's own limits already bound the tree.
  public static let textSearchFileLimit = 200_000

  /// The lines matching `query` in the indexed files (read from disk as they are now), in path and line order,
  /// at most `query.limit`; and how many files were searched.
  public func searchText(_ query: TextQuery) throws -> (matches: [TextMatch], filesSearched: Int) {
    guard let root else { return ([], 0) }
    let paths = try files(pathGlob: query.pathGlob, limit: Self.textSearchFileLimit)
      .filter { $0.status.isIndexed || $0.status == .extractorCrash || $0.status == .extractorTimeout }.map(\.path)
    let (matches, read) = try TextSearch.run(query, root: root, paths: paths)
    return (matches, read)
  }
}
