/// SQLite GLOB patterns for the paths the store filters by.
enum PathGlob {
  /// `path` as a GLOB that matches only itself.
  static func literal(_ path: String) -> String {
    var out = ""
    for c in path {
      switch c {
      case "*", "?", "[": out += "[\(c)]"
      default: out.append(c)
      }
    }
    return out
  }
}
