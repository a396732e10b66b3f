"""`indexer lsp` driven by a real LSP client (pytest-lsp + pygls) over stdio, on a fixture workspace."""
import asyncio
import time

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcMethodNotFound
from pytest_lsp import ClientServerConfig, LanguageClient

from workspace import INDEXER, UNICODE_PREFIX, WORKSPACE, uri


def capabilities(utf8: bool = False) -> types.ClientCapabilities:
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16] if utf8 else None
        ),
        window=types.WindowClientCapabilities(work_done_progress=True),
        text_document=types.TextDocumentClientCapabilities(
            document_symbol=types.DocumentSymbolClientCapabilities(hierarchical_document_symbol_support=True)
        ),
    )


async def start(client: LanguageClient, utf8: bool = False) -> types.InitializeResult:
    result = await client.initialize_session(
        types.InitializeParams(capabilities=capabilities(utf8), root_uri=WORKSPACE.as_uri())
    )
    await wait_until_indexed(client)
    return result


async def wait_until_indexed(client: LanguageClient, seconds: float = 60) -> None:
    """The server reports its initial run as work-done progress; `end` means queries see the whole tree."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        reports = client.progress_reports.get("indexer-index", [])
        if any(isinstance(r, types.WorkDoneProgressEnd) for r in reports):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"no progress end within {seconds} s: {client.progress_reports}")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[INDEXER, "lsp"]))
async def client(lsp_client: LanguageClient):
    await start(lsp_client)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[INDEXER, "lsp"]))
async def utf8_client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


def position(text: str, needle: str, line: int) -> types.Position:
    """The UTF-16 position of `needle` on a 0-based line of `text`."""
    line_text = text.splitlines()[line]
    prefix = line_text[: line_text.index(needle)]
    return types.Position(line=line, character=len(prefix.encode("utf-16-le")) // 2)


def read(relative: str) -> str:
    return (WORKSPACE / relative).read_text(encoding="utf-8")


async def test_initialize_advertises_the_features_and_reports_progress(client: LanguageClient):
    # `start` already waited for the progress end; the begin came first.
    kinds = [type(r).__name__ for r in client.progress_reports["indexer-index"]]
    assert kinds == ["WorkDoneProgressBegin", "WorkDoneProgressEnd"]


async def test_utf8_is_used_when_the_client_offers_it(utf8_client: LanguageClient):
    result = await start(utf8_client, utf8=True)
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    assert result.capabilities.definition_provider and result.capabilities.references_provider and result.capabilities.call_hierarchy_provider
    assert result.capabilities.document_highlight_provider
    assert result.capabilities.type_hierarchy_provider and result.capabilities.implementation_provider
    # In UTF-8 a column counts bytes: `Application` on the Greeting line starts after the prefix's bytes.
    refs = await utf8_client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=uri("Sources/App/Greeting.swift")),
            position=types.Position(line=0, character=len(UNICODE_PREFIX.encode("utf-8"))),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    here = [r for r in refs if r.uri == uri("Sources/App/Greeting.swift")]
    assert [r.range.start.character for r in here] == [len(UNICODE_PREFIX.encode("utf-8"))]


async def test_workspace_symbol_is_fuzzy_and_ranked(client: LanguageClient):
    result = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="Applcatn"))
    assert result, "fuzzy query found nothing"
    first = result[0]
    assert first.name == "Application" and first.kind == types.SymbolKind.Class
    assert first.location.uri == uri("Sources/App/Application.swift")
    # `public final class Application`: the range is the name, not the start of the declaration.
    assert first.location.range.start == position(read("Sources/App/Application.swift"), "Application", 1)
    assert await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="zzzqqq")) == []


async def test_definition_of_a_cpp_method_declared_without_a_body_is_its_declaration(client: LanguageClient):
    # C++ resolves: `void run() override;` has no body anywhere, so the declaration is the answer, alone (the
    # name search offered the Swift and Python `run` after it before).
    decl = (WORKSPACE / "native" / "decl.cpp").read_text(encoding="utf-8")
    result = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri("native/decl.cpp")),
            position=position(decl, "run", 33),
        )
    )
    assert [(loc.uri, loc.range.start.line) for loc in result] == [(uri("native/decl.cpp"), 33)]


async def test_definition_resolves_swift_members_through_their_receivers(client: LanguageClient):
    # `let app = Application(name:)`, then `app.run()`: the receiver's type is written, so only its `run`.
    main = read("Sources/App/main.swift")
    result = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri("Sources/App/main.swift")),
            position=position(main, "run", 1),
        )
    )
    assert [loc.uri for loc in result] == [uri("Sources/App/Application.swift")]
    assert result[0].range.start == position(read("Sources/App/Application.swift"), "run", 9)


async def test_definition_resolves_python_names_by_scope(client: LanguageClient):
    tool = read("scripts/tool.py")
    lines = tool.splitlines()
    use = lines.index("    Tool().run(*argv)")

    async def definition(needle: str):
        return await client.text_document_definition_async(
            types.DefinitionParams(
                text_document=types.TextDocumentIdentifier(uri=uri("scripts/tool.py")),
                position=position(tool, needle, use),
            )
        )

    # A parameter: only its own binding, not every `argv` of the workspace.
    argv = await definition("argv")
    assert [(loc.uri, loc.range.start) for loc in argv] == [
        (uri("scripts/tool.py"), position(tool, "argv", lines.index("def main(argv=sys.argv):")))
    ]
    # A method through a constructed receiver: Tool.run alone, where the name search offers three `run`s.
    run = await definition("run")
    assert [(loc.uri, loc.range.start) for loc in run] == [
        (uri("scripts/tool.py"), position(tool, "run", lines.index("    def run(self, *args):")))
    ]
    # References from the parameter: its own uses only (the name search would add every `argv` around).
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=uri("scripts/tool.py")),
            position=position(tool, "argv", use),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert sorted((loc.range.start.line, loc.range.start.character) for loc in refs) == [
        (lines.index("def main(argv=sys.argv):"), lines[lines.index("def main(argv=sys.argv):")].index("argv")),
        (use, lines[use].index("argv")),
    ]
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri("scripts/tool.py")), position=position(tool, "argv", use)
        )
    )
    assert "parameter" in hover.contents.value and "(resolution: local)" in hover.contents.value


async def test_definition_resolves_typescript_imports_members_and_locals(client: LanguageClient):
    source = read("web/input.ts")
    lines = source.splitlines()
    save = lines.index("    this.backend.save();")

    async def definition(needle: str, line: int):
        return await client.text_document_definition_async(
            types.DefinitionParams(
                text_document=types.TextDocumentIdentifier(uri=uri("web/input.ts")), position=position(source, needle, line)
            )
        )

    # `this.backend` is a parameter property typed `Store`, imported from ./store: only Store.save.
    found = await definition("save", save)
    store = read("web/store.ts")
    assert [(loc.uri, loc.range.start) for loc in found] == [(uri("web/store.ts"), position(store, "save", 1))]
    # The `limit` declared in the method hides the file's `limit`.
    use = lines.index("    if (limit > 0) {")
    local = await definition("limit", use)
    assert [(loc.uri, loc.range.start) for loc in local] == [
        (uri("web/input.ts"), position(source, "limit", lines.index("    const limit = this.items.length;")))
    ]
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri("web/input.ts")), position=position(source, "limit", use))
    )
    assert "(resolution: local)" in hover.contents.value


def at(relative: str, needle: str, line: int, occurrence: int = 0) -> types.Position:
    """The position of the `occurrence`-th `needle` on a 0-based line (the fixtures are ASCII)."""
    text = read(relative).splitlines()[line]
    column = -1
    for _ in range(occurrence + 1):
        column = text.index(needle, column + 1)
    return types.Position(line=line, character=column)


async def hierarchy(client: LanguageClient, relative: str, position: types.Position):
    items = await client.text_document_prepare_call_hierarchy_async(
        types.CallHierarchyPrepareParams(text_document=types.TextDocumentIdentifier(uri=uri(relative)), position=position)
    )
    assert items is not None and len(items) == 1, items
    item = items[0]
    incoming = await client.call_hierarchy_incoming_calls_async(types.CallHierarchyIncomingCallsParams(item=item))
    outgoing = await client.call_hierarchy_outgoing_calls_async(types.CallHierarchyOutgoingCallsParams(item=item))
    shape = lambda calls, end: sorted(  # noqa: E731
        (getattr(c, end).name, getattr(c, end).uri.rsplit("/", 1)[-1], [(r.start.line, r.start.character) for r in c.from_ranges])
        for c in calls or []
    )
    return item, shape(incoming, "from_"), shape(outgoing, "to")


async def test_call_hierarchy_in_python_typescript_and_c(client: LanguageClient):
    # Python: prepared on a definition's name; callers grouped per function, a nested function its own caller.
    item, incoming, outgoing = await hierarchy(client, "calls/calls.py", at("calls/calls.py", "leaf", 3))
    assert (item.name, item.kind, item.selection_range.start) == ("leaf", types.SymbolKind.Function, at("calls/calls.py", "leaf", 3))
    assert incoming == [
        ("inner", "calls.py", [(25, 19)]),
        ("middle", "calls.py", [(8, 8), (9, 11)]),
        ("top", "calls.py", [(13, 23)]),
    ]
    assert outgoing == []
    # A method through `self` and a function; the class constructed by `Runner()` is a callee of `start`.
    _, incoming, outgoing = await hierarchy(client, "calls/calls.py", at("calls/calls.py", "go", 20))
    assert incoming == [("start", "calls.py", [(30, 20)])]
    assert outgoing == [("step", "calls.py", [(21, 20)]), ("top", "calls.py", [(21, 29)])]
    _, _, outgoing = await hierarchy(client, "calls/calls.py", at("calls/calls.py", "start", 29))
    assert outgoing == [("Runner", "calls.py", [(30, 11)]), ("go", "calls.py", [(30, 20)])]

    # TypeScript: prepared on a use (`parse` in `load`), which resolves to the function.
    item, incoming, outgoing = await hierarchy(client, "calls/calls.ts", at("calls/calls.ts", "parse", 6))
    assert (item.name, item.selection_range.start) == ("parse", at("calls/calls.ts", "parse", 0))
    assert incoming == [("check", "calls.ts", [(10, 11)]), ("load", "calls.ts", [(6, 11)])]
    _, incoming, outgoing = await hierarchy(client, "calls/calls.ts", at("calls/calls.ts", "load", 5))
    assert incoming == [("run", "calls.ts", [(16, 16)])]
    assert outgoing == [("check", "calls.ts", [(6, 30)]), ("parse", "calls.ts", [(6, 11)])]

    # C: a static function called twice on one line.
    _, incoming, outgoing = await hierarchy(client, "calls/calls.c", at("calls/calls.c", "square", 0))
    assert incoming == [("main", "calls.c", [(7, 29)]), ("sum_squares", "calls.c", [(3, 9), (3, 21)])]
    _, incoming, outgoing = await hierarchy(client, "calls/calls.c", at("calls/calls.c", "main", 6))
    assert incoming == []
    assert outgoing == [("square", "calls.c", [(7, 29)]), ("sum_squares", "calls.c", [(7, 9)])]

    # Highlights: a parameter's uses in its own function only, not the other functions' `x`.
    highlights = await client.text_document_document_highlight_async(
        types.DocumentHighlightParams(
            text_document=types.TextDocumentIdentifier(uri=uri("calls/calls.py")), position=at("calls/calls.py", "x", 8)
        )
    )
    assert sorted((h.range.start.line, h.range.start.character) for h in highlights) == [(7, 11), (8, 13)]
    # A function's: its definition and its calls in the file.
    highlights = await client.text_document_document_highlight_async(
        types.DocumentHighlightParams(
            text_document=types.TextDocumentIdentifier(uri=uri("calls/calls.c")), position=at("calls/calls.c", "square", 3)
        )
    )
    assert sorted((h.range.start.line, h.range.start.character) for h in highlights) == [(0, 11), (3, 9), (3, 21), (7, 29)]

    # Nothing callable at the place: no item.
    none = await client.text_document_prepare_call_hierarchy_async(
        types.CallHierarchyPrepareParams(
            text_document=types.TextDocumentIdentifier(uri=uri("calls/calls.py")), position=at("calls/calls.py", "y", 8)
        )
    )
    assert none is None


async def types_of(client: LanguageClient, relative: str, position: types.Position):
    items = await client.text_document_prepare_type_hierarchy_async(
        types.TypeHierarchyPrepareParams(text_document=types.TextDocumentIdentifier(uri=uri(relative)), position=position)
    )
    assert items is not None and len(items) == 1, items
    supertypes = await client.type_hierarchy_supertypes_async(types.TypeHierarchySupertypesParams(item=items[0]))
    subtypes = await client.type_hierarchy_subtypes_async(types.TypeHierarchySubtypesParams(item=items[0]))
    names = lambda found: sorted((t.name, t.uri.rsplit("/", 1)[-1], t.selection_range.start.line) for t in found or [])  # noqa: E731
    return items[0], names(supertypes), names(subtypes)


async def test_type_hierarchy_and_implementation_in_python_java_and_typescript(client: LanguageClient):
    item, supertypes, subtypes = await types_of(client, "types/shapes.py", at("types/shapes.py", "Square", 5))
    assert (item.name, item.kind) == ("Square", types.SymbolKind.Class)
    assert supertypes == [("Shape", "shapes.py", 0)]
    assert subtypes == [("Cube", "shapes.py", 10)]
    # Prepared on a use in a head (`Base` in `extends Base`): the type it resolves to.
    item, supertypes, subtypes = await types_of(client, "types/Shapes.java", at("types/Shapes.java", "Base", 2))
    assert item.name == "Base" and item.selection_range.start == at("types/Shapes.java", "Base", 1)
    assert supertypes == [("Outline", "Shapes.java", 0)]
    assert subtypes == [("Circle", "Shapes.java", 2)]
    _, supertypes, subtypes = await types_of(client, "types/shapes.ts", at("types/shapes.ts", "Animal", 1))
    assert supertypes == [("Named", "shapes.ts", 0)] and subtypes == [("Dog", "shapes.ts", 2)]

    async def implementation(relative: str, position: types.Position):
        found = await client.text_document_implementation_async(
            types.ImplementationParams(text_document=types.TextDocumentIdentifier(uri=uri(relative)), position=position)
        )
        return sorted((loc.uri.rsplit("/", 1)[-1], loc.range.start.line, loc.range.start.character) for loc in found or [])

    # A method: the overrides in every type below its class; a type: every type below it.
    assert await implementation("types/shapes.py", at("types/shapes.py", "area", 1)) == [("shapes.py", 6, 8), ("shapes.py", 11, 8)]
    assert await implementation("types/shapes.ts", at("types/shapes.ts", "Named", 0)) == [("shapes.ts", 1, 6), ("shapes.ts", 2, 6)]
    assert await implementation("types/Shapes.java", at("types/Shapes.java", "area", 0)) == [("Shapes.java", 3, 16)]


async def test_definition_of_nothing_is_null(client: LanguageClient):
    result = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri("Sources/App/main.swift")),
            position=types.Position(line=0, character=3),  # the space after `let`
        )
    )
    assert result is None


async def test_references_with_and_without_the_declaration(client: LanguageClient):
    app = read("Sources/App/Application.swift")
    params = dict(
        text_document=types.TextDocumentIdentifier(uri=uri("Sources/App/Application.swift")),
        position=position(app, "Application", 1),
    )
    everything = await client.text_document_references_async(
        types.ReferenceParams(context=types.ReferenceContext(include_declaration=True), **params)
    )
    uses = await client.text_document_references_async(
        types.ReferenceParams(context=types.ReferenceContext(include_declaration=False), **params)
    )
    declaration = types.Location(
        uri=uri("Sources/App/Application.swift"),
        range=types.Range(start=position(app, "Application", 1), end=types.Position(line=1, character=30)),
    )
    assert declaration in everything
    assert declaration not in uses
    assert any(loc.uri == uri("Sources/App/main.swift") for loc in uses)
    assert len(everything) > len(uses)


async def test_utf16_columns_on_a_line_with_non_ascii(client: LanguageClient):
    text = read("Sources/App/Greeting.swift")
    expected = position(text, "Application", 0)
    # The emoji is 4 bytes but 2 UTF-16 units, é is 2 bytes but 1 unit: the columns must differ.
    assert expected.character != len(UNICODE_PREFIX.encode("utf-8"))
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=uri("Sources/App/Greeting.swift")),
            position=expected,
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    here = [r for r in refs if r.uri == uri("Sources/App/Greeting.swift")]
    assert [r.range.start for r in here] == [expected]
    assert here[0].range.end.character == expected.character + len("Application")
    # And a UTF-16 cursor position inside the name resolves to its definition.
    definition = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri("Sources/App/Greeting.swift")),
            position=types.Position(line=0, character=expected.character + 3),
        )
    )
    assert definition[0].uri == uri("Sources/App/Application.swift")


async def test_document_symbol_is_hierarchical(client: LanguageClient):
    result = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri("Sources/App/Application.swift")))
    )
    top = [(s.name, s.kind) for s in result]
    assert top == [("Application", types.SymbolKind.Class), ("Application", types.SymbolKind.Namespace)]
    members = [c.name for c in result[0].children]
    assert members == ["name", "started", "init", "run"]
    for symbol in result:
        for child in symbol.children:
            assert symbol.range.start <= child.range.start and child.range.end <= symbol.range.end
            assert child.range.start <= child.selection_range.start
            assert child.selection_range.end <= child.range.end


async def test_hover_shows_signature_kind_and_place(client: LanguageClient):
    main = read("Sources/App/main.swift")
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri("Sources/App/main.swift")),
            position=position(main, "Application", 0),
        )
    )
    assert "public final class Application" in hover.contents.value
    assert "Sources/App/Application.swift:2" in hover.contents.value
    assert hover.range.start == position(main, "Application", 0)


async def test_an_edit_on_disk_is_picked_up_without_did_change(client: LanguageClient):
    fresh = WORKSPACE / "Sources" / "App" / "Fresh.swift"
    fresh.write_text("struct FreshlyWrittenType {}\n", encoding="utf-8")
    try:
        deadline = time.monotonic() + 15
        found = []
        while time.monotonic() < deadline and not found:
            found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="FreshlyWrittenType"))
            await asyncio.sleep(0.1)
        assert found and found[0].location.uri == uri("Sources/App/Fresh.swift")
    finally:
        fresh.unlink()


async def test_unknown_methods_and_text_sync_do_not_hurt(client: LanguageClient):
    with pytest.raises(JsonRpcMethodNotFound):
        await client.protocol.send_request_async("indexer/noSuchMethod", {})
    # Text sync is accepted and ignored; a cancellation of an unknown request is harmless.
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri("Sources/App/main.swift"), language_id="swift", version=1, text="x")
        )
    )
    client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id=987654))
    result = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="Application"))
    assert result


async def test_malformed_messages_do_not_kill_the_server(client: LanguageClient):
    stdin = client._server.stdin
    stdin.write(b"Content-Length: 7\r\n\r\n{broken")  # not JSON
    stdin.write(b"Content-Length: 2\r\n\r\n[]")  # JSON, not a message
    stdin.write(b"X-Nothing: 1\r\n\r\n")  # no Content-Length
    await stdin.drain()
    await asyncio.sleep(0.2)
    result = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="Application"))
    assert result and result[0].name == "Application"
    assert client._server.returncode is None


def test_the_watcher_inside_the_server_logs_to_its_file_not_to_stderr():
    """An editor shows a server's stderr as errors: the in-process watcher writes .indexer/indexer.log alone."""
    import json
    import subprocess

    log = WORKSPACE / ".indexer" / "indexer.log"
    before = log.read_text() if log.exists() else ""

    def frame(obj: dict) -> bytes:
        body = json.dumps(obj).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    server = subprocess.Popen([INDEXER, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    server.stdin.write(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                              "params": {"rootUri": WORKSPACE.as_uri(), "capabilities": {}}}))
    server.stdin.write(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
    server.stdin.flush()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and "index up to date" not in (log.read_text() if log.exists() else "")[len(before):]:
        time.sleep(0.05)
    server.stdin.write(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
    server.stdin.write(frame({"jsonrpc": "2.0", "method": "exit"}))
    server.stdin.flush()
    _, stderr = server.communicate(timeout=30)
    assert "index up to date" in log.read_text()[len(before):]
    assert b"indexer watch:" not in stderr, stderr


def raw_initialize(cwd, env=None, root_uri=None):
    """Starts `indexer lsp` in `cwd` and sends initialize (no rootUri unless given); returns the reply and the server."""
    import json
    import subprocess

    server = subprocess.Popen([INDEXER, "lsp"], cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL)
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                       "params": {"rootUri": root_uri, "capabilities": {}}}).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()
    header = b""
    while not header.endswith(b"\r\n\r\n"):
        header += server.stdout.read(1)
    reply = json.loads(server.stdout.read(int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])))
    return reply, server


