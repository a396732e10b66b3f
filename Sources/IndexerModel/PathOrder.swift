#if canImport(Glibc)
  import Glibc
#endif

/// Paths are ordered by their UTF-8 bytes everywhere: the walk lists files that way, the planner joins
/// the walk with the stored rows that way, and SQLite's BINARY collation agrees.
public enum PathOrder {
  /// Byte order of two paths with one `memcmp` (the generic `lexicographicallyPrecedes` on `UTF8View` was 6%
  /// of a no-change run); strings without contiguous bytes take the generic path.
  public static func precedes(_ a: String, _ b: String) -> Bool {
    let fast = a.utf8.withContiguousStorageIfAvailable { pa in
      b.utf8.withContiguousStorageIfAvailable { pb -> Bool in
        let n = min(pa.count, pb.count)
        let order = n == 0 ? 0 : memcmp(pa.baseAddress!, pb.baseAddress!, n)
        return order != 0 ? order < 0 : pa.count < pb.count
      }
    }
    if let fast, let result = fast { return result }
    return a.utf8.lexicographicallyPrecedes(b.utf8)
  }
}
