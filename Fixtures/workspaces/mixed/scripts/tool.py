"""Command-line helper for the demo application."""
import sys

DEFAULT_NAME = "demo"


class Tool:
    """Runs the application."""

    retries = 3

    def __init__(self, name=DEFAULT_NAME):
        self.name = name

    def run(self, *args):
        return f"running {self.name}"


def main(argv=sys.argv):
    Tool().run(*argv)