def stop(server):
    import json

    for message in ({"jsonrpc": "2.0", "id": 9, "method": "shutdown"}, {"jsonrpc": "2.0", "method": "exit"}):
        body = json.dumps(message).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()
    server.communicate(timeout=30)


def test_without_a_workspace_the_root_is_the_nearest_project_and_never_the_disk_or_home(tmp_path):
    import os

    # Started in a project's subfolder with no rootUri: the project (marked by pyproject.toml) is indexed.
    project = tmp_path / "proj"
    (project / "pkg" / "inner").mkdir(parents=True)
    (project / "pyproject.toml").write_text("[project]\nname = 'p'\n")
    (project / "pkg" / "inner" / "mod.py").write_text("def found_from_the_root():\n    return 1\n")
    reply, server = raw_initialize(project / "pkg" / "inner")
    assert "result" in reply, reply
    stop(server)
    assert (project / ".indexer").is_dir() and not (project / "pkg" / "inner" / ".indexer").exists()

    # Started in / or in the home folder with no project around: nothing is indexed there; the server waits
    # for the first document, answers nothing meanwhile, and a file in no project leaves it waiting.
    home = tmp_path / "home"
    home.mkdir()
    loose = tmp_path / "loose"
    loose.mkdir()
    (loose / "alone.py").write_text("def alone():\n    pass\n")
    for cwd in ("/", home):
        existed = os.path.exists("/.indexer")
        reply, server = raw_initialize(cwd, env={**os.environ, "HOME": str(home)})
        assert reply["result"]["capabilities"]["textDocumentSync"]["openClose"] is True, reply
        notify(server, "initialized", {})
        assert lsp_request(server, 2, "workspace/symbol", {"query": "found_from_the_root"})["result"] is None
        notify(server, "textDocument/didOpen", {"textDocument": {"uri": (loose / "alone.py").as_uri(), "languageId": "python", "version": 1, "text": ""}})
        assert lsp_request(server, 3, "workspace/symbol", {"query": "alone"})["result"] is None
        assert not (loose / ".indexer").exists()
        opened = project / "pkg" / "inner" / "mod.py"
        notify(server, "textDocument/didOpen", {"textDocument": {"uri": opened.as_uri(), "languageId": "python", "version": 1, "text": opened.read_text()}})
        deadline = time.monotonic() + 30
        found = None
        while time.monotonic() < deadline and not found:
            found = lsp_request(server, 4, "workspace/symbol", {"query": "found_from_the_root"})["result"]
            time.sleep(0.05)
        stop(server)
        assert found and found[0]["location"]["uri"] == opened.as_uri(), found
        assert os.path.exists("/.indexer") == existed and not (home / ".indexer").exists()


