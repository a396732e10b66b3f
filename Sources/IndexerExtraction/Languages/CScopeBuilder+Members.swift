import IndexerModel

/// The member uses of a C or C++ file: each name after `.`/`->` with the chain before it, each name after
/// `::` with its qualifier, each tag after `struct`/`union`/`enum` (`@tag`), each label after `goto` (`@label`).
extension CScopeBuilder {
  mutating func readMembers() {
    for k in 1..<max(1, tokens.count) where tokens[k].kind == .name {
      // Only a name after `:`, `.`, `>` or one of four words is a member, a tag or a label.
      let before = byte(k - 1)
      guard before == UInt8(ascii: ":") || before == UInt8(ascii: ".") || before == UInt8(ascii: ">")
        || (before == 0 && tokens[k - 1].kind == .name)
      else { continue }
      let at = position(k)
      if lex.isPunct(k - 1, ":"), lex.isPunct(k - 2, ":"), tokens[k - 1].start == tokens[k - 2].end {
        result.members.append(FileScopes.Member(position: at, receiver: "::" + qualifierText(endingAt: k - 3)))
        continue
      }
      if lex.isWord(k - 1, "goto") {
        // Labels are names of their own: only a `goto` means one.
        result.members.append(FileScopes.Member(position: at, receiver: "@label"))
        continue
      }
      if lex.isWord(k - 1, "struct") || lex.isWord(k - 1, "union") || lex.isWord(k - 1, "enum") {
        // A tag: C looks it up among tags only (`struct s` and a typedef `s` are two things).
        if !lex.isPunct(k + 1, "{") && !lex.isPunct(k + 1, ":") { result.members.append(FileScopes.Member(position: at, receiver: "@tag")) }
        continue
      }
      let arrow = lex.isPunct(k - 1, ">") && lex.isPunct(k - 2, "-") && tokens[k - 1].start == tokens[k - 2].end
      guard arrow || (lex.isPunct(k - 1, ".") && !lex.isPunct(k - 2, ".")), !memberPositions.contains(at) else { continue }
      result.members.append(FileScopes.Member(position: at, receiver: receiverText(endingAt: arrow ? k - 3 : k - 2)))
    }
  }

  /// `a::b` ending at token `k` (the qualifier of a name after `::`), template arguments dropped; empty
  /// for the global namespace.
  private func qualifierText(endingAt last: Int) -> String {
    var parts: [String] = []
    var k = last
    while parts.count < 12 {
      if lex.isPunct(k, ">") {
        // `A<T>::b`: the template's name.
        var depth = 0
        var m = k
        while m > 0 {
          if lex.isPunct(m, ">") { depth += 1 }
          if lex.isPunct(m, "<") {
            depth -= 1
            if depth == 0 { break }
          }
          if lex.isPunct(m, ";") || lex.isPunct(m, "{") || lex.isPunct(m, "}") { return "" }
          m -= 1
        }
        k = m - 1
      }
      guard k >= 0, tokens[k].kind == .name else { break }
      parts.append(lex.text(k))
      guard lex.isPunct(k - 1, ":"), lex.isPunct(k - 2, ":") else { break }
      k -= 3
    }
    return parts.reversed().joined(separator: "::")
  }

  /// The chain ending at token `k` before a `.`/`->`: `a.b`, `f()`, `a[]`, `this`; empty for anything else.
  private func receiverText(endingAt last: Int) -> String {
    var parts: [String] = []
    var k = last
    while parts.count < 12 {
      var suffix = ""
      while k >= 0, k < openers.count, openers[k] >= 0, lex.isPunct(k, ")") || lex.isPunct(k, "]") {
        let opener = Int(openers[k])
        if lex.isPunct(k, ")") {
          // `(*p).x`, `(p)->x`: the name inside.
          if tokens[opener - 1].kind != .name || lex.isOneOf(opener - 1, Self.statementWords) {
            let inner = tokenRange(opener + 1, k).filter { tokens[$0].kind == .name }
            guard inner.count == 1, parts.isEmpty, suffix.isEmpty else { return "" }
            return lex.text(inner[0])
          }
          suffix = "()" + suffix
        } else {
          suffix = "[]" + suffix
        }
        k = opener - 1
      }
      guard k >= 0, tokens[k].kind == .name else { return "" }
      var name = lex.text(k)
      // `ns::f().x`: the qualified callee.
      var m = k
      while lex.isPunct(m - 1, ":"), lex.isPunct(m - 2, ":"), tokens[m - 3].kind == .name {
        name = lex.text(m - 3) + "::" + name
        m -= 3
      }
      parts.append(name + suffix)
      if lex.isPunct(m - 1, "."), !lex.isPunct(m - 2, ".") {
        k = m - 2
      } else if lex.isPunct(m - 1, ">"), lex.isPunct(m - 2, "-") {
        k = m - 3
      } else {
        break
      }
    }
    return parts.count < 12 ? parts.reversed().joined(separator: ".") : ""
  }
}
