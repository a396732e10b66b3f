import Foundation

/// A class with the usual members.
@available(macOS 13, *)
public final class Shape: CustomStringConvertible {
  public static let unit = 1, zero = 0
  private(set) var sides: Int
  var (width, height): (Double, Double) = (0, 0)
  lazy var area: Double = width * height

  public var description: String {
    let local = "\(sides) sides"  // a local, not a definition
    return local
  }

  init(sides: Int) {
    self.sides = sides
  }

  convenience init?(name: String) {
    self.init(sides: name.count)
  }

  deinit {}

  subscript(index: Int) -> Double {
    get { Double(index) }
    set {}
  }

  func scaled(
    by factor: Double,
    // a comment inside the signature
    around origin: (Double, Double) = (0, 0)
  ) async throws -> Shape {
    func helper() -> Int { 1 }
    return self
  }

  class func make() -> Shape { Shape(sides: 3) }

  struct Inner<T: Equatable> where T: Sendable {
    var value: T
    enum Mode: String { case fast = "f", slow }
  }
}

struct Point: Hashable {
  var x = 0.0
  var y = 0.0
}

enum Direction {
  case north, south
  case custom(angle: Double, label: String)
  indirect case nested(Direction)
}

actor Counter {
  private var count = 0
  func increment() -> Int {
    count += 1
    return count
  }
}

protocol Drawable {
  associatedtype Canvas
  var name: String { get }
  func draw(on canvas: Canvas)
}

extension Shape.Inner {
  func describe() -> String { "\(value)" }
}

extension Array where Element == Point {
  var centroid: Point { Point() }
}

typealias Callback = (Int) -> Void

@freestanding(expression)
public macro stringify<T>(_ value: T) -> (T, String) = #externalMacro(module: "M", type: "S")

infix operator <~> : ComparisonPrecedence

precedencegroup PipePrecedence {
  associativity: left
}

func <~> (lhs: Point, rhs: Point) -> Bool { lhs == rhs }

#if os(Linux)
func linuxOnly() {}
#else
func otherOnly() {}
#endif

let globalConstant = "not a keyword: class Fake {}"
var globalCounter: Int = 0
