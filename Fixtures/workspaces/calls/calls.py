"""Calls in Python: a chain, a constructor, a method through self."""


def leaf(x):
    return x + 1


def middle(x):
    y = leaf(x)
    return leaf(y)


def top():
    return middle(1) + leaf(2)


class Runner:
    def __init__(self):
        self.count = 0

    def go(self):
        return self.step() + top()

    def step(self):
        def inner():
            return leaf(3)
        return inner()


def start():
    return Runner().go()


def countdown(n):
    return countdown(n - 1) if n else 0
