import ArgumentParser
import IndexerService
import IndexerWatch

extension IndexerCommand {
  /// `indexer watch [PATH]`: keep the index equal to the tree, and answer queries over a local socket.
  struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "watch",
      abstract: "Keep the index up to date as files change, and serve queries over PATH/.indexer/indexer.sock.",
      discussion: """
        Runs in the foreground (put it in the background with &, systemd or your editor); logs to stderr and
        to PATH/.indexer/indexer.log. `indexer query` uses it automatically while it runs. Stop it with
        Ctrl-C or SIGTERM: the batch in flight commits or rolls back whole, then the socket and lock go.
        """
    )

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("Flush a batch once the tree has been quiet this long.", valueName: "ms"))
    var settleMs = 30

    @Option(help: ArgumentHelp("Flush a batch when its oldest change is this old, quiet or not.", valueName: "ms"))
    var maxLatencyMs = 1000

    @Option(help: ArgumentHelp("At most this many paths per transaction.", valueName: "n"))
    var maxBatch = 2000

    @Option(help: ArgumentHelp("Seconds between rescans when inotify cannot watch every folder.", valueName: "seconds"))
    var pollInterval = 2.0

    @Option(help: ArgumentHelp("Memory for the hot layer of recent answers and outlines.", valueName: "MiB"))
    var hotCacheMb = 64

    @Option(help: ArgumentHelp("Hang up on a socket client that sends no request for this long.", valueName: "seconds"))
    var clientTimeout = 60.0

    func validate() throws {
      guard settleMs >= 0, maxLatencyMs >= 1, maxBatch >= 1, pollInterval > 0, hotCacheMb >= 0, clientTimeout > 0 else {
        throw ValidationError(
          "--settle-ms, --max-latency-ms, --max-batch, --poll-interval, --hot-cache-mb and --client-timeout must be positive")
      }
    }

    func run() throws {
      let options = ServiceOptions(
        index: try workspace.indexOptions(), settleMilliseconds: settleMs, maxLatencyMilliseconds: maxLatencyMs,
        maxBatch: maxBatch, pollIntervalSeconds: pollInterval, hotCacheBytes: hotCacheMb << 20,
        clientTimeoutSeconds: clientTimeout)
      do {
        try IndexService(options: options).run()
      } catch let gone as WatchError where gone == .rootGone(path: options.index.root) {
        // Nothing went wrong with the index: the tree it followed is gone. One line, exit 1.
        FileHandleOutput.standardError("indexer: \(gone.description)\n")
        throw ExitCode(1)
      }
    }
  }
}
