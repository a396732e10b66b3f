"""`indexer mcp` driven by the Python `mcp` SDK as a real client over stdio, on a fixture workspace."""
import asyncio
import contextlib
import json
import subprocess
import time

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from workspace import INDEXER, WORKSPACE


@contextlib.asynccontextmanager
async def session(root=None):
    params = StdioServerParameters(command=INDEXER, args=["mcp", "--root", str(root or WORKSPACE)])
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as s:
            await s.initialize()
            await wait_until_watching(s)
            yield s


async def wait_until_watching(s: ClientSession, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = await call(s, "index_status")
        if status["watcher"].startswith("watching") or status["watcher"].startswith("kept fresh"):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the embedded watcher did not finish its first run")


async def call(s: ClientSession, tool: str, arguments: dict | None = None) -> dict:
    result = await s.call_tool(tool, arguments or {})
    assert not result.is_error, result.content[0].text
    parsed = json.loads(result.content[0].text)
    assert result.structured_content == parsed  # the same answer, structured and as text
    return parsed


async def error(s: ClientSession, tool: str, arguments: dict) -> str:
    result = await s.call_tool(tool, arguments)
    assert result.is_error, f"{tool} {arguments} should have failed: {result.content}"
    return result.content[0].text


def cli_answer(*arguments: str) -> tuple[list[dict], dict]:
    """A CLI query's JSON Lines answer: its records and the `summary` line that ends it."""
    run = subprocess.run([INDEXER, *arguments, "--root", str(WORKSPACE), "--json"], capture_output=True, text=True, check=True)
    lines = [json.loads(line) for line in run.stdout.splitlines() if line]
    assert "summary" in lines[-1] and all("summary" not in line for line in lines[:-1]), run.stdout
    return lines[:-1], lines[-1]["summary"]


def cli(*arguments: str) -> list[dict]:
    """A CLI command's JSON lines, without a query's `summary` line."""
    run = subprocess.run([INDEXER, *arguments, "--root", str(WORKSPACE), "--json"], capture_output=True, text=True, check=True)
    return [line for line in (json.loads(line) for line in run.stdout.splitlines() if line) if "summary" not in line]


SYMBOL_FIELDS = ["name", "kind", "language", "path", "line", "column", "endLine", "endColumn", "container", "signature"]


async def test_tools_are_listed_read_only_with_schemas():
    async with session() as s:
        tools = (await s.list_tools()).tools
        assert sorted(t.name for t in tools) == sorted(
            ["find_symbol", "find_references", "find_definition", "find_callers", "find_callees", "type_hierarchy", "search_text", "impact", "changed_symbols",
             "file_outline", "symbol_source", "list_files", "index_status"]
        )
        for tool in tools:
            assert tool.annotations.read_only_hint is True and tool.annotations.destructive_hint is False
            assert tool.input_schema["type"] == "object" and tool.input_schema["additionalProperties"] is False
        find = next(t for t in tools if t.name == "find_symbol")
        assert find.input_schema["required"] == ["name"]
        assert find.input_schema["properties"]["match"]["enum"] == ["exact", "prefix", "contains", "fuzzy"]


async def test_find_symbol_matches_query_symbol():
    async with session() as s:
        for arguments, flags in [
            ({"name": "Application"}, []),
            ({"name": "User", "match": "prefix"}, ["--prefix"]),
            ({"name": "run", "language": "python"}, ["--lang", "python"]),
            ({"name": "", "match": "prefix", "kind": "property"}, ["--prefix", "--kind", "property"]),
            ({"name": "ETRI", "match": "contains"}, ["--contains"]),
            ({"name": "dn", "match": "fuzzy"}, ["--fuzzy"]),
        ]:
            answer = await call(s, "find_symbol", arguments)
            expected, summary = cli_answer("query", "symbol", arguments["name"], *flags)
            assert expected, f"the CLI found nothing for {arguments}"
            assert [{k: item[k] for k in SYMBOL_FIELDS} for item in answer["items"]] == [
                {k: e[k] for k in SYMBOL_FIELDS} for e in expected
            ]
            # The CLI's summary says what the MCP answer says: the same generation, nothing pending (this
            # session's server watches the quiet tree), the whole list.
            assert summary["generation"] == answer["generation"] and summary["pending"] == answer["pending"] == {"paths": [], "count": 0, "rescan": False}
            assert summary["count"] == summary["total"] == len(expected)
            assert summary["complete"] == answer["complete"]
        fuzzy = await call(s, "find_symbol", {"name": "Applcatn", "match": "fuzzy"})
        assert fuzzy["items"][0]["name"] == "Application"


async def test_paging_and_the_character_budget():
    async with session() as s:
        everything = await call(s, "find_symbol", {"name": "", "match": "prefix"})
        first = await call(s, "find_symbol", {"name": "", "match": "prefix", "limit": 3})
        assert first["count"] == 3 and first["nextOffset"] == 3 and first["items"] == everything["items"][:3]
        second = await call(s, "find_symbol", {"name": "", "match": "prefix", "limit": 3, "offset": 3})
        assert second["items"] == everything["items"][3:6]
        tight = await call(s, "find_references", {"name": "Application", "max_chars": 200})
        assert tight["truncated"] is True and tight["nextOffset"] == tight["count"]
        assert len(json.dumps(tight)) <= 200 + 100


async def test_find_references_matches_query_refs():
    async with session() as s:
        answer = await call(s, "find_references", {"name": "Application"})
        expected = cli("query", "refs", "Application")
        # One record shape for both front ends: every field, not only the place.
        assert answer["items"] == expected
        assert any(i["path"] == "Sources/App/main.swift" and not i["isDefinition"] for i in answer["items"])
        assert {i["resolution"] for i in answer["items"]} == {"name"}
        only_python = await call(s, "find_references", {"name": "run", "language": "python"})
        assert only_python["items"] and all(i["language"] == "python" for i in only_python["items"])


async def test_find_references_from_a_place_resolves_like_query_refs_at():
    async with session() as s:
        lines = (WORKSPACE / "scripts" / "tool.py").read_text(encoding="utf-8").splitlines()
        definition = lines.index("    def run(self, *args):")
        place = {"path": "scripts/tool.py", "line": definition + 1, "column": lines[definition].index("run") + 1}
        answer = await call(s, "find_references", place)
        expected = cli("query", "refs", "--at", f"scripts/tool.py:{place['line']}:{place['column']}")
        assert answer["items"] == expected
        call_line = lines.index("    Tool().run(*argv)")
        # The Python `run` in tool.py and its call through `Tool()`, not the other languages' `run`s a name search lists.
        assert [(i["path"], i["line"], i["isDefinition"], i["resolution"]) for i in answer["items"]][:2] == [
            ("scripts/tool.py", definition + 1, True, "scope"),
            ("scripts/tool.py", call_line + 1, False, "member"),
        ]
        by_name = await call(s, "find_references", {"name": "run"})
        assert len(by_name["items"]) > len(answer["items"])
        both = await error(s, "find_references", {**place, "name": "run"})
        assert "not both" in both
        half = await error(s, "find_references", {"path": "scripts/tool.py", "line": 3})
        assert "go together" in half


async def test_find_definition_resolves_and_says_how():
    async with session() as s:
        lines = (WORKSPACE / "scripts" / "tool.py").read_text(encoding="utf-8").splitlines()
        line = lines.index("    Tool().run(*argv)")
        column = lines[line].index("run") + 1
        answer = await call(s, "find_definition", {"path": "scripts/tool.py", "line": line + 1, "column": column})
        assert [(d["path"], d["line"], d["kind"], d["container"], d["resolution"]) for d in answer["items"]] == [
            ("scripts/tool.py", lines.index("    def run(self, *args):") + 1, "method", "Tool", "member")
        ]
        argv = await call(
            s, "find_definition", {"path": "scripts/tool.py", "line": line + 1, "column": lines[line].index("argv") + 1})
        assert [(d["line"], d["kind"], d["resolution"]) for d in argv["items"]] == [
            (lines.index("def main(argv=sys.argv):") + 1, "parameter", "local")
        ]
        # Swift: `app` is `Application(name:)`, so `app.run()` is that type's `run`, found through the member.
        main = (WORKSPACE / "Sources" / "App" / "main.swift").read_text(encoding="utf-8").splitlines()
        at = next(i for i, text in enumerate(main) if ".run(" in text)
        swift = await call(
            s, "find_definition", {"path": "Sources/App/main.swift", "line": at + 1, "column": main[at].index("run") + 1})
        assert [(d["path"], d["container"], d["resolution"]) for d in swift["items"]] == [
            ("Sources/App/Application.swift", "Application", "member")
        ]
        # C++: a method declared in its class and defined nowhere is its own answer, found in the class's scope.
        decl = (WORKSPACE / "native" / "decl.cpp").read_text(encoding="utf-8").splitlines()
        at = next(i for i, text in enumerate(decl) if "void run()" in text)
        cpp = await call(s, "find_definition", {"path": "native/decl.cpp", "line": at + 1, "column": decl[at].index("run") + 1})
        assert [(d["path"], d["line"], d["container"], d["resolution"]) for d in cpp["items"]] == [
            ("native/decl.cpp", at + 1, "Derived", "scope")
        ]
        failure = await s.call_tool("find_definition", {"path": "nowhere.py", "line": 1, "column": 1})
        assert failure.is_error and "nowhere.py is not in the index" in failure.content[0].text


def tree(node: dict) -> tuple:
    """A call tree node as (name, [(line, column)…], resolution, [children…])."""
    return (node["symbol"]["name"], [(c["line"], c["column"]) for c in node["calls"]], node["resolution"],
            [tree(child) for child in node["links"]])


async def test_find_callers_and_callees_as_trees_with_counts():
    async with session() as s:
        # By name, two levels: `leaf`'s callers, and theirs.
        answer = await call(s, "find_callers", {"name": "leaf", "depth": 2})
        assert answer["complete"] is True
        [leaf] = answer["trees"]
        assert (leaf["symbol"]["path"], leaf["symbol"]["line"], leaf["direction"]) == ("calls/calls.py", 4, "incoming")
        assert [tree(n) for n in leaf["links"]] == [
            ("middle", [(9, 9), (10, 12)], "scope", [("top", [(14, 12)], "scope", [])]),
            ("top", [(14, 24)], "scope", [("go", [(22, 30)], "scope", [])]),
            ("inner", [(26, 20)], "scope", [("step", [(27, 16)], "local", [])]),
        ]
        assert leaf["count"] == 6 and leaf["links"][0]["descendants"] == 1
        # By place (a use of `square` in C), callees of `main`, and the CLI agrees.
        answer = await call(s, "find_callees", {"path": "calls/calls.c", "line": 8, "column": 10})
        [sums] = answer["trees"]
        assert sums["symbol"]["name"] == "sum_squares" and [tree(n) for n in sums["links"]] == [("square", [(4, 10), (4, 22)], "scope", [])]
        # `main` names three functions here (C's, C++'s and Python's): one tree each.
        mains = (await call(s, "find_callees", {"name": "main"}))["trees"]
        assert sorted(t["symbol"]["path"] for t in mains) == ["calls/calls.c", "native/decl.cpp", "scripts/tool.py"]
        [main] = [t for t in mains if t["symbol"]["path"] == "calls/calls.c"]
        assert [tree(n)[:2] for n in main["links"]] == [("sum_squares", [(8, 10)]), ("square", [(8, 30)])]
        [cli_main] = cli("query", "callees", "--at", "calls/calls.c:7:5")
        assert [(n["name"], n["sites"]) for n in cli_main["links"]] == [
            ("sum_squares", [{"line": 8, "column": 10}]), ("square", [{"line": 8, "column": 30}])]
        # A small budget cuts the tree and says so; the answer stays within max_chars.
        small = await s.call_tool("find_callers", {"name": "leaf", "depth": 3, "max_chars": 700})
        parsed = json.loads(small.content[0].text)
        assert len(small.content[0].text) <= 700 or parsed["nodeBudget"] == 1
        assert parsed["complete"] is False
        # Nothing callable, or a bad depth: one clear line each.
        assert "no function" in await error(s, "find_callers", {"name": "DEFAULT_NAME"})
        assert "depth" in await error(s, "find_callers", {"name": "leaf", "depth": 6})
        assert "not both" in await error(s, "find_callees", {"name": "leaf", "path": "calls/calls.py", "line": 1, "column": 1})


async def test_type_hierarchy_gives_both_trees():
    async with session() as s:
        [square] = (await call(s, "type_hierarchy", {"name": "Square", "depth": 2}))["types"]
        assert square["symbol"]["path"] == "types/shapes.py"
        assert [tree(n) for n in square["supertypes"]] == [("Shape", [(6, 14)], "scope", [])]
        assert [tree(n) for n in square["subtypes"]] == [("Cube", [(11, 12)], "scope", [])]
        # By place, one direction: a Rust trait's impls.
        [area] = (await call(s, "type_hierarchy", {"path": "types/shapes.rs", "line": 1, "column": 11, "direction": "subtypes"}))["types"]
        assert "supertypes" not in area and [tree(n)[:2] for n in area["subtypes"]] == [("Tile", [(3, 6)])]
        assert "direction" in await error(s, "type_hierarchy", {"name": "Square", "direction": "up"})
        assert "no class" in await error(s, "type_hierarchy", {"name": "area"})


async def test_file_outline_is_a_tree():
    async with session() as s:
        outline = await call(s, "file_outline", {"path": "Sources/App/Application.swift"})
        assert [(n["name"], n["kind"]) for n in outline["symbols"]] == [("Application", "class"), ("Application", "extension")]
        assert [c["name"] for c in outline["symbols"][0]["children"]] == ["name", "started", "init", "run"]
        assert "not in the index" in await error(s, "file_outline", {"path": "no/such/file.swift"})


async def test_symbol_source_by_place_and_by_name():
    async with session() as s:
        lines = (WORKSPACE / "Sources/App/Application.swift").read_text().splitlines()
        by_place = await call(s, "symbol_source", {"path": "Sources/App/Application.swift", "line": 11})
        assert by_place["symbol"]["name"] == "run"
        start, end = by_place["symbol"]["line"], by_place["symbol"]["endLine"]
        assert by_place["text"] == "\n".join(lines[start - 1 : end])
        by_name = await call(s, "symbol_source", {"name": "run", "kind": "method", "path": "Sources/*"})
        assert by_name["text"] == by_place["text"] and by_name["otherDefinitions"] == 0
        cut = await call(s, "symbol_source", {"name": "Application", "max_chars": 50})
        assert cut["truncated"] is True and len(cut["text"]) == 50


async def test_list_files_and_index_status():
    async with session() as s:
        swift = await call(s, "list_files", {"language": "swift"})
        paths = [f["path"] for f in swift["items"]]
        assert "Sources/App/Application.swift" in paths and all(p.endswith(".swift") for p in paths)
        assert paths == sorted(paths, key=lambda p: p.encode())
        app = next(f for f in swift["items"] if f["path"] == "Sources/App/Application.swift")
        assert app["status"] == "indexed" and app["symbols"] == 7
        scripts = await call(s, "list_files", {"glob": "scripts/*"})
        assert scripts["items"] and all(f["path"].startswith("scripts/") for f in scripts["items"])
        status = await call(s, "index_status")
        stats = json.loads(subprocess.run([INDEXER, "stats", "--root", str(WORKSPACE), "--json"], capture_output=True, text=True, check=True).stdout)
        assert status["index"]["files"] == stats["files"] and status["index"]["symbols"] == stats["symbols"]
        assert status["watcher"].startswith("watching")


async def test_bad_arguments_are_tool_errors_and_the_server_goes_on():
    async with session() as s:
        assert "`name` is required" in await error(s, "find_symbol", {})
        assert "may be empty only with match=prefix" in await error(s, "find_symbol", {"name": ""})
        assert "`name` must be a string" in await error(s, "find_symbol", {"name": 3})
        assert "`match` must be one of" in await error(s, "find_symbol", {"name": "x", "match": "regex"})
        assert "`kind` must be one of" in await error(s, "find_symbol", {"name": "x", "kind": "gizmo"})
        assert "`limit` must be an integer" in await error(s, "find_symbol", {"name": "x", "limit": 0})
        assert "unknown argument `nme`" in await error(s, "find_symbol", {"nme": "x"})
        assert "give `name`, or `path` and `line`" in await error(s, "symbol_source", {})
        assert "no tool named" in await error(s, "drop_tables", {})
        assert (await call(s, "find_symbol", {"name": "Application"}))["count"] == 2


async def test_an_edit_on_disk_is_picked_up():
    async with session() as s:
        fresh = WORKSPACE / "Sources" / "App" / "FreshMCP.swift"
        fresh.write_text("struct WrittenWhileServing {}\n")
        try:
            deadline = time.monotonic() + 15
            items = []
            while time.monotonic() < deadline and not items:
                items = (await call(s, "find_symbol", {"name": "WrittenWhileServing"}))["items"]
                await asyncio.sleep(0.1)
            assert items and items[0]["path"] == "Sources/App/FreshMCP.swift"
        finally:
            fresh.unlink()


async def test_fresh_sees_a_write_made_just_before_the_call_every_time():
    """`fresh: true` waits for the watcher to commit what is on disk (a sync cookie): 100 writes, each queried
    at once, each found; every answer says the generation it was read at, never going back."""
    async with session() as s:
        folder = WORKSPACE / "scripts" / "fresh"
        folder.mkdir(exist_ok=True)
        generations = []
        try:
            for i in range(100):
                (folder / f"made_{i}.py").write_text(f"def written_just_now_{i}():\n    return {i}\n")
                answer = await call(s, "find_symbol", {"name": f"written_just_now_{i}", "fresh": True})
                assert [item["path"] for item in answer["items"]] == [f"scripts/fresh/made_{i}.py"], i
                generations.append(answer["generation"])
            assert generations == sorted(generations) and generations[-1] > generations[0]
            assert "true or false" in await error(s, "find_symbol", {"name": "x", "fresh": "yes"})
        finally:
            for made in folder.iterdir():
                made.unlink()
            folder.rmdir()


async def test_file_outline_pages_and_folds_a_large_container():
    async with session() as s:
        big = WORKSPACE / "scripts" / "big_outline.py"
        methods = "".join(f"    def method_{i}(self):\n        return {i}\n\n" for i in range(300))
        big.write_text("def first():\n    pass\n\n\nclass Huge:\n" + methods + "\ndef last():\n    pass\n")
        try:
            page = await call(s, "file_outline", {"path": "scripts/big_outline.py", "max_chars": 2000, "fresh": True})
            # The class does not fit whole: it is folded to its member count, and what follows it still shows.
            assert [(n["name"], n["collapsed"], n["childCount"]) for n in page["symbols"]] == [
                ("first", False, 0), ("Huge", True, 300), ("last", False, 0)]
            assert page["total"] == 3 and "nextOffset" not in page and page["truncated"] is True
            # Its members, page by page, each answer within the budget.
            members, offset, pages = [], 0, 0
            while offset is not None:
                result = await s.call_tool("file_outline", {"path": "scripts/big_outline.py", "container": "Huge",
                                                            "offset": offset, "max_chars": 3000})
                assert not result.is_error and len(result.content[0].text) <= 3000
                part = json.loads(result.content[0].text)
                members += [n["name"] for n in part["symbols"]]
                offset = part.get("nextOffset")
                pages += 1
            assert members == [f"method_{i}" for i in range(300)] and pages > 5
            assert "no definition `Nope`" in await error(s, "file_outline", {"path": "scripts/big_outline.py", "container": "Nope"})
        finally:
            big.unlink()


async def test_symbol_source_by_an_ambiguous_name_gives_the_meant_one_and_ranked_candidates():
    async with session() as s:
        made = {
            "test_prepend.py": "def prepend(items, x):\n    return [x] + items  # a test helper\n",
            "benchmarks/prepend.py": "def prepend(items, x):\n    return [x, *items]  # a benchmark\n",
            "scripts/prepend_lib.py": "def prepend(items, x):\n    return [x] + list(items)\n",
        }
        for relative, text in made.items():
            (WORKSPACE / relative).parent.mkdir(parents=True, exist_ok=True)
            (WORKSPACE / relative).write_text(text)
        try:
            answer = await call(s, "symbol_source", {"name": "prepend", "fresh": True})
            assert answer["symbol"]["path"] == "scripts/prepend_lib.py" and "list(items)" in answer["text"]
            assert [c["path"] for c in answer["candidates"]] == ["benchmarks/prepend.py", "test_prepend.py"]
            assert answer["otherDefinitions"] == 2
        finally:
            for relative in made:
                (WORKSPACE / relative).unlink()
            (WORKSPACE / "benchmarks").rmdir()


async def test_search_text_finds_what_symbols_do_not_and_pages():
    async with session() as s:
        # A literal inside code, with a line of context each side.
        found = await call(s, "search_text", {"pattern": "Tool().run", "context": 1})
        assert [(m["path"], m["line"], m["column"]) for m in found["items"]] == [("scripts/tool.py", 20, 5)]
        assert found["items"][0]["before"] == ["def main(argv=sys.argv):"] and found["items"][0]["after"] == []
        # A regular expression, case-blind, narrowed by a glob; then paged one at a time.
        defs = await call(s, "search_text", {"pattern": "^DEF [a-z_]+\\(", "regex": True, "case_sensitive": False, "path": "scripts/tool.py"})
        assert [m["text"] for m in defs["items"]] == ["def main(argv=sys.argv):"]
        first = await call(s, "search_text", {"pattern": "def ", "path": "scripts/*", "limit": 1})
        second = await call(s, "search_text", {"pattern": "def ", "path": "scripts/*", "limit": 1, "offset": first["nextOffset"]})
        assert first["count"] == 1 and second["count"] == 1 and first["items"] != second["items"]
        assert "not a POSIX extended regular expression" in await error(s, "search_text", {"pattern": "a[", "regex": True})


async def test_impact_lists_the_changed_definitions_and_their_callers(tmp_path):
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(WORKSPACE / "calls", repo)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "calls"], check=True)
    source = (repo / "calls.py").read_text()
    (repo / "calls.py").write_text(source.replace("return x + 1", "return x + 2").replace('"""Calls in Python', '"""Calls, in Python'))
    async with session(repo) as s:
        answer = await call(s, "impact", {"depth": 2, "fresh": True})
        # The docstring line is in no definition; `leaf`'s body is, and its callers come with it.
        assert [(c["symbol"]["name"], c["lines"]) for c in answer["changed"]] == [("leaf", [[5, 5]])]
        assert answer["changedFiles"] == 1 and answer["complete"] is True
        callers = answer["changed"][0]["callers"]
        assert [n["symbol"]["name"] for n in callers] == ["middle", "top", "inner"]
        assert [n["symbol"]["name"] for n in callers[0]["links"]] == ["top"]
        # Against an explicit revision: the same change; a bad one is one line.
        assert (await call(s, "impact", {"revisions": "HEAD"}))["totalChanged"] == 1
        assert "git diff failed" in await error(s, "impact", {"revisions": "no-such-branch"})


