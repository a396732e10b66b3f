package shapes;

/** Anything with an area. */
public interface Shape {
  double area();

  default String describe() {
    return "shape of area " + area();
  }
}
