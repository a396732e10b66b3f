import Foundation
import IndexerQuery

/// `limit`, `offset` and `max_chars` of a listing tool: which slice to answer, and how much of it fits.
struct Page {
  let limit: Int
  let offset: Int
  let maxChars: Int

  init(_ a: ToolArguments) throws(ToolFailure) {
    limit = try a.integer("limit", default: ToolCatalog.defaultLimit, range: 1...ToolCatalog.maxLimit)
    offset = try a.integer("offset", default: 0, range: 0...Int(Int32.max))
    maxChars = try a.integer("max_chars", default: ToolCatalog.defaultMaxChars, range: ToolCatalog.minMaxChars...ToolCatalog.maxMaxChars)
  }

  /// How many results to fetch to answer this page and know whether another follows.
  var fetchLimit: Int { offset + limit + 1 }

  func slice<T>(_ all: [T]) -> ArraySlice<T> {
    guard offset < all.count else { return [] }
    return all[offset..<min(all.count, offset + limit)]
  }

  /// The page's items, as many as fit in `maxChars`; `more` says whether items follow the page. `total` is
  /// the exact number of items in all when it is known; `files` and `unresolved` are what else the answer
  /// may lack (see `LeftOut`). `complete` is true only when nothing was left out for any reason.
  func encode<Item: Encodable>(
    _ items: [Item], more: Bool, total: Int? = nil, files: [LeftOutFile] = [], unresolved: Int = 0
  ) throws -> Data {
    let (kept, truncated) = try Self.fitting(items, maxChars: maxChars)
    let next = truncated || more ? offset + kept.count : nil
    let counted = total ?? (more ? nil : offset + items.count)
    var leftOut = LeftOut()
    if next != nil { leftOut.items = counted.map { max(0, $0 - offset - kept.count) } ?? -1 }
    if !files.isEmpty { leftOut.files = files }
    if unresolved > 0 { leftOut.unresolved = unresolved }
    let complete = next == nil && files.isEmpty && unresolved == 0
    return try IndexTools.encode(
      PagedAnswer(
        items: kept, count: kept.count, total: counted, nextOffset: next, truncated: truncated, complete: complete,
        leftOut: complete ? nil : leftOut))
  }

  /// The longest prefix of `items` whose JSON stays under `maxChars` (with room for the envelope).
  static func fitting<Item: Encodable>(_ items: [Item], maxChars: Int) throws -> (kept: [Item], truncated: Bool) {
    var used = 100
    var kept: [Item] = []
    for item in items {
      let size = try IndexTools.encode(item).count + 1
      if used + size > maxChars { return (kept, true) }
      used += size
      kept.append(item)
    }
    return (kept, false)
  }
}
