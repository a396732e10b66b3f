#if canImport(Glibc)
  import Glibc
#endif
import IndexerWorkspace

/// Recursive inotify watches over a workspace, translated into coalescer notices.
///
/// Owned by one thread (the service loop). Keeps its own wd → folder map, updated as folders appear,
/// vanish or move, so paths never go stale after a rename. New folders are watched and then reported
/// as changed, so the indexer walks them once: files created before their watch existed are not missed.
package final class InotifyWatcher {
  package let descriptor: Int32
  private let scanner: WorkspaceScanner
  private let cookiePrefix: String
  /// The folders a watch descriptor stands for: more than one when links reach one folder by two paths
  /// (the kernel gives one inode one descriptor), and every one of those paths must hear its events.
  private var folders: [Int32: [String]] = [:]
  private var watches: [String: Int32] = [:]
  private var buffer = [UInt8](repeating: 0, count: 256 * 1024)
  /// Set when `max_user_watches` ran out: the service falls back to periodic rescans.
  package private(set) var exhausted: WatchError?
  package private(set) var eventsSeen = 0
  /// The root itself was deleted or moved away (its own watch said so).
  package private(set) var rootGone = false

  package init(scanner: WorkspaceScanner, cookiePrefix: String) throws(WatchError) {
    self.descriptor = try Inotify.open()
    self.scanner = scanner
    self.cookiePrefix = cookiePrefix
  }

  deinit { close(descriptor) }

  package var watchCount: Int { watches.count }

  /// Watches these folders (relative to the root, "" for the root itself).
  package func watch(_ directories: [String]) {
    for folder in directories where watches[folder] == nil {
      let absolute = folder.isEmpty ? scanner.root : scanner.root + "/" + folder
      switch Inotify.addWatch(descriptor, path: absolute) {
      case .success(let wd):
        if !(folders[wd]?.contains(folder) ?? false) { folders[wd, default: []].append(folder) }
        watches[folder] = wd
      case .failure(let failure):
        if failure.code == ENOSPC && exhausted == nil {
          exhausted = .outOfWatches(directories: directories.count, limit: Inotify.maxUserWatches())
        }
      // ENOENT/ENOTDIR: the folder went away before its watch; its removal arrives as an event.
      }
    }
  }

  /// Watches a new folder and every folder below it. A folder created inside it between the walk that lists
  /// it and the watch on its parent raises no event and is in no list: walking again until no new folder
  /// appears closes that gap (`mkdir -p a/b/c` and a checkout of many new folders hit it under load).
  private func watchTree(_ path: String) {
    var known = -1
    var passes = 0
    while known != watches.count && passes < 8 {
      known = watches.count
      passes += 1
      guard let scan = try? scanner.scan(subtree: path) else { return }
      watch(scan.directories)
    }
  }

  /// Stops watching a folder and everything below it (it was deleted or moved away).
  private func unwatch(under folder: String) {
    let prefix = folder + "/"
    for (path, wd) in watches where path == folder || path.hasPrefix(prefix) || folder.isEmpty {
      watches[path] = nil
      folders[wd]?.removeAll { $0 == path }
      // The descriptor stays while another path still reaches the same folder.
      if folders[wd]?.isEmpty ?? true {
        folders[wd] = nil
        Inotify.removeWatch(descriptor, wd)
      }
    }
  }

  /// Reads every pending event and tells the coalescer what changed.
  package func drain(into coalescer: inout ChangeCoalescer, now: Int64) {
    for event in Inotify.read(descriptor, into: &buffer) {
      eventsSeen += 1
      if event.has(Inotify.overflow) {
        coalescer.needsRescan(at: now)
        continue
      }
      if event.has(Inotify.ignored) {
        for folder in folders[event.watch] ?? [] where watches[folder] == event.watch { watches[folder] = nil }
        folders[event.watch] = nil
        continue
      }
      for folder in folders[event.watch] ?? [] {
        handle(event, in: folder, coalescer: &coalescer, now: now)
      }
    }
  }

  private func handle(_ event: InotifyEvent, in folder: String, coalescer: inout ChangeCoalescer, now: Int64) {
    if event.name.isEmpty {
      // DELETE_SELF / MOVE_SELF of a watched folder: its parent reports the path; the root has none.
      if folder.isEmpty && (event.has(Inotify.deletedSelf) || event.has(Inotify.movedSelf)) {
        rootGone = true
        coalescer.needsRescan(at: now)
      }
      return
    }
    let path = folder.isEmpty ? event.name : folder + "/" + event.name
    if folder.isEmpty && event.name.hasPrefix(cookiePrefix) {
      if event.has(Inotify.created) || event.has(Inotify.movedTo) { coalescer.cookie(event.name, at: now) }
      return
    }
    if event.name == ".gitignore" || event.name == ".ignore" {
      coalescer.needsRescan(at: now)
      return
    }
    if event.has(Inotify.isDirectory) {
      if event.has(Inotify.created) || event.has(Inotify.movedTo) {
        watchTree(path)
      } else if event.has(Inotify.deleted) || event.has(Inotify.movedFrom) {
        unwatch(under: path)
      }
    } else if event.has(Inotify.deleted) || event.has(Inotify.movedFrom) {
      // A symlink to a folder is not a folder to inotify: if it was watched under this path, forget it.
      if watches[path] != nil { unwatch(under: path) }
    } else if event.has(Inotify.created) || event.has(Inotify.movedTo) {
      // A new symlink to a folder: watch what the walk would enter through it (none if it leaves the root or loops).
      var st = stat()
      if stat(scanner.root + "/" + path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { watchTree(path) }
    }
    coalescer.changed(path, at: now)
  }
}
