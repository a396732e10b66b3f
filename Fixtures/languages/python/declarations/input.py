"""Module docstring with def fake(): and class Fake: inside."""
import os
from typing import (
    Any,
    Dict,
)

VERSION = "1.0"
MAX_SIZE: int = 10
a, b = 1, 2
first = second = 3
ANNOTATED_ONLY: str


def top_level(x, y=2, *args, **kwargs) -> Dict[str, Any]:
    """def not_a_function(): pass"""
    local_variable = 1
    # def commented_out(): pass

    def nested(z):
        return z

    return {}


async def fetch(url: str) -> bytes:
    return b""


@decorator
@another.decorator(with_args=True)
def decorated():
    pass


class Base:
    pass


class Shape(Base, metaclass=type):
    sides = 0
    label: str = "shape"

    def __init__(self, sides):
        self.sides = sides

    @property
    def area(self) -> float:
        text = f"{self.sides!r:>10} {'nested' + "quotes"} {{literal}}"
        return 0.0

    @staticmethod
    async def create(
        sides: int,
        name: str = "x",  # trailing comment with def fake():
    ) -> "Shape":
        return Shape(sides)

    class Inner:
        def method(self):
            pass


def continued(a, \
              b):
    s = '''
def still_a_string():
    pass
'''
    return s


if True:
    CONDITIONAL = 1
    def conditional_function():
        pass

raw = r"C:\new\table"
escaped = "quote \" inside # not a comment"
def after_raw(): pass
