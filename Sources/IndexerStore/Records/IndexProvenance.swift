/// Where an index came from, kept in `meta` by `index --shard` and `merge`: `merge` refuses to join parts
/// that disagree on any of these.
package struct IndexProvenance: Sendable, Equatable {
  /// `K/N` for a shard; nil for a whole index (a full run or a merge).
  package var shard: String?
  package var indexerVersion: String?
  /// The options that decide which files are indexed and how (limits, excludes, skipped folders).
  package var options: String?
  /// The commit (or path) of the tree the files came from.
  package var rootIdentity: String?
  /// For a merged index: how many shards it was made of.
  package var mergedFrom: String?

  package init(
    shard: String? = nil, indexerVersion: String? = nil, options: String? = nil, rootIdentity: String? = nil,
    mergedFrom: String? = nil
  ) {
    self.shard = shard
    self.indexerVersion = indexerVersion
    self.options = options
    self.rootIdentity = rootIdentity
    self.mergedFrom = mergedFrom
  }

  static let keys = ["shard", "indexer_version", "options", "root_identity", "merged_from"]

  /// The `meta` rows, nil for a key to delete.
  var rows: [(key: String, value: String?)] {
    [("shard", shard), ("indexer_version", indexerVersion), ("options", options), ("root_identity", rootIdentity), ("merged_from", mergedFrom)]
  }

  init(rows: [String: String]) {
    self.init(
      shard: rows["shard"], indexerVersion: rows["indexer_version"], options: rows["options"],
      rootIdentity: rows["root_identity"], mergedFrom: rows["merged_from"])
  }
}
