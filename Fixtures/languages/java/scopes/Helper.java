package demo;

class Helper {
  static int twice(int value) {
    return value * 2;
  }

  static int twice(int value, int times) {
    return value * 2 * times;
  }
}
