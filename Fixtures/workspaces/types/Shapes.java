interface Outline { double area(); }
abstract class Base implements Outline {}
class Circle extends Base implements Comparable<Circle> {
  public double area() { return 1; }
  public int compareTo(Circle o) { return 0; }
}