async def test_changed_symbols_follows_writes_since_a_generation():
    async with session() as s:
        since = (await call(s, "index_status", {"fresh": True}))["generation"]
        target = WORKSPACE / "scripts" / "feed.py"
        try:
            target.write_text("def fed(a):\n    return a\n\n\ndef kept():\n    pass\n")
            await call(s, "index_status", {"fresh": True})
            target.write_text("def fed(a, b):\n    return a\n\n\ndef kept():\n    pass\n")
            await call(s, "index_status", {"fresh": True})
            target.unlink()
            feed = await call(s, "changed_symbols", {"since": since, "fresh": True})
            assert [(c["change"], c["name"]) for c in feed["changes"]] == [
                ("added", "fed"), ("added", "kept"), ("changed", "fed"), ("removed", "fed"), ("removed", "kept")]
            assert feed["changes"][2]["signature"] == "def fed(a, b)" and feed["complete"] is True and feed["more"] is False
            # Nothing since now; a page of one ends on a whole generation and says where to go on.
            assert (await call(s, "changed_symbols", {"since": feed["generation"]}))["count"] == 0
            # A page of one still ends on a whole generation (both definitions the first write added); the next
            # page, since its generation, goes on from there, and the pages together are the feed.
            pages, after = [], since
            while True:
                page = await call(s, "changed_symbols", {"since": after, "limit": 1})
                pages.append([(c["change"], c["name"]) for c in page["changes"]])
                if not page["more"]:
                    break
                after = page["nextSince"]
            assert pages[0] == [("added", "fed"), ("added", "kept")]
            assert sum(pages, []) == [(c["change"], c["name"]) for c in feed["changes"]]
            assert "`since` is required" in await error(s, "changed_symbols", {})
        finally:
            if target.exists():
                target.unlink()


