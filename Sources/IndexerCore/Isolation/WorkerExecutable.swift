#if canImport(Glibc)
  import Glibc
#endif

/// Where extraction workers come from: the program `indexer-extract`, installed beside `indexer` and
/// `indexer-mcp`. Only it links the readers, so the binaries that answer queries carry no swift-syntax
/// (smaller, and faster to start) and the MCP server's build does not compile it a second time.
public enum WorkerExecutable {
  public static let name = "indexer-extract"
  /// The argument that makes `indexer-extract` serve; without it the program explains itself and exits.
  public static let serveArgument = "--serve"

  /// Workers running the `indexer-extract` that sits beside this process's own binary. The file is opened
  /// now and run through that descriptor (`/proc/self/fd/N`), so a rebuild during a watch that lasts weeks
  /// cannot swap the program under it; the descriptor closes in each worker when it starts (`O_CLOEXEC`).
  public static func besideThisProgram(timeoutSeconds: Double) throws(IndexError) -> ExtractionIsolation {
    var buffer = [CChar](repeating: 0, count: 4096)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard length > 0 else { throw .workerUnavailable("cannot find this program at /proc/self/exe to start extraction workers — is /proc mounted?") }
    let own = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let folder = own.lastIndex(of: "/").map { String(own[..<$0]) } ?? "."
    let path = folder + "/" + name
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0, access(path, X_OK) == 0 else {
      throw .workerUnavailable(
        "cannot start extraction workers: \(path) is missing or not executable — install \(name) beside \(own) (make build-indexer builds both)")
    }
    return .workers(executable: "/proc/self/fd/\(descriptor)", arguments: [serveArgument], timeoutSeconds: timeoutSeconds)
  }
}
