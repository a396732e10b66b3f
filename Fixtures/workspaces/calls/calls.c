static int square(int x) { return x * x; }

int sum_squares(int a, int b) {
  return square(a) + square(b);
}

int main(void) {
  return sum_squares(1, 2) + square(3);
}
