/// SQLite GLOB patterns for paths: the store filters definitions by them in SQL, and the query core filters
/// the files a name's occurrences are read from with `matches`, which follows SQLite's rules.
enum PathGlob {
  /// Whether `path` matches `pattern` as SQLite's GLOB has it: `*` any run (`/` too), `?` one character,
  /// `[abc]`, `[a-z]`, `[^…]` one of a set (`]` first is a member); case-sensitive; a set left open matches
  /// nothing. Iterative, with one backtracking point per `*`: no pattern can recurse or loop.
  static func matches(_ pattern: String, _ path: String) -> Bool {
    let p = Array(pattern.unicodeScalars)
    let s = Array(path.unicodeScalars)
    var i = 0
    var j = 0
    var star: (pattern: Int, path: Int)?
    while j < s.count {
      if i < p.count, p[i] == "*" {
        star = (i, j)
        i += 1
        continue
      }
      if i < p.count, let consumed = single(p, at: i, matches: s[j]) {
        i = consumed
        j += 1
        continue
      }
      // Back to the last `*`, which takes one character more.
      guard let last = star else { return false }
      star = (last.pattern, last.path + 1)
      i = last.pattern + 1
      j = last.path + 1
    }
    while i < p.count, p[i] == "*" { i += 1 }
    return i == p.count
  }

  /// Where the pattern goes on when its element at `i` (`?`, a set, or a character) matches `c`; nil when it
  /// does not (or the set is never closed).
  private static func single(_ p: [Unicode.Scalar], at i: Int, matches c: Unicode.Scalar) -> Int? {
    switch p[i] {
    case "?":
      return i + 1
    case "[":
      var k = i + 1
      var inverted = false
      if k < p.count, p[k] == "^" {
        inverted = true
        k += 1
      }
      var found = false
      if k < p.count, p[k] == "]" {
        found = c == "]"
        k += 1
      }
      var previous: Unicode.Scalar?
      while k < p.count, p[k] != "]" {
        if p[k] == "-", let low = previous, k + 1 < p.count, p[k + 1] != "]" {
          if low.value <= c.value && c.value <= p[k + 1].value { found = true }
          previous = nil
          k += 2
          continue
        }
        if p[k] == c { found = true }
        previous = p[k]
        k += 1
      }
      guard k < p.count else { return nil }  // no closing `]`
      return found != inverted ? k + 1 : nil
    default:
      return p[i] == c ? i + 1 : nil
    }
  }

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
