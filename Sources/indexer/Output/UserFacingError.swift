import IndexerModel
import IndexerCore
import IndexerService
import IndexerWatch
import IndexerWorkspace

/// An error the CLI prints as one line and exit status 2.
protocol UserFacingError: Error {
  var userMessage: String { get }
}

extension StoreError: UserFacingError {
  var userMessage: String {
    switch self {
    case .notFound: description + " — run `indexer index` first (or pass --db/--root)"
    case .notAnIndex: description + " — pass another --db, or delete it if it is an old file of ours"
    case .corrupt: description + " — run `indexer check --repair`, or delete it and run `indexer index` again"
    case .newerSchema: description + " — upgrade indexer, or delete the file to rebuild it"
    case .olderSchema: description + " — run `indexer index` to upgrade it"
    case .cannotCreate, .cannotLock: description + " — pass --db with a writable location"
    case .locked: description + " — wait for it to finish"
    case .writerLocked: description + " — stop it first; queries keep working meanwhile"
    case .corruptBlob: description + " — run `indexer check --repair` to re-read it"
    case .sqlite: description
    }
  }
}

extension WorkspaceError: UserFacingError {
  var userMessage: String {
    switch self {
    case .rootNotFound: description + " — pass the path of an existing workspace folder"
    case .rootNotDirectory: description + " — pass the workspace folder, not a file inside it"
    case .rootUnreadable: description + " — check its permissions"
    }
  }
}

/// Bad input caught by the CLI itself (an unknown --kind, a size that is not a size).
struct UsageError: UserFacingError {
  var userMessage: String
}

extension WatcherOrDatabase.Refusal: UserFacingError {
  var userMessage: String { message }
}

extension IndexError: UserFacingError {
  var userMessage: String { description }
}

extension WatchError: UserFacingError {
  var userMessage: String {
    switch self {
    case .outOfWatches(let directories, _):
      description + " — raise it with `sudo sysctl fs.inotify.max_user_watches=\(WatchError.suggestedWatchLimit(directories: directories))`; "
        + "until then the watcher rescans periodically (--poll-interval)"
    case .cannotInitialize, .cannotWatch, .rootGone: description
    }
  }
}
