package demo;

import java.util.List;
import java.util.function.Function;
import shapes.Circle;
import shapes.Geometry.Point;
import static shapes.Geometry.area;
import shapes.*;

class Main<T extends Shape> {
  private int count;
  private final List<T> items;

  Main(List<T> items) {
    this.items = items;
  }

  enum Mode { FAST, SLOW }

  record Pair(Circle left, Shape right) {}

  int total(List<Circle> circles, Mode mode) {
    int sum = 0;
    for (Circle c : circles) {
      sum += (int) c.area();
      String label = c.name();
    }
    for (int i = 0; i < count; i++) {
      int count = i;
      sum += count;
    }
    Circle big = new Circle(2.0).grow(1.0);
    var bigger = big.grow(1.0, 3.0);
    double r = bigger.radius;
    Function<Circle, Double> f = circle -> circle.area() + r;
    Shape anon = new Shape() {
      public double area() { return count; }
    };
    try (var reader = new java.io.StringReader("x")) {
      reader.read();
    } catch (java.io.IOException | RuntimeException e) {
      e.printStackTrace();
    }
    Object o = big;
    if (o instanceof Circle found) {
      sum += (int) found.radius;
    }
    Point p = new Point();
    p.x = Helper.twice(p.y, 2) + Helper.twice(sum);
    Pair pair = new Pair(big, anon);
    double a = area(pair.left()) + ((Circle) pair.right()).radius;
    this.count = mode == Mode.FAST ? 1 : 2;
    return sum + (int) Geometry.PI + big.scaled(2.0).name().length();
  }
}
