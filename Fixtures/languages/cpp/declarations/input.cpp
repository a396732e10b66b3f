namespace outer {
namespace inner {
template <typename T>
class Box : public Base<T> {
public:
  Box() : value_(0), other_{1} {}
  explicit Box(T v);
  ~Box();
  T get() const { return value_; }
  bool operator==(const Box &o) const;
  static int count;
private:
  T value_;
  enum class Mode : int { On, Off };
  struct Inner { int z; };
};
}
template <typename T>
Box<T>::Box(T v) : value_(v) {}
int inner::Box<int>::count = 0;
void free_fn(const std::string &s);
using Alias = std::vector<int>;
}
void outer::inner::helper() {}
int main(int argc, char **argv) { return 0; }
template <class K, class V>
struct Map {
  V &operator[](const K &key);
  operator bool() const;
};
template <class K, class V>
V &Map<K, V>::operator[](const K &key) { static V v; return v; }
class Derived final : public outer::inner::Box<int>, private Other {
  void run() override;
  virtual void pure() = 0;
  Derived(const Derived &) = delete;
};
const char *raw = R"(not a { brace)";
