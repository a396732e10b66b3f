#if canImport(Glibc)
  import Glibc
#endif
import CLinux
import IndexerModel
import IndexerStore

/// One extraction worker: a child process reading requests on its stdin and answering on its stdout.
///
/// Request: u32 language length, language, u32 byte count, bytes. Answer: one status byte (0 = the
/// encoded result follows, 1 = a message follows), u32 length, payload. The worker is started in its own
/// process group, so a Ctrl-C meant for the indexer does not kill it mid-file and get the file blamed.
/// `@unchecked Sendable`: the pool hands a worker to one thread at a time.
final class WorkerProcess: @unchecked Sendable {
  enum Answer {
    case result([UInt8])
    case failed(String)
    case crashed(String)
    case timedOut
    case cancelled
  }

  private let pid: pid_t
  private let requests: Int32
  private let answers: Int32
  private let diagnostics: Int32
  private var exited = false
  private var closed = false
  /// Decodes this worker's answers; used by the one thread that has the worker checked out.
  let decompressor = Zstd.Decompressor()

  private init(pid: pid_t, requests: Int32, answers: Int32, diagnostics: Int32) {
    self.pid = pid
    self.requests = requests
    self.answers = answers
    self.diagnostics = diagnostics
  }

  struct SpawnFailure: Error, CustomStringConvertible {
    var executable: String
    var code: Int32
    var description: String { "cannot start an extraction worker (\(executable)): \(String(cString: strerror(code)))" }
  }

  static func spawn(executable: String, arguments: [String]) throws(SpawnFailure) -> WorkerProcess {
    var input: [Int32] = [0, 0]
    var output: [Int32] = [0, 0]
    var errors: [Int32] = [0, 0]
    guard CLinux_pipeCloseOnExec(&input, 0) == 0 else { throw SpawnFailure(executable: executable, code: errno) }
    guard CLinux_pipeCloseOnExec(&output, 0) == 0 else {
      let code = errno
      close(input[0]); close(input[1])
      throw SpawnFailure(executable: executable, code: code)
    }
    guard CLinux_pipeCloseOnExec(&errors, 1) == 0 else {
      let code = errno
      for fd in input + output { close(fd) }
      throw SpawnFailure(executable: executable, code: code)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, input[0], 0)
    posix_spawn_file_actions_adddup2(&actions, output[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errors[1], 2)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

    // A crash's one-line reason is what the quarantine records; the runtime's full backtrace is noise.
    var environment = Self.environment()
    environment.append("SWIFT_BACKTRACE=enable=no")
    var pid: pid_t = 0
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup($0) } + [nil]
    defer {
      for p in argv { free(p) }
      for p in envp { free(p) }
    }
    let code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    close(input[0])
    close(output[1])
    close(errors[1])
    guard code == 0 else {
      close(input[1]); close(output[0]); close(errors[0])
      throw SpawnFailure(executable: executable, code: code)
    }
    return WorkerProcess(pid: pid, requests: input[1], answers: output[0], diagnostics: errors[0])
  }

  private static func environment() -> [String] {
    var result: [String] = []
    var p = environ
    while let entry = p.pointee {
      let text = String(cString: entry)
      if !text.hasPrefix("SWIFT_BACKTRACE=") { result.append(text) }
      p += 1
    }
    return result
  }

  /// Sends one file and waits for its answer at most `timeoutSeconds`; past that the worker is killed.
  /// `shouldStop` is asked ten times a second while waiting: a stop request kills the worker at once
  /// rather than waiting out a slow file.
  func extract(language: Language, bytes: [UInt8], timeoutSeconds: Double, shouldStop: () -> Bool) -> Answer {
    let name = Array(language.rawValue.utf8)
    do {
      try PipeIO.writeAll(requests, PipeIO.uint32(name.count) + name + PipeIO.uint32(bytes.count))
      try PipeIO.writeAll(requests, bytes)
    } catch {
      return .crashed(reapedReason())
    }
    let deadline = ContinuousClock.now + .milliseconds(Int64((timeoutSeconds * 1000).rounded(.up)))
    while !PipeIO.waitReadable(answers, milliseconds: 100) {
      let stop = shouldStop()
      if stop || ContinuousClock.now >= deadline {
        kill(pid, SIGKILL)
        _ = reapedReason()
        return stop ? .cancelled : .timedOut
      }
    }
    do {
      let status = try PipeIO.readExactly(answers, 1)[0]
      let length = try PipeIO.readUInt32(answers)
      let payload = try PipeIO.readExactly(answers, length)
      drainDiagnostics()
      return status == 0 ? .result(payload) : .failed(String(decoding: payload, as: UTF8.self))
    } catch {
      return .crashed(reapedReason())
    }
  }

  /// Why the worker ended: the runtime's "Fatal error" line, or the signal or status it ended with.
  private func reapedReason() -> String {
    var status: Int32 = 0
    if !exited {
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
      exited = true
    }
    let said = drainDiagnostics()
    let line = said.split(separator: "\n").first { $0.contains("Fatal error") || $0.contains("error:") }
      ?? said.split(separator: "\n").last
    let signal = status & 0x7F
    let how = signal != 0 ? "signal \(signal)" : "exit status \((status >> 8) & 0xFF)"
    if let line { return "extractor crashed (\(how)): " + line.trimmingCharacters(in: " \t") }
    return "extractor crashed (\(how))"
  }

  /// What the worker wrote to stderr so far (non-blocking); keeps the pipe from filling up.
  @discardableResult
  private func drainDiagnostics() -> String {
    var collected: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(diagnostics, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { break }
      if collected.count < 16_384 { collected += buffer[..<n] }
    }
    return String(decoding: collected, as: UTF8.self)
  }

  /// Closes the worker's stdin (it exits at end of input) and reaps it; kills it if it does not go.
  func terminate() {
    guard !closed else { return }
    closed = true
    close(requests)
    if !exited {
      var status: Int32 = 0
      // A worker exits within microseconds of its pipe closing: poll from 50 µs up, not 2 ms at once (a
      // no-change run waited 2 ms here for a worker that had long gone), within ~100 ms in all.
      var pause: UInt32 = 50
      var waited: UInt32 = 0
      while waited < 100_000 {
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid || (r < 0 && errno != EINTR) {
          exited = true
          break
        }
        usleep(pause)
        waited += pause
        pause = min(pause * 2, 2_000)
      }
      if !exited {
        kill(pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        exited = true
      }
    }
    close(answers)
    close(diagnostics)
  }

  deinit {
    terminate()
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in set: String) -> String {
    String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
  }
}
