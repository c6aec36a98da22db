"""The rest of marimo's top-level names: caching, capture/redirect, threads,
defs/refs, cli_args, and the display helpers (what a user sees in a notebook)."""

from __future__ import annotations

import asyncio
import inspect as pyinspect
import sys
import threading

import pytest

import kernel_py.mo as mo
from kernel_py.mo._runtime import _parse_cli

NEW_NAMES = [
    "MarimoStopError", "Thread", "cache", "capture_stderr", "capture_stdout", "carousel", "cli_args",
    "current_thread", "defs", "doc", "iframe", "image_compare", "inspect", "latex", "lru_cache",
    "mermaid", "nav_menu", "outline", "persistent_cache", "plain", "redirect_stderr",
    "redirect_stdout", "refs", "routes", "running_in_notebook", "show_code", "sidebar", "style",
]


@pytest.mark.parametrize("name", NEW_NAMES)
def test_the_name_exists_with_marimos_parameters(name):
    ours = getattr(mo, name)
    assert name in mo.__all__
    real = pytest.importorskip("marimo")
    theirs = getattr(real, name)
    if name in ("MarimoStopError", "Thread"):
        assert issubclass(ours, BaseException) == issubclass(theirs, BaseException)
        return
    want = [p for p in pyinspect.signature(theirs).parameters.values() if not p.name.startswith("_")]
    got = pyinspect.signature(ours).parameters
    for p in want:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        assert p.name in got, f"mo.{name} lacks parameter {p.name}"
        assert got[p.name].default == p.default, f"mo.{name}({p.name}=...) default"


# -- cache -----------------------------------------------------------------------


def test_cache_returns_stored_results_and_counts_hits():
    calls = []

    @mo.cache
    def square(x):
        calls.append(x)
        return x * x

    assert [square(3), square(3), square(4)] == [9, 9, 16]
    assert calls == [3, 4]
    info = square.cache_info()
    assert (info.hits, info.misses, info.currsize) == (1, 2, 2)
    square.cache_clear()
    assert square(3) == 9 and calls == [3, 4, 3]


def test_a_cache_survives_the_cell_running_again_while_its_code_is_unchanged(notebook):
    nb = notebook(
        "import marimo as mo\ncount = []",
        "@mo.cache\ndef slow(n):\n    count.append(n)\n    return n + 1",
        "slow(1), slow(1), len(count)",
    )
    assert nb.text("c2") == "(2, 2, 1)"
    nb.run("c1")  # redefine the same function: the results stay
    assert nb.text("c2") == "(2, 2, 1)"
    nb.run("c1", c1="@mo.cache\ndef slow(n):\n    count.append(n)\n    return n + 2")
    assert nb.text("c2") == "(3, 3, 2)"


def test_lru_cache_keeps_maxsize_results_and_async_functions_are_cached():
    @mo.lru_cache(maxsize=2)
    def f(x):
        return object()

    a = f(1)
    f(2), f(3)
    assert f(1) is not a and f.cache_info().maxsize == 2

    @mo.cache
    async def g(x):
        return [x]

    first = asyncio.run(g(1))
    assert asyncio.run(g(1)) is first


def test_persistent_cache_reads_results_back_from_disk(tmp_path):
    calls = []

    def make():
        @mo.persistent_cache(save_path=str(tmp_path))
        def load(name):
            calls.append(name)
            return {"name": name}

        return load

    assert make()("a") == {"name": "a"}
    from kernel_py.mo import _runtime

    _runtime._memory.clear()  # a new session: only the files remain
    assert make()("a") == {"name": "a"} and calls == ["a"]
    assert list(tmp_path.glob("*.pickle"))


def test_persistent_cache_files_lost_with_the_file_system_come_back_from_the_backing_store(tmp_path, monkeypatch):
    """The browser's case: files in memory are gone after a reload; the page's store still has them."""
    from kernel_py.mo import _runtime

    kept: dict[str, bytes] = {}
    monkeypatch.setattr(_runtime, "_backing", None)
    _runtime.set_persistent_backing(kept.get, kept.__setitem__)
    calls = []

    def make():
        @mo.persistent_cache(save_path=str(tmp_path / "cache"))
        def load(name):
            calls.append(name)
            return [name] * 2

        return load

    assert make()("b") == ["b", "b"]
    [name] = kept
    assert (tmp_path / "cache" / name).read_bytes() == kept[name]
    _runtime._memory.clear()
    for f in (tmp_path / "cache").iterdir():
        f.unlink()  # a reload: the in-memory file system is empty
    assert make()("b") == ["b", "b"] and calls == ["b"]
    assert (tmp_path / "cache" / name).exists()  # copied back for the next lookup


def test_the_block_form_of_cache_runs_the_block():
    with mo.cache("block"):
        x = 1
    with mo.persistent_cache("block"):
        y = 2
    assert (x, y) == (1, 2)


# -- stdout / stderr -----------------------------------------------------------------


def test_capture_stdout_and_stderr_collect_what_the_block_writes(notebook):
    nb = notebook(
        "import marimo as mo, sys\n"
        "with mo.capture_stdout() as out:\n    print('hidden')\n"
        "with mo.capture_stderr() as err:\n    print('oops', file=sys.stderr)\n"
        "print('shown')\n"
        "(out.getvalue(), err.getvalue())"
    )
    assert nb.text("c0") == "('hidden\\n', 'oops\\n')"
    assert nb.console("c0") == "shown\n"


def test_redirect_stdout_puts_prints_in_the_output(notebook):
    nb = notebook("import marimo as mo\nwith mo.redirect_stdout():\n    print('into <the> output')")
    assert "into &lt;the&gt; output" in nb.text("c0")
    assert "into" not in nb.console("c0")


