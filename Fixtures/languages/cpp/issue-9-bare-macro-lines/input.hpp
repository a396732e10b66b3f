namespace absl {
ABSL_NAMESPACE_BEGIN

namespace internal {
struct EqualTo {};
}  // namespace internal

FMT_MODULE_EXPORT_BEGIN
template <typename T>
class Formatter {
  void format();
};

enum Color {
  RED,
  LAST
};

ABSL_NAMESPACE_END
}  // namespace absl
