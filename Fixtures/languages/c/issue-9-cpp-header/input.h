#ifndef BOX_H
#define BOX_H
namespace geo {
template <typename T>
class Box {
 public:
  T width() const;
};
}  // namespace geo
#endif