# -- runtime -------------------------------------------------------------------------


def test_defs_refs_and_running_in_notebook_describe_the_running_cell(notebook):
    nb = notebook("import marimo as mo\na = 1", "b = a + 1\nmo.defs(), mo.refs(), mo.running_in_notebook()")
    assert nb.text("c1") == "(('b',), ('a', 'mo'), True)"
    assert mo.defs() == () and mo.refs() == () and mo.running_in_notebook() is False


def test_cli_args_parse_as_marimo_does():
    args = ["--n", "3", "--x=1.5", "--flag", "--name", "a", "b", "--n", "4", "-v", "true"]
    assert _parse_cli(args) == {"n": [3, 4], "x": 1.5, "flag": "", "name": "a b", "v": True}
    real = pytest.importorskip("marimo._cli.parse_args")
    assert _parse_cli(args) == real.parse_args(args)
    assert mo.cli_args() == {}


def test_mo_stop_raises_marimo_stop_error():
    with pytest.raises(mo.MarimoStopError):
        mo.stop(True)


def test_thread_carries_the_cells_context(notebook):
    nb = notebook(
        "import marimo as mo\n"
        "t = mo.Thread(target=lambda: print('from the thread'))\nt.start(); t.join()\n"
        "isinstance(mo.current_thread(), __import__('threading').Thread)"
    )
    assert nb.text("c0") == "True"
    assert "from the thread" in nb.console("c0")


def test_thread_explains_itself_where_threads_cannot_start(monkeypatch):
    monkeypatch.setattr(sys, "platform", "emscripten")
    with pytest.raises(RuntimeError, match="threads cannot be started in the browser"):
        mo.Thread(target=lambda: None).start()
    assert mo.current_thread() is threading.current_thread()


# -- display helpers -------------------------------------------------------------------


def html(value) -> str:
    kind, text = value._mime_()
    assert kind == "text/html"
    return text


def test_plain_shows_a_frame_as_a_plain_table():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"a": [1, 2]})
    text = html(mo.plain(df))
    assert "<table" in text and "rv-ui" not in text


def test_show_code_shows_the_cells_code_above_its_output(notebook):
    nb = notebook("import marimo as mo\nmo.show_code(mo.md('**the output**'))")
    text = nb.text("c0")
    assert "mo.show_code(mo.md(&#x27;**the output**&#x27;))" in text or "mo.show_code(mo.md('**the output**'))" in text
    assert text.index("rv-show-code") < text.index("the output")
    with pytest.raises(ValueError):
        mo.show_code(position="left")


def test_iframe_is_an_element_the_page_sandboxes():
    text = html(mo.iframe("<b>x</b>", height="120px"))
    assert text.startswith("<rv-iframe") and 'data-html="&lt;b&gt;x&lt;/b&gt;"' in text
    assert 'data-height="120px"' in text


def test_mermaid_shows_its_source_and_says_it_is_not_drawn():
    text = html(mo.mermaid("graph LR; A-->B"))
    assert "A--&gt;B" in text and "not drawn" in text


def test_style_nav_menu_sidebar_and_routes_markup():
    assert 'style="color:red;font-size:2em"' in html(mo.style("x", {"color": "red"}, font_size="2em"))
    nav = html(mo.nav_menu({"#/a": "A", "Group": {"https://x.org": "X"}}, orientation="vertical"))
    assert 'href="#/a"' in nav and "<summary>Group</summary>" in nav and 'target="_blank"' in nav
    assert "flex-direction:column" in nav
    side = html(mo.sidebar(mo.md("s"), footer="f", width=100))
    assert side.startswith("<aside") and "width:100px" in side
    routes = html(mo.routes({"#/": "home", "/about": lambda: "about"}))
    assert '<template data-route="#/">home</template>' in routes
    assert '<template data-route="#/about">about</template>' in routes


def test_carousel_outline_and_image_compare_are_page_elements():
    car = html(mo.carousel(["a", "b"]))
    assert car.startswith('<rv-carousel data-count="2">') and car.count("data-slide") == 2
    assert 'data-label="Contents"' in html(mo.outline(label="Contents"))
    png = b"\x89PNG\r\n\x1a\n0000"
    cmp_ = html(mo.image_compare(png, png, value=25, direction="vertical"))
    assert cmp_.startswith("<rv-image-compare") and cmp_.count("<img") == 2 and "&quot;value&quot;: 25.0" in cmp_
    with pytest.raises(ValueError):
        mo.image_compare(png, png, value=120)


def test_doc_and_inspect_describe_an_object():
    def f(a, b=2):
        """Add things.

        More detail."""

    assert "f(a, b=2)" in html(mo.doc(f)) and "Add things." in html(mo.doc(f))
    assert mo.doc(lambda: 0) is None
    panel = html(mo.inspect([1, 2], methods=True))
    assert "<strong>list</strong>" in panel and "append" in panel
    assert "append" not in html(mo.inspect([1, 2]))


def test_latex_accepts_macros_and_returns_none(tmp_path):
    macros = tmp_path / "macros.tex"
    macros.write_text("\\newcommand{\\R}{\\mathbb{R}}")
    assert mo.latex(filename=macros) is None
    assert mo.latex("\\newcommand{\\N}{\\mathbb{N}}") is None


def test_a_changed_constant_the_function_reads_is_a_new_cache(notebook):
    nb = notebook(
        "import marimo as mo\nK = 1",
        "@mo.cache\ndef add(n):\n    return n + K",
        "add(1)",
    )
    assert nb.text("c2") == "2"
    nb.run("c0", c0="import marimo as mo\nK = 10")
    assert nb.text("c2") == "11"
