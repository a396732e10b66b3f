/// The shards given to `indexer merge`, checked to add up to one full run: each one a shard of the same
/// N, all N present once, built by the same indexer with the same options from the same tree.
package struct ShardSet: Sendable {
  package struct Member: Sendable {
    package var path: String
    package var index: Int
    package var count: Int
    package var provenance: IndexProvenance
  }

  /// In shard order.
  package let members: [Member]
  package let count: Int

  /// Why a set of files cannot be merged, in one line naming the file (or shard) at fault.
  package struct Refusal: Error, CustomStringConvertible, Sendable {
    package var description: String
  }

  /// Opens each file read-only (which checks that it is an index of this schema) and reads its `meta`.
  package static func open(_ paths: [String]) throws -> ShardSet {
    guard !paths.isEmpty else { throw Refusal(description: "no shards given: pass the files `indexer index --shard K/N --db F` wrote") }
    var members: [Member] = []
    for path in paths {
      let provenance = try IndexReader(connection: ReadOnlyConnection(path: path)).provenance()
      guard let mark = provenance.shard else {
        throw Refusal(description: "\(path) is not a shard: it was not built by `indexer index --shard K/N`")
      }
      let parts = mark.split(separator: "/")
      guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), index >= 1, index <= count else {
        throw Refusal(description: "\(path) has an unreadable shard mark '\(mark)': index that shard again")
      }
      members.append(Member(path: path, index: index, count: count, provenance: provenance))
    }
    return try ShardSet(members)
  }

  init(_ members: [Member]) throws(Refusal) {
    try Self.agree(members, on: "shard count", members.map { "\($0.count)" }) { "of N = \($0)" }
    try Self.agree(members, on: "indexer version", members.map { $0.provenance.indexerVersion ?? "unknown" }) { "by indexer \($0)" }
    try Self.agree(members, on: "options", members.map { $0.provenance.options ?? "unknown" }) { "with options \($0)" }
    try Self.agree(members, on: "tree", members.map { $0.provenance.rootIdentity ?? "unknown" }) { "from \($0)" }
    let count = members.first?.count ?? 0
    var byIndex: [Int: Member] = [:]
    for member in members {
      if let earlier = byIndex[member.index] {
        throw Refusal(description: "shard \(member.index)/\(count) is given twice: \(earlier.path) and \(member.path)")
      }
      byIndex[member.index] = member
    }
    let missing = (1...max(1, count)).filter { byIndex[$0] == nil }
    if !missing.isEmpty {
      let list = missing.prefix(8).map { "\($0)/\(count)" }.joined(separator: ", ") + (missing.count > 8 ? ", …" : "")
      throw Refusal(
        description: "shard\(missing.count == 1 ? "" : "s") \(list) \(missing.count == 1 ? "is" : "are") missing: a merge without "
          + "\(missing.count == 1 ? "it" : "them") would lack \(missing.count == 1 ? "its" : "their") files")
    }
    self.members = byIndex.keys.sorted().compactMap { byIndex[$0] }
    self.count = count
  }

  /// Every member has the same `value`; otherwise names the one that differs from the rest (the value
  /// fewest members have), or both when two disagree.
  private static func agree(_ members: [Member], on what: String, _ values: [String], _ phrase: (String) -> String) throws(Refusal) {
    guard let first = values.first, values.contains(where: { $0 != first }) else { return }
    var tally: [String: Int] = [:]
    for value in values { tally[value, default: 0] += 1 }
    let odd = tally.min { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }!.key
    let oddMember = members[values.firstIndex(of: odd)!]
    let usual = values.first { $0 != odd }!
    throw Refusal(
      description: "\(oddMember.path) was built \(phrase(odd)), the other shards \(phrase(usual)): every shard must be "
        + "indexed with the same \(what)")
  }
}
