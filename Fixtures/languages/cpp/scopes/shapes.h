#pragma once
#include <memory>

namespace geo {

struct Point {
  double x = 0;
  double y = 0;
};

class Shape {
 public:
  virtual ~Shape() = default;
  virtual double area() const = 0;
  Point origin;
};

class Circle : public Shape {
 public:
  explicit Circle(double radius);
  double area() const override;
  double radius() const { return radius_; }

 private:
  double radius_;
};

std::unique_ptr<Shape> make_circle(double r);

}  // namespace geo
