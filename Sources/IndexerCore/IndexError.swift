/// What can stop a run before the store is involved, in the library's words (the CLI adds what to type).
public enum IndexError: Error, CustomStringConvertible {
  /// The extraction worker process could not be started.
  case workerUnavailable(String)
  /// The caller asked the run to stop (a signal); every batch committed before that is kept.
  case cancelled

  public var description: String {
    switch self {
    case .workerUnavailable(let detail): detail
    case .cancelled: "stopped before the end; the batches committed so far are kept"
    }
  }
}
