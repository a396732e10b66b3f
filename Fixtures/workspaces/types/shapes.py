class Shape:
    def area(self):
        raise NotImplementedError


class Square(Shape):
    def area(self):
        return 4


class Cube(Square):
    def area(self):
        return 6
