/// Path arithmetic for ranking candidates, on the UTF-8 bytes and without making strings: a resolver ranks
/// every candidate of every use (an incoming-calls request resolves a hundred uses against each of their
/// candidates), and splitting paths into arrays of substrings was a fifth of such a request.
enum PathParts {
  /// The last component (`foo.h` of `sub/foo.h`).
  static func lastComponent(_ path: String) -> Substring {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path[...] }
    return path[path.utf8.index(after: slash)...]
  }

  /// The last component up to its last dot (`foo` of `sub/foo.h`), the whole component when it has none.
  static func stem(_ path: String) -> Substring {
    let file = lastComponent(path)
    guard let dot = file.utf8.lastIndex(of: UInt8(ascii: ".")) else { return file }
    return file[..<dot]
  }

  /// How many folders apart two files are: the folders each is in below the folders they share (empty
  /// components, as in `a//b`, do not count).
  static func distance(_ a: String, _ b: String) -> Int {
    var x = Folders(a.utf8)
    var y = Folders(b.utf8)
    var apart = 0
    while true {
      switch (x.next(), y.next()) {
      case (nil, nil): return apart
      case (.some, nil), (nil, .some): apart += 1
      case (let p?, let q?):
        if apart == 0 && a.utf8[p].elementsEqual(b.utf8[q]) { continue }
        apart += 2
      }
    }
  }

  /// The folder components of a path, in order: each non-empty run of bytes ended by a `/`.
  private struct Folders {
    let bytes: String.UTF8View
    var at: String.UTF8View.Index

    init(_ bytes: String.UTF8View) {
      self.bytes = bytes
      at = bytes.startIndex
    }

    mutating func next() -> Range<String.UTF8View.Index>? {
      while at < bytes.endIndex {
        guard let slash = bytes[at...].firstIndex(of: UInt8(ascii: "/")) else {
          at = bytes.endIndex
          return nil
        }
        let start = at
        at = bytes.index(after: slash)
        if start < slash { return start..<slash }
      }
      return nil
    }
  }
}
