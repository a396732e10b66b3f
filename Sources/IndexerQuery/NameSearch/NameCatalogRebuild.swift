import CLinux
import Foundation
import IndexerModel
import IndexerStore

/// Builds a `NameCatalog` on a thread of its own for a long-running front end, so no search waits for the
/// whole catalog (seconds on a kernel tree) after the index moves on: the server starts one when it opens
/// the index, and a search that finds its catalog a generation behind answers from it and starts the next.
/// One build at a time; a search that has no catalog at all waits for the build under way.
///
/// `@unchecked Sendable`: its state is only touched with `condition` held, and a catalog built on the
/// background thread is handed over whole and never touched there again.
final class NameCatalogRebuild: @unchecked Sendable {
  private let databasePath: String
  private let condition = NSCondition()
  private var building = false
  private var built: (generation: Int64, catalog: NameCatalog)?

  init(databasePath: String) {
    self.databasePath = databasePath
  }

  /// Starts a build of the names as the index has them now, unless one is under way.
  func start() {
    condition.lock()
    defer { condition.unlock() }
    guard !building else { return }
    building = true
    let thread = Thread { [self] in
      _ = CLinux_niceThisThread(10)
      let catalog = NameCatalog()
      var generation: Int64?
      if let connection = try? ReadOnlyConnection(path: databasePath) {
        // One snapshot: the generation read is the one the names are from.
        generation = try? connection.inReadTransaction { () throws(StoreError) -> Int64 in
          let current = try connection.generation()
          try catalog.load(connection, generation: current)
          return current
        }
      }
      condition.lock()
      building = false
      if let generation, generation > (built?.generation ?? Int64.min) { built = (generation, catalog) }
      condition.broadcast()
      condition.unlock()
    }
    thread.name = "indexer-names"
    thread.start()
  }

  /// The newest catalog built since the last call (nil when none): with `waiting`, after the build under
  /// way finishes.
  func take(waiting: Bool) -> (generation: Int64, catalog: NameCatalog)? {
    condition.lock()
    defer { condition.unlock() }
    while waiting && building { condition.wait() }
    defer { built = nil }
    return built
  }
}
