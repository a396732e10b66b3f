/// A file's tokens read through one accessor that answers an end-of-input token past either end, as a
/// lexer's `peek()` answers EOF: a reader that looks one token too far sees "nothing more", never a trap.
///
/// Every hand-written reader indexes tokens with positions it computed itself (`k + 1`, the token
/// after a matching bracket, the end of a range); with this type none of them can go out of bounds.
struct TokenList {
  private let storage: [CFamilyToken]
  /// What every index outside the tokens reads: kind `.end`, an empty span at the end of the input.
  let endOfInput: CFamilyToken

  init(_ tokens: [CFamilyToken], sourceCount: Int) {
    storage = tokens
    let last = tokens.last
    endOfInput = CFamilyToken(
      kind: .end, start: sourceCount, end: sourceCount, line: last?.endLine ?? 1, column: last?.endColumn ?? 1,
      endLine: last?.endLine ?? 1, endColumn: last?.endColumn ?? 1)
  }

  var count: Int { storage.count }
  var indices: Range<Int> { storage.indices }
  var all: [CFamilyToken] { storage }

  subscript(_ k: Int) -> CFamilyToken {
    k >= 0 && k < storage.count ? storage[k] : endOfInput
  }
}

/// The token indexes `from..<to`, empty when `to` is before `from`: readers compute both ends from the
/// input (an unclosed bracket, a statement cut short), and `Range` traps on reversed bounds.
func tokenRange(_ from: Int, _ to: Int) -> Range<Int> {
  from..<max(from, to)
}
