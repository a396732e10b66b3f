/// The entry point type.
public final class Application {
  public let name: String
  private var started = false

  public init(name: String) {
    self.name = name
  }

  public func run() {
    started = true
  }
}

extension Application: CustomStringConvertible {
  public var description: String { "Application(\(name))" }
}
