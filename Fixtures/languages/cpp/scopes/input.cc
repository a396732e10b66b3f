#include "shapes.h"

using namespace geo;

static double total(const Shape& shape, int times) {
  double sum = 0;
  for (int i = 0; i < times; ++i) {
    sum += shape.area();
  }
  auto lambda = [&](int times) { return times * 2; };
  return sum + lambda(times);
}

int main() {
  Circle circle(2.0);
  auto shape = geo::make_circle(1.0);
  double a = circle.area() + shape->area();
  Point p = shape->origin;
  return static_cast<int>(total(circle, 3) + a + p.x + circle.radius());
}
