/// Where an index lives on disk, spelled in one place: `<root>/.indexer/index.sqlite` unless `--db` says
/// otherwise, and the files beside a database — `.indexer/<name>` at the default location, `<db>.<suffix>`
/// for a database elsewhere, so two databases in one folder never share a lock or a socket.
public enum IndexLayout {
  /// The folder an index keeps in its workspace's root (the walk never reads it).
  public static let directoryName = ".indexer"
  public static let databaseName = "index.sqlite"

  /// The files beside a database, each with its name in `.indexer/` and its suffix elsewhere.
  public enum Companion: Sendable, CaseIterable {
    /// The writer lock every indexing run and the watcher hold.
    case lock
    /// The watcher's socket.
    case socket
    /// The watcher's log.
    case log
    /// A bulk build's database until it is renamed into place.
    case building
    /// A bulk build's side file of (name, file) runs.
    case buildingRuns

    var name: String {
      switch self {
      case .lock: "lock"
      case .socket: "indexer.sock"
      case .log: "indexer.log"
      case .building: "building.sqlite"
      case .buildingRuns: "building-runs.sqlite"
      }
    }

    var suffix: String {
      switch self {
      case .lock: "lock"
      case .socket: "sock"
      case .log: "log"
      case .building: "building"
      case .buildingRuns: "building-runs"
      }
    }
  }

  /// `<root>/.indexer/index.sqlite`.
  public static func defaultDatabase(root: String) -> String {
    (root.hasSuffix("/") ? root : root + "/") + directoryName + "/" + databaseName
  }

  /// Whether `database` is at a workspace's default location (it ends `/.indexer/index.sqlite`).
  public static func isDefaultLocation(_ database: String) -> Bool {
    database.hasSuffix("/" + directoryName + "/" + databaseName)
  }

  /// The path of `companion` beside `database`.
  public static func path(of companion: Companion, forDatabase database: String) -> String {
    isDefaultLocation(database)
      ? String(database.dropLast(databaseName.count)) + companion.name : database + "." + companion.suffix
  }
}
