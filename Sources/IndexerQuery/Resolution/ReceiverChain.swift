/// What the readers write for a member's receiver (`a.b().c`), read back by the resolvers.
enum ReceiverChain {
  /// `name()()` → (`name`, 2): a link of a chain and how many times it is called.
  static func calls(_ part: String) -> (String, Int) {
    var name = Substring(part)
    var count = 0
    while name.hasSuffix("()") {
      name = name.dropLast(2)
      count += 1
    }
    return (String(name), count)
  }
}
