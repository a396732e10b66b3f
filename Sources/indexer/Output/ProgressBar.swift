import IndexerCore

/// One line on a terminal's stderr, redrawn as batches commit: files done of total and read speed.
final class ProgressBar: Sendable {
  private let enabled: Bool

  init(enabled: Bool) { self.enabled = enabled }

  func update(_ p: IndexProgress) {
    guard enabled, p.filesTotal > 0 else { return }
    let width = 30
    let filled = min(width, p.filesDone * width / max(p.filesTotal, 1))
    let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
    let mbps = p.elapsedSeconds > 0 ? Double(p.bytesRead) / 1_048_576 / p.elapsedSeconds : 0
    FileHandleOutput.standardError(
      "\r[\(bar)] \(p.filesDone)/\(p.filesTotal) files  \(formatted(mbps)) MB/s\u{1B}[K")
  }

  func finish() {
    guard enabled else { return }
    FileHandleOutput.standardError("\r\u{1B}[K")
  }

  private func formatted(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }
}
