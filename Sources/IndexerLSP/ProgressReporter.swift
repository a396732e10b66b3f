import Foundation
import IndexerService
import Synchronization

/// Turns the embedded service's state into `$/progress` for clients that support work-done progress:
/// a `window/workDoneProgress/create` request first, `begin` once the client has answered it, `end` when
/// the index is ready — in that order whatever order the service and the client answer in.
final class ProgressReporter: Sendable {
  private struct Flow {
    var created = false
    var acknowledged = false
    var begun = false
    var ended = false
    var finalMessage: String?
  }

  static let token = "indexer-index"
  static let createRequestID = RequestID.string("indexer-progress-create")

  private let send: @Sendable (Data) -> Void
  private let enabled: Bool
  private let flow = Mutex(Flow())

  init(enabled: Bool, send: @escaping @Sendable (Data) -> Void) {
    self.enabled = enabled
    self.send = send
  }

  func stateChanged(_ state: ServiceState) {
    guard enabled else { return }
    var messages: [Data] = []
    flow.withLock { f in
      switch state {
      case .indexing:
        guard !f.created else { return }
        f.created = true
        messages.append(Self.encode(OutgoingRequest(id: Self.createRequestID, method: "window/workDoneProgress/create", params: WorkDoneProgressCreateParams(token: Self.token))))
      case .ready, .stopped, .external:
        guard f.created, !f.ended else { return }
        f.finalMessage = state.description
        if f.acknowledged { messages += Self.finish(&f) }
      }
    }
    messages.forEach(send)
  }

  /// The client answered the create request.
  func acknowledged() {
    var messages: [Data] = []
    flow.withLock { f in
      guard f.created, !f.acknowledged else { return }
      f.acknowledged = true
      f.begun = true
      messages.append(Self.encode(OutgoingNotification(
        method: "$/progress", params: ProgressParams(token: Self.token, value: WorkDoneProgressBegin(title: "indexer", message: "indexing the workspace")))))
      if f.finalMessage != nil { messages += Self.finish(&f) }
    }
    messages.forEach(send)
  }

  private static func finish(_ f: inout Flow) -> [Data] {
    f.ended = true
    return [encode(OutgoingNotification(method: "$/progress", params: ProgressParams(token: token, value: WorkDoneProgressEnd(message: f.finalMessage))))]
  }

  static func encode(_ value: some Encodable) -> Data {
    (try? JSONEncoder().encode(value)) ?? Data()
  }
}
