/// Python's module-to-file rules inside a workspace: `a.b` is `a/b.py` or the package `a/b/__init__.py`
/// under a source root, and a relative module (`..x`) starts from the importing file's package.
///
/// The source roots tried, in order: the folder above the importing file's top package (where Python
/// itself would have put it on `sys.path`), then each folder enclosing the file, nearest first. Paths
/// are the index's: relative to the workspace, `/`-separated.
struct PythonModules {
  /// Whether a path is a file of the index.
  let exists: (String) -> Bool

  /// A module found: its file when it has one (a namespace package has none), and its folder when it is a package.
  struct Module: Hashable {
    var file: String?
    var package: String?
  }

  func module(_ written: String, from importer: String) -> Module? {
    let dots = written.prefix { $0 == "." }.count
    let rest = written.dropFirst(dots)
    let parts = rest.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard !parts.contains(where: \.isEmpty) || rest.isEmpty else { return nil }
    if dots > 0 {
      var base = Self.folder(of: importer)
      for _ in 1..<dots {
        guard let up = Self.parent(of: base) else { return nil }
        base = up
      }
      return rest.isEmpty ? package(base) : find(parts, under: base)
    }
    for root in roots(for: importer) {
      if let found = find(parts, under: root) { return found }
    }
    return nil
  }

  /// The submodule `name` of a package folder.
  func submodule(_ name: String, of package: String) -> Module? {
    find([name], under: package)
  }

  private func find(_ parts: [String], under root: String) -> Module? {
    guard !parts.isEmpty else { return nil }
    let stem = Self.join(root, parts.joined(separator: "/"))
    if exists(stem + ".py") { return Module(file: stem + ".py", package: nil) }
    if exists(stem + ".pyi") { return Module(file: stem + ".pyi", package: nil) }
    return exists(stem + "/__init__.py") ? Module(file: stem + "/__init__.py", package: stem) : nil
  }

  private func package(_ folder: String) -> Module {
    let initFile = Self.join(folder, "__init__.py")
    return Module(file: exists(initFile) ? initFile : nil, package: folder)
  }

  private func roots(for importer: String) -> [String] {
    var ancestors: [String] = []
    var folder: String? = Self.folder(of: importer)
    while let f = folder {
      ancestors.append(f)
      folder = Self.parent(of: f)
    }
    // The top package's parent: climb while the folder is a package.
    var top = Self.folder(of: importer)
    while exists(Self.join(top, "__init__.py")), let up = Self.parent(of: top) { top = up }
    return [top] + ancestors.filter { $0 != top }
  }

  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return String(path[..<slash])
  }

  /// The enclosing folder; nil above the workspace root ("").
  static func parent(of folder: String) -> String? {
    folder.isEmpty ? nil : Self.folder(of: folder)
  }

  static func join(_ folder: String, _ name: String) -> String {
    folder.isEmpty ? name : folder + "/" + name
  }
}
