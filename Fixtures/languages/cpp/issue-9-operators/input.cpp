struct F {
  int operator()(int x) const { return 1; }
  bool operator[](int i) { return 1; }
  operator bool() const { return 1; }
  F& operator=(const F&) { return *this; }
  bool operator==(const F&) const { return 1; }
  void* operator new[](unsigned long n) { return 0; }
  F& operator<<=(int) { return *this; }
};
int F::operator()(int x) const { return x; }
F::operator bool() const { return true; }
