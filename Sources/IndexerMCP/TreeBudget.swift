import Foundation

/// `depth`, `limit` and `max_chars` of a tool that answers with trees (callers, callees, types, impact), and
/// the node budget that makes its answer fit.
struct TreeBudget {
  let depth: Int
  let limit: Int
  let maxChars: Int

  /// About this many characters a node takes: the first budget tried is what `max_chars` holds of them.
  static let charactersPerNode = 300

  init(_ a: ToolArguments) throws(ToolFailure) {
    depth = try a.integer("depth", default: 1, range: 1...ToolCatalog.maxCallDepth)
    limit = try a.integer("limit", default: ToolCatalog.defaultLimit, range: 1...ToolCatalog.maxLimit)
    maxChars = try a.integer("max_chars", default: ToolCatalog.defaultMaxChars, range: ToolCatalog.minMaxChars...ToolCatalog.maxMaxChars)
  }

  /// The answer built with the largest budget (halving from what `max_chars` holds) that fits; at budget 1
  /// the answer is returned whatever its size.
  func fitting(_ answer: (_ budget: Int) throws -> Data) throws -> Data {
    var budget = max(1, min(limit, maxChars / Self.charactersPerNode))
    while true {
      let data = try answer(budget)
      if data.count <= maxChars || budget == 1 { return data }
      budget /= 2
    }
  }
}
