"""The workspace the front-end tests run on: a copy of Fixtures/workspaces/mixed plus a file whose line has
non-ASCII text before a name (the UTF-16 column case). Made once per test run, removed at exit."""
import atexit
import os
import pathlib
import shutil
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]
INDEXER = os.environ.get("INDEXER_BINARY") or str(REPO / ".build" / "debug" / "indexer")

# The line that puts 4-byte and 2-byte characters before `Application`: byte and UTF-16 columns differ.
UNICODE_PREFIX = 'let greeting = "h\u00e9llo \U0001F600"; let made = '
UNICODE_LINE = UNICODE_PREFIX + "Application(name: greeting)\n"


def make_workspace() -> pathlib.Path:
    root = pathlib.Path(tempfile.mkdtemp(prefix="indexer-frontends-")).resolve()
    atexit.register(shutil.rmtree, root, True)
    workspace = root / "ws"
    shutil.copytree(REPO / "Fixtures" / "workspaces" / "mixed", workspace)
    (workspace / "Sources" / "App" / "Greeting.swift").write_text(UNICODE_LINE, encoding="utf-8")
    # C++ names that SCIP must escape (`operator ==`, `~Box`) and namespaces.
    (workspace / "native").mkdir()
    shutil.copy(REPO / "Fixtures" / "languages" / "cpp" / "declarations" / "input.cpp", workspace / "native" / "decl.cpp")
    # TypeScript whose names resolve (imports, members through `this` and a parameter property).
    shutil.copytree(REPO / "Fixtures" / "languages" / "typescript" / "scopes", workspace / "web",
                    ignore=shutil.ignore_patterns("*.txt"))
    # Call hierarchies in three languages, with hand-written expectations (test_lsp.py, test_mcp.py).
    shutil.copytree(REPO / "Fixtures" / "workspaces" / "calls", workspace / "calls")
    shutil.copytree(REPO / "Fixtures" / "workspaces" / "types", workspace / "types")
    return workspace


WORKSPACE = make_workspace()


def uri(relative: str) -> str:
    return (WORKSPACE / relative).as_uri()
