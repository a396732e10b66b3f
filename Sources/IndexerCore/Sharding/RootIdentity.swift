import Foundation

/// What makes two shards parts of the same tree: the commit the checkout is at (every CI job of a matrix
/// checks out the same one), else the root's absolute path.
enum RootIdentity {
  static func of(root: String) -> String {
    if let commit = GitHead.commit(root: root) { return "git " + commit }
    return "path " + root
  }
}

/// Reads the commit HEAD points at from the `.git` files themselves (no `git` process): a `.git`
/// folder or a worktree's `gitdir:` file, HEAD as a hash or a ref, the ref loose or in `packed-refs`.
enum GitHead {
  static func commit(root: String) -> String? {
    guard let gitDirectory = gitDirectory(root: root), let head = read(gitDirectory + "/HEAD") else { return nil }
    let line = head.trimmingCharacters(in: .whitespacesAndNewlines)
    guard line.hasPrefix("ref: ") else { return isHash(line) ? line : nil }
    let ref = String(line.dropFirst(5))
    guard !ref.contains(".."), ref.hasPrefix("refs/") else { return nil }
    // A worktree's own refs live in its folder; branches live in the common folder it names.
    var folders = [gitDirectory]
    if let common = read(gitDirectory + "/commondir")?.trimmingCharacters(in: .whitespacesAndNewlines), !common.isEmpty {
      folders.append(common.hasPrefix("/") ? common : gitDirectory + "/" + common)
    }
    for folder in folders {
      if let loose = read(folder + "/" + ref)?.trimmingCharacters(in: .whitespacesAndNewlines), isHash(loose) { return loose }
      if let packed = read(folder + "/packed-refs") {
        for entry in packed.split(separator: "\n") where entry.hasSuffix(" " + ref) {
          let hash = String(entry.prefix { $0 != " " })
          if isHash(hash) { return hash }
        }
      }
    }
    return nil
  }

  private static func gitDirectory(root: String) -> String? {
    var isFolder: ObjCBool = false
    let dotGit = root + "/.git"
    guard FileManager.default.fileExists(atPath: dotGit, isDirectory: &isFolder) else { return nil }
    if isFolder.boolValue { return dotGit }
    guard let text = read(dotGit), text.hasPrefix("gitdir: ") else { return nil }
    let target = text.dropFirst(8).trimmingCharacters(in: .whitespacesAndNewlines)
    return target.hasPrefix("/") ? target : root + "/" + target
  }

  /// SHA-1 or SHA-256 in lower-case hex.
  private static func isHash(_ text: String) -> Bool {
    (text.utf8.count == 40 || text.utf8.count == 64) && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
  }

  /// Small files only: HEAD and refs are a line; packed-refs of a huge repository stays under 64 MB.
  private static func read(_ path: String) -> String? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let size = attributes[.size] as? Int, size <= 64 << 20
    else { return nil }
    return try? String(contentsOfFile: path, encoding: .utf8)
  }
}
