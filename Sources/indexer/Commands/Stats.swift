import ArgumentParser
import IndexerModel
import IndexerQuery
import IndexerService
import Foundation

extension IndexerCommand {
  /// `indexer stats`: what the index holds, what it left out and why, and what it costs on disk.
  struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "stats",
      abstract: "Show files, symbols and references by language, statuses, skipped files with reasons, and sizes."
    )

    @Argument(help: ArgumentHelp("The workspace folder (as --root).", valueName: "path"))
    var path: String?

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let databasePath = try database.location(path: self.path).resolvedDatabase()
      let stats = try QueryEngine(databasePath: databasePath).statistics()
      let service = (try? ServiceClient(databasePath: databasePath)).flatMap { try? $0.serviceStatistics() }
      if output.json {
        print(Self.json(stats, service: service), terminator: "")
      } else {
        print(Self.text(stats, path: databasePath) + (service.map(Self.text(service:)) ?? ""), terminator: "")
      }
    }

    static func json(_ s: IndexStatistics, service: ServiceReport? = nil) -> String {
      var languages = JSONObject()
      for (language, count) in s.languages.sorted(by: { $0.key < $1.key }) {
        var o = JSONObject()
        o.add("files", count.files)
        o.add("symbols", count.symbols)
        o.add("references", count.references)
        languages.add(language.rawValue, raw: o.text)
      }
      var statuses = JSONObject()
      for (status, count) in s.statusCounts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
        statuses.add(status.rawValue, count)
      }
      let skipped = s.skipped.map { file -> String in
        var o = JSONObject()
        o.add("path", file.path)
        o.add("reason", file.reason.rawValue)
        o.add("message", file.message)
        return o.text
      }
      var o = JSONObject()
      o.add("files", s.files)
      o.add("symbols", s.symbols)
      o.add("references", s.references)
      o.add("languages", raw: languages.text)
      o.add("statuses", raw: statuses.text)
      o.add("skipped", raw: JSONObject.array(skipped))
      o.add("lossy", raw: JSONObject.array(s.lossy.map(JSONObject.quote)))
      let walkNotes = s.walkNotes.map { note -> String in
        var o = JSONObject()
        o.add("path", note.path)
        o.add("message", note.message)
        return o.text
      }
      o.add("leftOutByWalk", raw: JSONObject.array(walkNotes))
      o.add("dbBytes", s.databaseBytes)
      o.add("blobRawBytes", s.blobRawBytes)
      o.add("blobCompressedBytes", s.blobCompressedBytes)
      o.add("referenceBlobBytes", s.referenceBlobBytes)
      o.add("schemaVersion", s.schemaVersion)
      o.add("generation", s.generation)
      o.add("lastIndexTime", s.lastIndexTime)
      if !s.cache.isEmpty {
        var cache = JSONObject()
        for (key, value) in s.cache.sorted(by: { $0.key < $1.key }) { cache.add(key, Int(value)) }
        o.add("cache", raw: cache.text)
      }
      if !s.provenance.isEmpty {
        var origin = JSONObject()
        for (key, value) in s.provenance.sorted(by: { $0.key < $1.key }) { origin.add(key, value) }
        o.add("origin", raw: origin.text)
      }
      if let service { o.add("service", raw: String(WireCoding.line(service).dropLast())) }
      return o.text + "\n"
    }

    /// The running watcher's section: pid, watches, events, batches, latencies, memory, hot layer.
    static func text(service s: ServiceReport) -> String {
      func milliseconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        let tenths = Int(value * 10)
        return "\(tenths / 10).\(tenths % 10)"
      }
      let hot = s.hotLayer
      return """
        watcher        pid \(s.pid), \(s.watches) folders watched\(s.polling ? " (polling: out of watches)" : "")
        events         \(s.eventsSeen) seen, \(s.batches) batches (\(s.rescans) rescans), \(s.pendingPaths) paths pending
        latency        last \(milliseconds(s.lastLatencyMs)) ms, p50 \(milliseconds(s.p50LatencyMs)) ms, p95 \(milliseconds(s.p95LatencyMs)) ms (event to commit)
        memory         \(s.residentBytes) bytes resident\(s.sqliteBytes.map { ", \($0) of them SQLite's" } ?? "")
        hot layer      \(hot.hits) hits, \(hot.misses) misses, \(hot.evictions) evictions, \(hot.bytes) of \(hot.limit) bytes

        """
    }

    static func text(_ s: IndexStatistics, path: String) -> String {
      var lines: [String] = []
      lines.append("index          \(path)")
      lines.append("files          \(s.files) indexed")
      lines.append("symbols        \(s.symbols)")
      lines.append("references     \(s.references)")
      for (language, count) in s.languages.sorted(by: { $0.key < $1.key }) {
        lines.append("  \(language.rawValue.padding(12))\(count.files) files, \(count.symbols) symbols, \(count.references) references")
      }
      lines.append("statuses       " + s.statusCounts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))
      let ratio = s.blobCompressedBytes > 0 ? Double(s.blobRawBytes) / Double(s.blobCompressedBytes) : 0
      lines.append("database       \(s.databaseBytes) bytes")
      lines.append("outline blobs  \(s.blobRawBytes) bytes raw, \(s.blobCompressedBytes) compressed (\(Int(ratio * 10) / 10).\(Int(ratio * 10) % 10)x)")
      lines.append("reference blobs \(s.referenceBlobBytes) bytes compressed")
      lines.append("schema         version \(s.schemaVersion)")
      lines.append("generation     \(s.generation)")
      lines.append("last indexed   \(s.lastIndexTime ?? "never")")
      if let shard = s.provenance["shard"] {
        lines.append("shard          \(shard) of \(s.provenance["root_identity"] ?? "an unknown tree")")
      } else if let merged = s.provenance["merged_from"] {
        lines.append("merged from    \(merged) of \(s.provenance["root_identity"] ?? "an unknown tree")")
      }
      if !s.cache.isEmpty {
        let c = s.cache
        lines.append(
          "cache          \(c["hits"] ?? 0) hits, \(c["misses"] ?? 0) misses (\(c["invalid"] ?? 0) invalid values), "
            + "\(c["bytes_fetched"] ?? 0) bytes fetched, \(c["bytes_stored"] ?? 0) stored; down during \(c["failures"] ?? 0) runs")
      }
      if !s.skipped.isEmpty {
        lines.append("skipped        \(s.skipped.count) files")
        for file in s.skipped {
          lines.append("  \(file.path)  \(file.reason.rawValue)" + (file.message.map { ": \($0)" } ?? ""))
        }
      }
      if !s.walkNotes.isEmpty {
        lines.append("left out       \(s.walkNotes.count) paths the walk could not take in")
        for note in s.walkNotes { lines.append("  \(note.path)  \(note.message)") }
      }
      if !s.lossy.isEmpty {
        lines.append("lossy UTF-8    \(s.lossy.count) files (indexed with invalid bytes replaced)")
        for path in s.lossy { lines.append("  \(path)") }
      }
      return lines.joined(separator: "\n") + "\n"
    }
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
