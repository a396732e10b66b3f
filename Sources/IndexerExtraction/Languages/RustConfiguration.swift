/// Whether a `cfg(…)` predicate holds for the build resolution assumes: linux on x86_64 (unix, 64-bit
/// pointers, little-endian, SSE2), the features crates commonly turn on by default (`std`, `alloc`,
/// `use_std`, …; an optional feature such as `nightly` or `serde` is off), not a test, doc or miri build.
/// A name it does not know is unset, as rustc takes it.
struct RustConfiguration {
  let lex: CFamilyTokens

  init(_ lex: CFamilyTokens) {
    self.lex = lex
  }

  static let maximumDepth = 16

  /// The predicate inside the parentheses at `open` (`cfg(` … `)`).
  func holds(_ open: Int) -> Bool {
    let close = lex.matching(open)
    return predicate(open + 1, close, depth: 0) ?? true
  }

  /// `name`, `name = "value"`, `not(p)`, `any(p, …)`, `all(p, …)` in `from..<to`; nil when unreadable.
  private func predicate(_ from: Int, _ to: Int, depth: Int) -> Bool? {
    guard depth < Self.maximumDepth, from < to, lex.tokens[from].kind == .name else { return nil }
    let name = lex.text(from)
    if lex.isPunct(from + 1, "("), ["not", "any", "all"].contains(name) {
      let close = min(lex.matching(from + 1), to)
      var parts: [Bool] = []
      var start = from + 2
      var k = from + 2
      while k <= close {
        if k == close || lex.isPunct(k, ",") {
          if start < k, let part = predicate(start, k, depth: depth + 1) { parts.append(part) }
          start = k + 1
        }
        k = lex.isOpen(k) && k != close ? lex.matching(k) + 1 : k + 1
      }
      switch name {
      case "not": return parts.first.map { !$0 }
      case "any": return parts.contains(true)
      default: return !parts.contains(false)
      }
    }
    guard lex.isPunct(from + 1, "="), lex.tokens[from + 2].kind == .literal else { return Self.flags.contains(name) }
    let value = lex.unquoted(from + 2)
    switch name {
    case "feature": return Self.defaultFeatures.contains(value)
    case "target_os": return value == "linux"
    case "target_family": return value == "unix"
    case "target_arch": return value == "x86_64"
    case "target_pointer_width": return value == "64"
    case "target_endian": return value == "little"
    case "target_feature": return ["sse", "sse2", "fxsr"].contains(value)
    case "target_env": return value == "gnu"
    case "panic": return value == "unwind"
    default: return false
    }
  }

  private static let defaultFeatures: Set<String> = ["std", "alloc", "default", "use_std", "use_alloc", "std_rng"]
  private static let flags: Set<String> = ["unix", "debug_assertions", "target_thread_local"]
}
