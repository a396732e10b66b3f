#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Foundation
import IndexerModel

/// The result of walking a workspace: its source files in path order, and what was passed over with a note.
public struct WorkspaceScan: Sendable {
  public var files: [WorkspaceFile]
  public var notes: [WalkNote]
  /// Every folder entered, relative to the root ("" is the root): what a watcher must watch.
  public var directories: [String] = []
}

/// Walks a workspace with `readdir` and `stat`, honouring ignore rules, and lists its source files.
///
/// Measured faster than Foundation's `FileManager.enumerator` (see Benchmarks/walk.sh): it never builds
/// URLs, reads `d_type` instead of stat-ing folders, and stats only files whose extension is a language.
public struct WorkspaceScanner: Sendable {
  public let root: String
  public let options: WalkOptions
  /// The root with every symlink resolved, once: links are followed only while they stay inside it, and the
  /// watcher asks that of every file an event names.
  private let rootReal: String

  public init(root: String, options: WalkOptions = WalkOptions()) {
    self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    self.options = options
    self.rootReal = Self.realPath(self.root) ?? self.root
  }

  /// Checks that the root is a readable folder, with the error a user should see otherwise.
  public static func validateRoot(_ root: String) throws(WorkspaceError) {
    var st = stat()
    guard stat(root, &st) == 0 else {
      let code = errno
      if code == ENOENT || code == ENOTDIR { throw .rootNotFound(root) }
      throw .rootUnreadable(root, errno: code)
    }
    guard (st.st_mode & S_IFMT) == S_IFDIR else { throw .rootNotDirectory(root) }
    guard access(root, R_OK | X_OK) == 0 else { throw .rootUnreadable(root, errno: errno) }
  }

  public func scan() throws(WorkspaceError) -> WorkspaceScan {
    try scan(subtree: "")
  }

  /// Walks one folder below the root (relative path, "" for the whole tree) with the ignore rules of its
  /// ancestors in force: what a watcher does when a folder appears. An ignored folder yields nothing.
  public func scan(subtree: String) throws(WorkspaceError) -> WorkspaceScan {
    try Self.validateRoot(root)
    guard var ignores = ignoreStack(forDirectory: subtree) else { return WorkspaceScan(files: [], notes: []) }
    // The subtree's own ignore files are pushed by the walk; the stack holds its ancestors' only.
    if !subtree.isEmpty { ignores.popLast(ifBase: subtree) }
    let absolute = subtree.isEmpty ? root : root + "/" + subtree
    guard let ancestors = subtreeAncestors(subtree) else {
      return WorkspaceScan(files: [], notes: [])
    }
    if case .refused(let note) = ancestors { return WorkspaceScan(files: [], notes: [note]) }
    guard case .ancestors(let chain) = ancestors else { return WorkspaceScan(files: [], notes: []) }
    let first = FolderTask(absolute: absolute, relative: Array(subtree.utf8), ignores: ignores, ancestors: chain)
    // Folders are walked by two threads taking them from one queue: on a no-change run the walk is most
    // of the work, and most of its time is spent waiting in getdents and stat.
    let queue = FolderQueue(first)
    let workers = max(1, min(2, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
    let results = (0..<workers).map { _ in WorkerResult() }
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var state = WalkState(rootReal: rootReal, ignores: IgnoreStack(), skippedNames: options.skippedDirectoryNames)
      while let task = queue.next() {
        state.ignores = task.ignores
        state.ancestors = task.ancestors
        walk(absolute: task.absolute, relative: task.relative, state: &state)
        queue.finished(adding: state.children)
        state.children.removeAll()
      }
      results[worker].state = state
    }
    var files: [WorkspaceFile] = []
    var notes: [WalkNote] = []
    var directories: [String] = []
    for result in results {
      guard let state = result.state else { continue }
      files += state.files
      notes += state.notes
      directories += state.directories
    }
    Self.sortByPath(&files)
    notes.sort { $0.path < $1.path }
    directories.sort()
    return WorkspaceScan(files: files, notes: notes, directories: directories)
  }

  /// Sorts files by the bytes of their paths: the bytes are copied once into one buffer and only indexes
  /// move while sorting. Sorting the files themselves compared `String`s through closures and moved
  /// structs that hold references: 15% of a no-change run's instructions on python-stdlib.
  static func sortByPath(_ files: inout [WorkspaceFile]) {
    guard files.count > 1, files.count < Int(Int32.max) else { return }
    var arena: [UInt8] = []
    var starts: [Int] = []
    starts.reserveCapacity(files.count + 1)
    for file in files {
      starts.append(arena.count)
      arena += file.path.utf8
    }
    starts.append(arena.count)
    var order = (0..<Int32(files.count)).map { $0 }
    arena.withUnsafeBufferPointer { bytes in
      starts.withUnsafeBufferPointer { starts in
        order.sort { i, j in
          let (a, b) = (Int(i), Int(j))
          let (lengthA, lengthB) = (starts[a + 1] - starts[a], starts[b + 1] - starts[b])
          let n = min(lengthA, lengthB)
          let compared = n == 0 ? 0 : memcmp(bytes.baseAddress! + starts[a], bytes.baseAddress! + starts[b], n)
          return compared != 0 ? compared < 0 : lengthA < lengthB
        }
      }
    }
    files = order.map { files[Int($0)] }
  }

  /// The ignore rules in force inside a folder (its own ignore files included), or nil when the folder
  /// itself is skipped or ignored, so nothing under it belongs in the index.
  public func ignoreStack(forDirectory relative: String) -> IgnoreStack? {
    var stack = IgnoreStack(
      overrides: options.excludes.isEmpty
        ? nil : IgnoreFile(base: "", patterns: options.excludes.compactMap { IgnorePattern(line: Substring($0)) }))
    var current = ""
    let parts = relative.split(separator: "/").map(String.init)
    var index = 0
    while true {
      let absolute = current.isEmpty ? root : root + "/" + current
      for ignoreName in [".gitignore", ".ignore"] {
        if let text = Self.readSmallFile(absolute + "/" + ignoreName) { stack.push(IgnoreFile(base: current, text: text)) }
      }
      guard index < parts.count else { return stack }
      let name = parts[index]
      current = current.isEmpty ? name : current + "/" + name
      if options.skippedDirectoryNames.contains(name) || stack.isIgnored(path: Array(current.utf8), isDirectory: true) {
        return nil
      }
      index += 1
    }
  }

  /// Whether a single path (a file, or a folder when `isDirectory`) is left out by the rules of its folders.
  public func isIgnored(relativePath: String, isDirectory: Bool) -> Bool {
    let parent = relativePath.lastIndex(of: "/").map { String(relativePath[..<$0]) } ?? ""
    guard let stack = ignoreStack(forDirectory: parent) else { return true }
    let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
    if isDirectory && options.skippedDirectoryNames.contains(name) { return true }
    return stack.isIgnored(path: Array(relativePath.utf8), isDirectory: isDirectory)
  }

  private struct DirectoryIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
  }
  private enum SubtreeStart {
    case ancestors([DirectoryIdentity])
    case refused(WalkNote)
  }

