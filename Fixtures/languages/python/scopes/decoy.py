"""Same names as input.py's locals and members, defined elsewhere: a name search offers these first."""
counter = 5
total = 1
size = 9
squares = []


class Shape:
    def area(self):
        return -1


def grow(by):
    return by


def radius():
    return 0
