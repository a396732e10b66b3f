import Foundation
import IndexerModel
import IndexerStore

/// Every occurrence of a name: the store lists the files its name-to-files data names, and each file's
/// reference blob and outline are read and placed here, in path order until the filter's limit.
enum OccurrenceSearch {
  static func references(_ filter: ReferenceFilter, on connection: ReadOnlyConnection) throws(StoreError) -> [ReferenceMatch] {
    try connection.inReadTransaction { () throws(StoreError) in
      guard let zstd = Zstd.Decompressor() else { throw .sqlite(path: connection.path, detail: "cannot allocate a zstd context") }
      // The filters are the query's: the store lists every file its name-to-files data names.
      let files = try connection.filesMentioning(name: filter.name, zstd: zstd).filter { file in
        (filter.languages.isEmpty || filter.languages.contains(file.language)) && (filter.pathGlob.map { PathGlob.matches($0, file.path) } ?? true)
      }
      let name = Array(filter.name.utf8)
      return try connection.withReferenceBlobs { blobs throws(StoreError) in
        let read = { (file: MentioningFile) throws(StoreError) -> StoredFileBlobs in try blobs.read(file) }
        guard let limit = filter.limit else {
          // Every file is printed: decoded on every core.
          let decoder = ParallelReferenceDecoder(name: name, workers: ProcessInfo.processInfo.activeProcessorCount, first: zstd)
          return try decoder.matches(of: files, read: read)
        }
        // Files in turn, reading none past the limit.
        let decoder = ParallelReferenceDecoder(name: name, workers: 1, first: zstd)
        var matches: [ReferenceMatch] = []
        for file in files where matches.count < limit {
          matches += try decoder.matches(of: [file], read: read).prefix(limit - matches.count)
        }
        return matches
      }
    }
  }
}
