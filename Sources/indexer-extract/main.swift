#if canImport(Glibc)
  import Glibc
#endif
import IndexerCore

// The extraction worker: the one program that links the readers (swift-syntax among them), so that
// `indexer` and `indexer-mcp` start and answer queries without them. They run it from beside their own
// binary (`WorkerExecutable`), one per core, and feed it files on stdin; a reader that traps or hangs
// costs one file and this process, never the one holding the database.

if CommandLine.arguments.dropFirst().first == WorkerExecutable.serveArgument {
  ExtractionWorkerMain.serve()
}
let line = "indexer-extract: this is the indexer's extraction worker; `indexer index` and `indexer watch` start it — run those instead\n"
_ = line.withCString { write(2, $0, strlen($0)) }
exit(2)
