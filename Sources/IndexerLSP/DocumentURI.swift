import IndexerQuery

/// `file://` URIs to workspace-relative paths and back (RFC 3986 percent-encoding of the path's bytes).
struct DocumentURI {
  let root: String

  /// The workspace-relative path of a `file://` URI inside the root; nil for other schemes or outside paths.
  func relativePath(_ uri: String) -> String? {
    guard uri.hasPrefix("file://") else { return nil }
    var rest = Substring(uri.dropFirst("file://".count))
    // `file://host/path`: only the local host (empty or localhost) is ours.
    if !rest.hasPrefix("/") {
      guard let slash = rest.firstIndex(of: "/"), rest[..<slash] == "localhost" else { return nil }
      rest = rest[slash...]
    }
    guard let path = FileURI.percentDecoded(rest) else { return nil }
    let prefix = root.hasSuffix("/") ? root : root + "/"
    guard path.hasPrefix(prefix), path.count > prefix.count else { return nil }
    let relative = path.dropFirst(prefix.count)
    // `root/../elsewhere` is not inside the root: the server reads files it is asked about.
    guard !relative.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else { return nil }
    return String(relative)
  }

  func uri(forRelativePath path: String) -> String {
    FileURI.from(path: root + "/" + path)
  }
}