async def test_pending_lists_what_the_watcher_has_not_committed_yet(tmp_path):
    """Every answer says what the watcher has seen change but not committed: with a watcher that waits 4 s
    for the tree to settle, a file written just now is listed as pending, and `fresh: true` waits it out."""
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(WORKSPACE / "calls", repo)
    subprocess.run([INDEXER, "index", str(repo)], check=True, capture_output=True)
    watcher = subprocess.Popen([INDEXER, "watch", str(repo), "--settle-ms", "4000", "--max-latency-ms", "8000"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not (repo / ".indexer" / "indexer.sock").exists():
            assert time.monotonic() < deadline and watcher.poll() is None, "the watcher did not start"
            time.sleep(0.05)
        params = StdioServerParameters(command=INDEXER, args=["mcp", "--root", str(repo)])
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as s:
                await s.initialize()
                quiet = await call(s, "find_symbol", {"name": "leaf"})
                assert quiet["pending"] == {"paths": [], "count": 0, "rescan": False}
                (repo / "late.py").write_text("def written_late():\n    pass\n")
                time.sleep(0.3)  # inotify's event reaches the watcher; its batch waits for 4 s of quiet
                behind = await call(s, "find_symbol", {"name": "written_late"})
                assert behind["items"] == [] and behind["pending"]["paths"] == ["late.py"]
                assert behind["pending"]["count"] == 1
                caught_up = await call(s, "find_symbol", {"name": "written_late", "fresh": True})
                assert [i["path"] for i in caught_up["items"]] == ["late.py"]
                # Says what was still pending if it ever is: one CI run saw a count of 1 here, never reproduced.
                assert caught_up["pending"]["count"] == 0, caught_up["pending"]
                assert caught_up["generation"] > behind["generation"]
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)
    # No watcher at all: nobody knows what is behind, and the answer says so with null.
    async with stdio_client(StdioServerParameters(command=INDEXER, args=["mcp", "--root", str(repo), "--no-watch"])) as (read, write):
        async with ClientSession(read, write) as s:
            await s.initialize()
            assert (await call(s, "find_symbol", {"name": "leaf"}))["pending"] is None


async def test_answers_say_whether_they_are_complete_and_what_was_left_out(tmp_path):
    """`complete`, `total` and `leftOut`: a later page (counted exactly), a file the index left out whose text
    holds the name (too large here), and definitions that are only guesses by name."""
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(WORKSPACE / "calls", repo)
    (repo / "huge.py").write_text("def leaf():\n    pass\n" + "# padding\n" * 400)
    (repo / "other_huge.py").write_text("def unrelated():\n    pass\n" + "# padding\n" * 400)
    subprocess.run([INDEXER, "index", str(repo), "--max-file-size", "2K"], check=True, capture_output=True)
    params = StdioServerParameters(command=INDEXER, args=["mcp", "--root", str(repo), "--no-watch"])
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as s:
            await s.initialize()
            leaf = await call(s, "find_symbol", {"name": "leaf"})
            assert [i["path"] for i in leaf["items"]] == ["calls.py"]
            assert leaf["complete"] is False and leaf["total"] == 1
            assert leaf["leftOut"] == {"files": [{"path": "huge.py", "status": "too-large"}]}
            whole = await call(s, "find_symbol", {"name": "Runner"})
            assert whole["complete"] is True and "leftOut" not in whole and whole["total"] == len(whole["items"])
            # A page of a longer list: the rest is counted exactly, not guessed.
            every = (await call(s, "find_symbol", {"name": "", "match": "prefix", "limit": 500}))["total"]
            page = await call(s, "find_symbol", {"name": "", "match": "prefix", "limit": 2})
            assert page["total"] == every > 2 and page["leftOut"]["items"] == every - 2 and page["complete"] is False
            files = await call(s, "list_files", {"limit": 1})
            assert files["total"] == 5 and files["leftOut"]["items"] == 4
            # `leaf(x)` inside `middle` resolves through the file's scope; a name nobody defines is left to names.
            middle = await call(s, "find_definition", {"path": "calls.py", "line": 9, "column": 9})
            assert middle["complete"] is True and [i["resolution"] for i in middle["items"]] == ["scope"]
