namespace Eigen {
struct selector {
  static void run(int n) {
    typedef typename Traits::Type ActualLhs;
    using Block = Matrix<float>;
    int local = n;
    struct Bomb { int fuse; } bomb;
    if (n > 0) {
      enum class Mode { Fast, Slow };
    }
    helper(local);
  }
};
}
int e1000_probe(void) {
  struct my_u { unsigned long a; unsigned long b; };
  enum led_state { led_on, led_off };
  return 0;
}
