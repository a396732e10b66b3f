/// Reading the types Swift source writes (`inout Foo<Int>?`, `[T]`, `(Database) throws -> T`) as far as
/// member lookup needs them, and the supertypes the SDK declares for the types a workspace only extends.
extension SwiftResolver {
  /// Supertypes of standard library and SDK types that workspaces commonly extend (`extension
  /// StringProtocol` serves a `String`; `extension XCTest` a test case's methods): their declarations are
  /// not in the workspace to say so.
  static let knownSupertypes: [String: [String]] = {
    let text = ["StringProtocol", "BidirectionalCollection", "Collection", "Sequence", "Comparable", "Hashable", "Equatable"]
    let integer = ["FixedWidthInteger", "BinaryInteger", "SignedInteger", "UnsignedInteger", "Numeric", "Comparable", "Hashable", "Equatable"]
    let float = ["BinaryFloatingPoint", "FloatingPoint", "Numeric", "Comparable", "Hashable", "Equatable"]
    var table: [String: [String]] = [
      "String": text, "Substring": text,
      "Array": ["RandomAccessCollection", "MutableCollection", "BidirectionalCollection", "Collection", "Sequence"],
      "ArraySlice": ["RandomAccessCollection", "MutableCollection", "BidirectionalCollection", "Collection", "Sequence"],
      "Dictionary": ["Collection", "Sequence"], "Set": ["SetAlgebra", "Collection", "Sequence"],
      "Double": float, "Float": float, "Bool": ["Hashable", "Equatable"],
      "XCTestCase": ["XCTest"],
    ]
    for name in ["Int", "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8", "UInt16", "UInt32", "UInt64"] { table[name] = integer }
    return table
  }()

  /// The parameter types of a written function type: `@escaping (Database, Int) throws -> T` is
  /// [`Database`, `Int`]; nil when the text is no function type.
  static func functionParameterTypes(_ written: String) -> [String]? {
    var text = Substring(written)
    while text.hasPrefix("@") {
      guard let space = text.firstIndex(of: " ") else { return nil }
      text = text[text.index(after: space)...]
    }
    guard text.first == "(", let arrow = text.range(of: "->") else { return nil }
    var depth = 0
    var close: Substring.Index?
    for i in text.indices where i < arrow.lowerBound {
      switch text[i] {
      case "(", "<", "[": depth += 1
      case ")", ">", "]":
        depth -= 1
        if depth == 0 && text[i] == ")" && close == nil { close = i }
      default: break
      }
    }
    guard let close else { return nil }
    var types: [String] = []
    var current = ""
    depth = 0
    for c in text[text.index(after: text.startIndex)..<close] {
      switch c {
      case "(", "<", "[": depth += 1
      case ")", ">", "]": depth -= 1
      default: break
      }
      if c == "," && depth == 0 {
        types.append(current.trimmingSpaces())
        current = ""
      } else {
        current.append(c)
      }
    }
    if !current.trimmingSpaces().isEmpty { types.append(current.trimmingSpaces()) }
    return types
  }

  /// `T` of `[T]`, `[T]?`, `Array<T>`, `Set<T>`, `ArraySlice<T>`; nil for anything else.
  static func elementType(_ written: String) -> String? {
    var text = Substring(written)
    while let last = text.last, last == "?" || last == "!" { text = text.dropLast() }
    if text.first == "[", text.last == "]" {
      let inner = text.dropFirst().dropLast()
      return inner.contains(":") ? nil : String(inner)
    }
    for generic in ["Array<", "Set<", "ArraySlice<", "ContiguousArray<"] where text.hasPrefix(generic) && text.last == ">" {
      return String(text.dropFirst(generic.count).dropLast())
    }
    return nil
  }

  /// The nominal type a written type denotes for member lookup: `Foo?`, `[Foo]!`-free, `some P`, `inout
  /// Foo`, `Foo<Int>` and `Outer.Inner<T>` lose the decoration; `[T]` is `Array`; empty for a tuple or a function.
  static func plainType(_ written: String) -> String {
    var text = Substring(written)
    for prefix in ["inout ", "some ", "any ", "borrowing ", "consuming ", "@escaping "] where text.hasPrefix(prefix) {
      text = text.dropFirst(prefix.count)
    }
    while let last = text.last, last == "?" || last == "!" { text = text.dropLast() }
    // `[T]` and `[K: V]` are the standard library's collections: known, and only their extensions are here.
    if text.first == "[" { return text.contains(":") ? "Dictionary" : "Array" }
    if let open = text.firstIndex(of: "<") { text = text[..<open] }
    guard let first = text.first, first.isLetter || first == "_" else { return "" }
    guard text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else { return "" }
    return String(text)
  }
}

extension String {
  /// Without leading and trailing spaces.
  fileprivate func trimmingSpaces() -> String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}

