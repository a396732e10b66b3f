"""Scope rules a resolver must follow; decoy.py defines the same names to catch a name search."""
import os.path
import collections.abc as cabc
from pkg import shapes
from pkg.shapes import Circle as Round, area

counter = 0
label = "top"


def bump():
    global counter
    counter += 1
    return counter


def outer():
    total = 0
    label = "outer"

    def inner():
        nonlocal total
        total += 1
        return total, label

    return inner


class Widget(shapes.Shape):
    size = 3

    def __init__(self, name: str, parent: "Widget" = None):
        self.name = name
        self.child = Round(1)

    def grow(self, by):
        size = self.size + by
        return [size * k for k in range(by)]

    def describe(self):
        return self.grow(1), self.area(), self.child.radius

    @staticmethod
    def make(size):
        return Widget(str(size))


def use_widget(w: Widget):
    squares = [n * n for n in range(3)]
    n = len(squares)
    f = lambda n: n + 1
    w.grow(n)
    circle = Round(2)
    circle.radius
    try:
        os.path.join("a", "b")
    except OSError as err:
        print(err)
    with open("x") as handle:
        handle.read()
    for i, item in enumerate(squares):
        if (m := item) > 1:
            print(i, m)
    return area(circle), cabc.Mapping, f, label


def branches(kind, line):
    if kind == 1:
        line = "one"
    elif kind == 2:
        print(line)
    else:
        line = "other"
    Widget("w").grow(line)
    return line