def notify(server, method: str, params: dict) -> None:
    import json

    body = json.dumps({"jsonrpc": "2.0", "method": method, "params": params}).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()


def lsp_request(server, message_id: int, method: str, params: dict) -> dict:
    """Sends a request on a raw server and returns its reply, skipping notifications and answering the server's requests."""
    import json

    body = json.dumps({"jsonrpc": "2.0", "id": message_id, "method": method, "params": params}).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()
    while True:
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            header += server.stdout.read(1)
        reply = json.loads(server.stdout.read(int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])))
        if reply.get("id") == message_id and "method" not in reply:
            return reply
        if "method" in reply and "id" in reply:  # progress creation: acknowledge
            ack = json.dumps({"jsonrpc": "2.0", "id": reply["id"], "result": None}).encode()
            server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(ack) + ack)
            server.stdin.flush()


def test_two_servers_on_one_tree_hand_the_watch_over_when_the_writer_dies(tmp_path):
    import os
    import signal

    project = tmp_path / "proj"
    project.mkdir()
    (project / ".git").mkdir()
    (project / "first.py").write_text("def before_the_handover():\n    return 1\n")
    servers = [raw_initialize(project)[1] for _ in range(2)]
    for server in servers:
        body = b'{"jsonrpc":"2.0","method":"initialized","params":{}}'
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        server.stdin.flush()
    try:
        lock = project / ".indexer" / "lock"
        deadline = time.monotonic() + 30
        writer = None
        while time.monotonic() < deadline and writer is None:
            try:
                pid = int("".join(ch for ch in lock.read_text() if ch.isdigit()) or 0)
                writer = next((s for s in servers if s.pid == pid), None)
            except OSError:
                pass
            time.sleep(0.05)
        # One writer, the other a reader.
        assert writer is not None
        survivor = next(s for s in servers if s is not writer)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        # The survivor takes the watch: an edit made now is answered within 2 s.
        (project / "second.py").write_text("def after_the_handover():\n    return 2\n")
        written = time.monotonic()
        found = []
        while time.monotonic() - written < 2.0 and not found:
            found = lsp_request(survivor, 100 + len(found), "workspace/symbol", {"query": "after_the_handover"}).get("result") or []
            time.sleep(0.05)
        assert [s["name"] for s in found] == ["after_the_handover"], time.monotonic() - written
        assert "taking over the watch" in (project / ".indexer" / "indexer.log").read_text()
    finally:
        for server in servers:
            if server.poll() is None:
                server.kill()
                server.wait()
