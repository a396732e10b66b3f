/// Decides that a file is binary the way git and grep do: a NUL byte in its first 8 KiB.
public enum BinaryDetector {
  public static let sniffLength = 8192

  public static func isBinary(_ bytes: UnsafeRawBufferPointer) -> Bool {
    let n = min(bytes.count, sniffLength)
    guard n > 0, let base = bytes.baseAddress else { return false }
    return memchrNUL(base, n)
  }

  private static func memchrNUL(_ base: UnsafeRawPointer, _ n: Int) -> Bool {
    let p = base.assumingMemoryBound(to: UInt8.self)
    for i in 0..<n where p[i] == 0 { return true }
    return false
  }
}
