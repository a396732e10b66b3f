import IndexerCore
import IndexerService
import IndexerStore
import IndexerWatch
import IndexerWorkspace

/// An error the CLI prints as one line and exit status 2.
protocol UserFacingError: Error {
  var userMessage: String { get }
}

extension StoreError: UserFacingError {
  var userMessage: String { description }
}

extension WorkspaceError: UserFacingError {
  var userMessage: String { description }
}

/// Bad input caught by the CLI itself (an unknown --kind, a size that is not a size).
struct UsageError: UserFacingError {
  var userMessage: String
}

extension IndexError: UserFacingError {
  var userMessage: String { description }
}

extension LockFile.Failure: UserFacingError {
  var userMessage: String { description }
}

extension WatchError: UserFacingError {
  var userMessage: String { description }
}