  /// The folders from the root down to `subtree` (device + inode), as the full walk would have them when
  /// it reached it; nil when it is not a folder. Refused, with the full walk's note, when the path leaves
  /// the root through a symlink or is one of its own ancestors: a watcher that walked such a link would
  /// index the tree a second time (a link to `..`) or the whole disk (a link to `/`).
  private func subtreeAncestors(_ subtree: String) -> SubtreeStart? {
    var chain: [DirectoryIdentity] = []
    var current = root
    let parts = subtree.split(separator: "/").map(String.init)
    for i in 0...parts.count {
      if i > 0 { current += "/" + parts[i - 1] }
      var st = stat()
      guard stat(current, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { return nil }
      let identity = DirectoryIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
      if chain.contains(identity) {
        return .refused(WalkNote(path: subtree, message: "symlink loop: this folder is its own ancestor; not entered"))
      }
      chain.append(identity)
    }
    if !parts.isEmpty {
      guard let target = Self.realPath(current), Self.isInside(target, rootReal: rootReal) else {
        return .refused(WalkNote(path: subtree, message: "symlink points outside the workspace; not followed"))
      }
    }
    return .ancestors(chain)
  }

  static func isInside(_ target: String, rootReal: String) -> Bool {
    target == rootReal || target.hasPrefix(rootReal == "/" ? "/" : rootReal + "/")
  }

  /// One path as the walk would see it: a source file, not ignored, a regular file or a link to one inside
  /// the root, and reached through no folder that leaves the root; nil otherwise (the watcher's file events).
  static let nonUTF8NameMessage = "name is not valid UTF-8; not indexed (rename it to index it)"

  /// The walk's note for `relative` when it names, with its invalid bytes replaced (as an inotify event
  /// does), an entry of its folder whose name is not UTF-8 — nil when there is none now. The watcher asks
  /// this for an event's path that does not exist as written.
  public func nonUTF8NameNote(at relative: String) -> WalkNote? {
    let slash = relative.lastIndex(of: "/")
    let parent = slash.map { String(relative[..<$0]) } ?? ""
    guard let dir = opendir(parent.isEmpty ? root : root + "/" + parent) else { return nil }
    defer { closedir(dir) }
    while let ent = readdir(dir) {
      let (valid, repaired) = withUnsafePointer(to: &ent.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { (String(validatingCString: $0), String(cString: $0)) }
      }
      guard valid == nil, (parent.isEmpty ? repaired : parent + "/" + repaired) == relative else { continue }
      if ent.pointee.d_type != UInt8(DT_DIR), Language(fileName: repaired) == nil { return nil }
      return WalkNote(path: relative, message: Self.nonUTF8NameMessage)
    }
    return nil
  }

  public func file(at relative: String) -> WorkspaceFile? {
    let name = relative.split(separator: "/").last.map(String.init) ?? relative
    guard let language = Language(fileName: name), !isIgnored(relativePath: relative, isDirectory: false) else { return nil }
    let absolute = root + "/" + relative
    var st = stat()
    guard stat(absolute, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
    guard let target = Self.realPath(absolute), Self.isInside(target, rootReal: rootReal) else { return nil }
    // A file under a folder link that loops (`up -> ..`) is not in the walk's tree either.
    let parent = relative.lastIndex(of: "/").map { String(relative[..<$0]) } ?? ""
    if !parent.isEmpty, case .refused = subtreeAncestors(parent) { return nil }
    return WorkspaceFile(path: relative, language: language, stat: Self.signature(st))
  }

  private struct WalkState {
    var rootReal: String
    var ignores: IgnoreStack
    var skippedNames: Set<String>
    var files: [WorkspaceFile] = []
    var notes: [WalkNote] = []
    var directories: [String] = []
    /// The folders above the one being read (device + inode), to see symlink loops.
    var ancestors: [DirectoryIdentity] = []
    /// Subfolders found in the folder just read, for the queue.
    var children: [FolderTask] = []
  }

  /// A folder to read, with the ignore rules and ancestors in force there.
  private struct FolderTask {
    var absolute: String
    var relative: [UInt8]
    var ignores: IgnoreStack
    var ancestors: [DirectoryIdentity]
  }

  /// Holds one worker's findings until the walk ends (each worker writes only its own).
  private final class WorkerResult: @unchecked Sendable {
    var state: WalkState?
  }

  /// The folders still to read. A worker waits while the queue is empty but another worker may still add
  /// to it; the walk ends when the queue is empty and nobody is reading.
  private final class FolderQueue: @unchecked Sendable {
    private var tasks: [FolderTask]
    private var busy = 0
    private let condition = NSCondition()

    init(_ first: FolderTask) { tasks = [first] }

    func next() -> FolderTask? {
      condition.lock()
      defer { condition.unlock() }
      while tasks.isEmpty && busy > 0 { condition.wait() }
      guard let task = tasks.popLast() else { return nil }
      busy += 1
      return task
    }

    func finished(adding children: [FolderTask]) {
      condition.lock()
      tasks += children
      busy -= 1
      condition.broadcast()
      condition.unlock()
    }
  }

  private struct Entry {
    var name: String
    var type: UInt8
  }

  private func walk(absolute: String, relative: [UInt8], state: inout WalkState) {
    guard let dir = opendir(absolute) else {
      state.notes.append(WalkNote(path: display(relative), message: "cannot read folder: \(Errno.describe(errno))"))
      return
    }
    state.directories.append(String(decoding: relative, as: UTF8.self))
    var entries: [Entry] = []
    while let ent = readdir(dir) {
      let validName = withUnsafePointer(to: &ent.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(validatingCString: $0) }
      }
      guard let name = validName else {
        // Paths are stored as UTF-8 text: a name that is not UTF-8 cannot be stored or found again by its
        // bytes. Say so rather than drop it silently (a repaired name would name no file).
        let repaired = withUnsafePointer(to: &ent.pointee.d_name) {
          $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        if ent.pointee.d_type != UInt8(DT_DIR), Language(fileName: repaired) == nil { continue }
        var path = relative
        if !path.isEmpty { path.append(UInt8(ascii: "/")) }
        path.append(contentsOf: repaired.utf8)
        state.notes.append(WalkNote(path: display(path), message: Self.nonUTF8NameMessage))
        continue
      }
      if name == "." || name == ".." { continue }
      entries.append(Entry(name: name, type: ent.pointee.d_type))
    }
    // The folder stays open so files are stat-ed relative to it (fstatat): no path walk from / per file.
    let folder = dirfd(dir)
    defer { closedir(dir) }

    var pushed = 0
    let base = String(decoding: relative, as: UTF8.self)
    for ignoreName in [".gitignore", ".ignore"] where entries.contains(where: { $0.name == ignoreName }) {
      if let text = Self.readSmallFile(absolute + "/" + ignoreName) {
        state.ignores.push(IgnoreFile(base: base, text: text))
        pushed += 1
      }
    }
    defer { for _ in 0..<pushed { state.ignores.pop() } }

    for entry in entries {
      var path = relative
      if !path.isEmpty { path.append(UInt8(ascii: "/")) }
      path.append(contentsOf: entry.name.utf8)
      var type = entry.type
      if type == UInt8(DT_UNKNOWN) {
        var st = stat()
        guard fstatat(folder, entry.name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
        type = Self.direntType(st.st_mode)
      }
      switch type {
      case UInt8(DT_DIR):
        if state.skippedNames.contains(entry.name) || state.ignores.isIgnored(path: path, isDirectory: true) { continue }
        enterDirectory(absolute: absolute + "/" + entry.name, relative: path, state: &state)
      case UInt8(DT_REG):
        guard let language = Language(fileName: entry.name),
          !state.ignores.isIgnored(path: path, isDirectory: false)
        else { continue }
        var st = stat()
        guard fstatat(folder, entry.name, &st, 0) == 0 else { continue }
        state.files.append(WorkspaceFile(path: String(decoding: path, as: UTF8.self), language: language, stat: Self.signature(st)))
      case UInt8(DT_LNK):
        followLink(name: entry.name, absolute: absolute + "/" + entry.name, relative: path, state: &state)
      default:
        continue
      }
    }
  }

  /// Queues a subfolder unless it is one of its own ancestors (a symlink loop).
  private func enterDirectory(absolute: String, relative: [UInt8], state: inout WalkState) {
    var st = stat()
    guard stat(absolute, &st) == 0 else { return }
    let identity = DirectoryIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    guard !state.ancestors.contains(identity) else {
      state.notes.append(WalkNote(path: display(relative), message: "symlink loop: this folder is its own ancestor; not entered"))
      return
    }
    state.children.append(
      FolderTask(absolute: absolute, relative: relative, ignores: state.ignores, ancestors: state.ancestors + [identity]))
  }

  /// Follows a link only when its target stays inside the root; a loop ends that branch with a note.
  private func followLink(name: String, absolute: String, relative: [UInt8], state: inout WalkState) {
    var st = stat()
    guard stat(absolute, &st) == 0 else {
      if errno == ELOOP {
        state.notes.append(WalkNote(path: display(relative), message: "symlink loop; not followed"))
      }
      return  // A dangling link names nothing to index.
    }
    let isDirectory = (st.st_mode & S_IFMT) == S_IFDIR
    if !isDirectory && Language(fileName: name) == nil { return }
    guard let target = Self.realPath(absolute), Self.isInside(target, rootReal: state.rootReal) else {
      state.notes.append(WalkNote(path: display(relative), message: "symlink points outside the workspace; not followed"))
      return
    }
    if state.ignores.isIgnored(path: relative, isDirectory: isDirectory) { return }
    if isDirectory {
      if state.skippedNames.contains(name) { return }
      enterDirectory(absolute: absolute, relative: relative, state: &state)
    } else if (st.st_mode & S_IFMT) == S_IFREG, let language = Language(fileName: name) {
      state.files.append(WorkspaceFile(path: String(decoding: relative, as: UTF8.self), language: language, stat: Self.signature(st)))
    }
  }

  private func display(_ relative: [UInt8]) -> String {
    relative.isEmpty ? "." : String(decoding: relative, as: UTF8.self)
  }

  public static func signature(_ st: stat) -> StatSignature {
    #if canImport(Glibc)
      let mtime = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
    #else
      let mtime = Int64(st.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(st.st_mtimespec.tv_nsec)
    #endif
    return StatSignature(size: Int64(st.st_size), mtimeNanoseconds: mtime, inode: UInt64(st.st_ino))
  }

  private static func direntType(_ mode: mode_t) -> UInt8 {
    switch mode & S_IFMT {
    case S_IFDIR: UInt8(DT_DIR)
    case S_IFREG: UInt8(DT_REG)
    case S_IFLNK: UInt8(DT_LNK)
    default: UInt8(DT_UNKNOWN)
    }
  }

  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Reads an ignore file; ignore files over 1 MiB are not ignore files anyone wrote by hand.
  private static func readSmallFile(_ path: String) -> String? {
    guard let bytes = try? FileReader.read(path, limit: 1 << 20) else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }
}
