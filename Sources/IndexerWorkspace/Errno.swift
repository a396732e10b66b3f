#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// errno as text, for the one-line messages users read.
public enum Errno {
  public static func describe(_ code: Int32) -> String {
    String(cString: strerror(code)).lowercased()
  }
}
