"""The gallery as build.py sees it: titles, plain-text one-line summaries,
what needs the network, and the service worker's manifest."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GALLERY = sorted((ROOT / "gallery").glob("*.py"))

_spec = importlib.util.spec_from_file_location("rivulet_build", ROOT / "build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)


def notebook(markdown: str, title: str | None = None) -> str:
    app = f"marimo.App(app_title={title!r})" if title else "marimo.App()"
    return (
        f"import marimo\n\napp = {app}\n\n\n@app.cell\ndef _(mo):\n"
        f"    mo.md(r\"\"\"{markdown}\"\"\")\n    return\n"
    )


def test_the_gallery_has_the_notebooks_a_newcomer_needs():
    names = {p.stem for p in GALLERY}
    assert len(names) >= 12
    for needed in ("reactivity", "widgets", "markdown", "layout", "state", "progress", "tables",
                   "plotting", "files", "data_file", "app", "seed"):
        assert needed in names
    assert (ROOT / "gallery" / "data" / "weather.csv").is_file()


@pytest.mark.parametrize("path", GALLERY, ids=[p.stem for p in GALLERY])
def test_every_gallery_notebook_has_a_title_and_a_plain_one_line_summary(path: Path):
    text = path.read_text(encoding="utf-8")
    assert build.notebook_title(text, "") != ""
    summary = build.notebook_summary(text)
    assert 20 <= len(summary) <= 160, summary
    assert not re.search(r"\*|`|\[|\]\(|\$|\\|<|^#", summary), summary
    assert summary[-1] in ".!?…", summary


def test_summary_strips_markdown_and_skips_headings_tables_and_code():
    text = notebook(
        "\n# Display\n\n```python\nx = 1\n```\n\n| a | b |\n|---|---|\n\n"
        "Markdown is **GitHub-flavoured**: see [the spec](https://github.github.com/gfm/), `code` and $x^2$,\n\n"
        "Next paragraph."
    )
    assert build.notebook_summary(text) == "Markdown is GitHub-flavoured: see the spec, code and x^2."


def test_summary_keeps_whole_sentences_and_cuts_a_long_one_at_a_word():
    three = "First sentence here. " + "Second one is a bit longer than the first. " * 3 + "Last."
    summary = build.notebook_summary(notebook("# T\n\n" + three))
    assert summary.startswith("First sentence here.") and summary.endswith(".")
    assert len(summary) <= 160 and summary in three
    long = "word " * 60
    cut = build.notebook_summary(notebook("# T\n\n" + long))
    assert cut.endswith("…") and len(cut) <= 160 and not cut[:-1].endswith(" ")
    assert cut[:-1].split() == ["word"] * len(cut[:-1].split())


def test_title_falls_back_to_the_first_heading_without_markdown():
    assert build.notebook_title(notebook("# The **bold** title\n\nText."), "x") == "The bold title"
    assert build.notebook_title(notebook("# Heading", title="App title"), "x") == "App title"
    assert build.notebook_title("print(1)\n", "fallback") == "fallback"


def test_packages_from_the_cdn_are_named_on_the_card():
    plotting = (ROOT / "gallery" / "plotting.py").read_text(encoding="utf-8")
    assert build.notebook_needs_network(plotting) == ["altair"]
    intro = (ROOT / "gallery" / "intro.py").read_text(encoding="utf-8")
    assert build.notebook_needs_network(intro) == []


def test_gallery_page_links_and_escapes(tmp_path):
    items = [{"file": "gallery/a&b.py", "title": "<T>", "summary": "S.", "needs": [], "preview": [{"text/plain": "x"}]}]
    page = build.gallery_page(items, {"gallery": "g.js", "gallery_style": "g.css"})
    assert 'href="../?new"' in page
    assert 'href="../?mode=read&amp;file=gallery/a&amp;b.py"' in page
    assert 'href="../?file=gallery/a&amp;b.py"' in page
    assert "&lt;T&gt;" in page and "<T>" not in page
    assert '<script type="module" src="g.js"></script>' in page
    assert "<script>" not in page  # the site's CSP allows no inline script


def test_offline_manifest_lists_the_shell_pyodide_and_gallery():
    if not (build.DIST / "index.html").exists():
        pytest.skip("dist/ is not built")
    manifest = build.offline_manifest()
    assert re.fullmatch(r"[0-9a-f]{16}", manifest["version"])
    pre = set(manifest["precache"])
    for name in ("index.html", "pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip", "pyodide/pyodide-lock.json",
                 "gallery/index.html", "gallery/intro.py", "gallery/data/weather.csv"):
        assert name in pre
    assert any(n.startswith("pyodide/rivulet-") and n.endswith(".whl") for n in pre)
    assert not any(n.endswith(".map") or n == "sw.js" for n in pre | set(manifest["runtime"]))
    assert "gallery/intro.py" in manifest["network"] and "index.html" not in manifest["network"]
    sw = (build.DIST / "sw.js").read_text()
    assert re.search(r"\"version\":\"[0-9a-f]{16}\"", sw)
