#include "shapes.h"

namespace geo {

Circle::Circle(double radius) : radius_(radius) {}

double Circle::area() const {
  double r = radius_;
  return 3.14159 * r * r;
}

std::unique_ptr<Shape> make_circle(double r) {
  auto circle = std::make_unique<Circle>(r);
  circle->origin.x = r;
  return circle;
}

}  // namespace geo
