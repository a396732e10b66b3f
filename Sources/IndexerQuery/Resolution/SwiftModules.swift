/// SwiftPM's layout: a module is a folder under `Sources/` (or `Tests/`, `Plugins/`) named as the module.
enum SwiftModules {
  static let roots: Set<Substring> = ["Sources", "Tests", "Plugins"]

  /// The module `path` belongs to and its folder (with a trailing `/`); both empty outside that layout,
  /// where the whole workspace counts as one module.
  static func module(of path: String) -> (name: String, folder: String) {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count >= 3, let root = parts.dropLast(2).lastIndex(where: { roots.contains($0) }) else { return ("", "") }
    return (String(parts[root + 1]), parts[...(root + 1)].joined(separator: "/") + "/")
  }

  /// Whether `path` is under a folder named `module` (a target declared with a `path:` of its own).
  static func hasFolder(_ module: String, _ path: String) -> Bool {
    path.split(separator: "/").dropLast().contains { $0 == module }
  }

  /// The folder of module `name` as an import from `path` finds it: `Sources/<name>/` beside the importing
  /// file's own package root. An import of a submodule (`import A.B`) names module `A`.
  static func folder(ofModule name: String, from path: String) -> String {
    let module = name.split(separator: ".").first.map(String.init) ?? name
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    let root = parts.dropLast(2).lastIndex(where: { roots.contains($0) }).map { parts[..<$0].joined(separator: "/") } ?? ""
    return (root.isEmpty ? "" : root + "/") + "Sources/" + module + "/"
  }
}
