package shapes;

public class Circle extends Base {
  public final double radius;

  public Circle(double radius) {
    super("circle");
    this.radius = radius;
  }

  @Override
  public double area() {
    return Geometry.PI * radius * radius;
  }

  public Circle grow(double by) {
    return new Circle(radius + by);
  }

  public Circle grow(double by, double limit) {
    return grow(Math.min(by, limit));
  }
}
