"""The Python side of mo's display, layout, media, status and meta functions."""

from __future__ import annotations

import base64
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import kernel_py.mo as mo

ROOT = Path(__file__).resolve().parent.parent
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 8


def text(value) -> str:
    return mo.as_html(value).text


def test_the_exported_names_are_the_public_api():
    assert sorted(mo.__all__) == sorted(n for n in vars(mo) if not n.startswith("_") and n != "annotations")
    for name in ("hstack", "vstack", "tabs", "accordion", "callout", "stat", "center", "left", "right",
                 "tree", "json", "plain_text", "lazy", "image", "audio", "video", "pdf", "download",
                 "icon", "app_meta", "query_params", "status", "md", "Html", "as_html", "output",
                 "state", "stop", "ui"):
        assert name in mo.__all__


@pytest.mark.parametrize(
    "make, fragments",
    [
        (lambda: mo.hstack(["a", "b"]), ["display:flex", "flex-direction:row", "justify-content:space-between", "gap:0.5rem", ">a<", ">b<"]),
        (lambda: mo.hstack(["a", "b"], justify="center", align="end", wrap=True, gap=2), ["justify-content:center", "align-items:flex-end", "flex-wrap:wrap", "gap:2rem"]),
        (lambda: mo.hstack(["a", "b"], widths=[1, 3]), ["flex:1 1 0", "flex:3 1 0"]),
        (lambda: mo.hstack(["a", "b"], widths="equal"), ["flex:1.0 1 0"]),
        (lambda: mo.vstack(["a", "b"]), ["flex-direction:column", "justify-content:flex-start"]),
        (lambda: mo.vstack(["a"], align="stretch", heights=[2]), ["align-items:stretch", "flex:2 1 0"]),
        (lambda: mo.center("x"), ["justify-content:center"]),
        (lambda: mo.left("x"), ["justify-content:flex-start"]),
        (lambda: mo.right("x"), ["justify-content:flex-end"]),
        (lambda: mo.tabs({"One": "a", "Two & co": mo.md("b")}), ["<rv-tabs>", 'data-tab-label="One"', 'data-tab-label="Two &amp; co"', "<rv-md"]),
        (lambda: mo.accordion({"A": "x", "B": "y"}), ["<details", "<summary", ' name="rv-acc-']),
        (lambda: mo.accordion({"A": "x"}, multiple=True, expanded=["A"]), ["<details class=\"rv-accordion-item\" open>"]),
        (lambda: mo.accordion({"A": "x"}, lazy=True), ["<rv-lazy>", "<template>x</template>"]),
        (lambda: mo.callout("hi"), ['data-kind="neutral"', 'role="note"', "hi"]),
        (lambda: mo.callout("hi", kind="danger", title="T<"), ['data-kind="danger"', 'role="alert"', "T&lt;"]),
        (lambda: mo.stat(1234.5, label="Sales", caption="vs last week", direction="increase"), ["1,234.5", "Sales", "▲ vs last week", "#1a7f37"]),
        (lambda: mo.stat("12%", direction="increase", target_direction="decrease", bordered=True), ["12%", "#c62828", "border:1px solid"]),
        (lambda: mo.plain_text("<b>  x"), ["<pre", "&lt;b&gt;  x"]),
        (lambda: mo.json({"a": [1, "s"]}), ['rv-json', "&quot;a&quot;", ">1<", "&quot;s&quot;"]),
        (lambda: mo.json('{"k": null}'), ["null"]),
        (lambda: mo.tree(["x", {"k": (1, 2)}], label="L"), ["rv-tree", "&#x27;x&#x27;", "&#x27;k&#x27;", "(", "L"]),
        (lambda: mo.lazy("body"), ["<rv-lazy><template>body</template></rv-lazy>"]),
    ],
)
def test_layouts_render_as_html(make, fragments):
    out = make()
    assert isinstance(out, mo.Html)
    for fragment in fragments:
        assert fragment in out.text, (fragment, out.text)


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda: mo.callout("x", kind="loud"), "Unsupported callout kind"),
        (lambda: mo.hstack(["a"], justify="middle"), "justify"),
        (lambda: mo.vstack(["a"], align="top"), "align"),
        (lambda: mo.hstack(["a", "b"], widths=[1]), "sizes"),
        (lambda: mo.tree(3), "tree()"),
        (lambda: mo.stat(1, direction="up"), "direction"),
    ],
)
def test_bad_arguments_are_clear_errors(call, error):
    with pytest.raises(ValueError, match=re.escape(error)):
        call()


def test_layouts_nest_and_keep_widgets_live():
    slider_like = mo.Html('<rv-ui data-kind="slider" data-id="c1-1"></rv-ui>')
    out = mo.vstack([mo.hstack([slider_like, mo.md("**x**")]), mo.callout(slider_like)])
    assert out.text.count('<rv-ui data-kind="slider" data-id="c1-1"></rv-ui>') == 2


# ---------------------------------------------------------------- media


def _data_of(markup: str, attr: str) -> tuple[str, bytes]:
    url = html.unescape(re.search(f'{attr}="([^"]*)"', markup).group(1))
    head, payload = url.split(",", 1)
    return head, base64.b64decode(payload)


@pytest.mark.parametrize(
    "src, kind",
    [(PNG, "image/png"), (b"\xff\xd8\xff\xe0", "image/jpeg"), (b"GIF89a..", "image/gif"),
     (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml")],
)
def test_image_inlines_bytes_with_their_type(src, kind):
    head, data = _data_of(mo.image(src).text, "src")
    assert head == f"data:{kind};base64" and data == src


def test_image_from_a_path_a_file_and_a_url(tmp_path):
    path = tmp_path / "pic.png"
    path.write_bytes(PNG)
    for src in (path, str(path), path.open("rb")):
        head, data = _data_of(mo.image(src).text, "src")
        assert head == "data:image/png;base64" and data == PNG
    out = mo.image("https://example.org/a.png", alt="A", width=100, height="5rem", rounded=True, caption="Cap")
    assert 'src="https://example.org/a.png"' in out.text and 'alt="A"' in out.text
    assert "width:100px" in out.text and "height:5rem" in out.text and "border-radius:8px" in out.text
    assert "<figcaption" in out.text and "Cap" in out.text


def test_audio_video_and_pdf_embed_their_source(tmp_path):
    assert '<audio controls src="https://x/a.mp3">' in mo.audio("https://x/a.mp3").text
    head, _ = _data_of(mo.audio(b"RIFF\0\0\0\0WAVEfmt ").text, "src")
    assert head == "data:audio/wav;base64"
    video = mo.video("movie.mp4", muted=True, loop=True, width=320).text
    assert 'src="movie.mp4"' in video and " controls" in video and " muted" in video and " loop" in video
    assert " autoplay" not in video and "width:320px" in video
    doc = tmp_path / "doc.pdf"
    doc.write_bytes(b"%PDF-1.4")
    out = mo.pdf(doc, initial_page=2).text
    assert 'type="application/pdf"' in out and "#page=2" in out
    head, data = _data_of(out.replace("#page=2", ""), "data")
    assert head == "data:application/pdf;base64" and data == b"%PDF-1.4"


@pytest.mark.parametrize(
    "kwargs, filename, kind, payload",
    [
        ({"data": "a,b\n1,2\n", "filename": "t.csv"}, "t.csv", "text/plain", b"a,b\n1,2\n"),
        ({"data": "x", "filename": "t.csv", "mimetype": "text/csv"}, "t.csv", "text/csv", b"x"),
        ({"data": b"\x00\x01"}, "download.bin", "application/octet-stream", b"\x00\x01"),
        ({"data": PNG, "filename": "p.png"}, "p.png", "image/png", PNG),
        ({"data": lambda: "lazy", "filename": lambda: "l.txt"}, "l.txt", "text/plain", b"lazy"),
    ],
)
def test_download_is_a_link_with_the_data_and_file_name(kwargs, filename, kind, payload):
    out = mo.download(**kwargs).text
    assert out.startswith("<rv-download>") and 'role="button"' in out
    assert f'download="{filename}"' in out
    head, data = _data_of(out, "href")
    assert head == f"data:{kind};base64" and data == payload


def test_download_label_and_disabled():
    assert "Get it" in mo.download("x", label="Get it").text
    disabled = mo.download("x", disabled=True).text
    assert "disabled" in disabled and "href" not in disabled


def test_icon_is_an_iconify_element_with_an_accessible_name():
    out = mo.icon("lucide:leaf-green", size=20, color="green", rotate="90deg").text
    assert out.startswith('<iconify-icon icon="lucide:leaf-green"')
    assert 'aria-label="leaf green"' in out and 'rotate="90deg"' in out and "color:green" in out


# ---------------------------------------------------------------- status, meta, output


def test_progress_bar_shows_each_step_while_the_cell_runs(notebook):
    nb = notebook(
        "import marimo as mo",
        "mo.output.append('head')\nfor _x in mo.status.progress_bar([1, 2, 3], title='Work'):\n    pass",
    )
    running = [m["output"]["text/html"] for m in nb.events if m["type"] == "output" and m.get("run") == "running" and m["cell"] == "c1"]
    values = [re.search(r'<progress value="(\d+)"', h).group(1) for h in running if "<progress" in h]
    assert values[:4] == ["0", "1", "2", "3"]
    assert all(h.startswith("head") for h in running)
    final = nb.output("c1")["text/html"]
    assert 'value="3" max="3"' in final and "Work" in final  # stays, completed


def test_progress_bar_by_hand_and_spinner_removed_on_exit(notebook):
    nb = notebook(
        "import marimo as mo",
        "with mo.status.progress_bar(total=4, title='Manual', remove_on_exit=True) as bar:\n    bar.update(increment=2, subtitle='half')",
        "with mo.status.spinner(title='Loading') as s:\n    s.update(subtitle='almost')\n'done'",
        "with mo.status.spinner(title='Kept', remove_on_exit=False):\n    pass",
    )
    shown = [m["output"]["text/html"] for m in nb.events if m["type"] == "output" and m.get("run") == "running" and m["cell"] == "c1" and m["output"]]
    assert any('value="2" max="4"' in h and "half" in h for h in shown)
    assert nb.output("c1") is None
    spins = [m["output"] for m in nb.events if m["type"] == "output" and m.get("run") == "running" and m["cell"] == "c2"]
    assert any(o and "almost" in o["text/html"] and 'role="status"' in o["text/html"] for o in spins)
    assert nb.text("c2") == "'done'"
    assert "Kept" in nb.output("c3")["text/html"]


def test_status_outside_a_notebook_is_harmless():
    assert list(mo.status.progress_bar(range(3))) == [0, 1, 2]
    with mo.status.spinner():
        pass
    with pytest.raises(ValueError):
        mo.status.progress_bar()


def test_app_meta_and_query_params_come_from_the_session():
    import asyncio

    from kernel_py.session import Session

    events: list = []
    session = Session(events.append, mode="read", query_params={"q": "x", "tag": ["a", "b"]})
    code = """
import marimo as mo
meta = mo.app_meta()
assert meta.mode == "run" and meta.theme == "light" and meta.request is None
params = mo.query_params()
assert params["q"] == "x" and params.get("missing", 1) == 1 and params.get_all("tag") == ["a", "b"]
assert "q" in params and len(params) == 2 and sorted(params) == ["q", "tag"]
params.set("n", "1")
params.append("tag", "c")
params.remove("q")
mo.query_params().to_dict()
"""
    try:
        asyncio.run(session.handle({"v": 1, "type": "run", "cells": [{"id": "a", "code": code}]}))
    finally:
        session.close()
    output = [e for e in events if e["type"] == "output"][-1]
    assert output["error"] is None, output["error"]
    assert output["output"]["text/plain"] == "{'tag': ['a', 'b', 'c'], 'n': '1'}"
    assert mo.app_meta().mode == "script"  # no session: a plain script


def test_app_meta_mode_is_edit_in_the_editor(notebook):
    nb = notebook("import marimo as mo", "mo.app_meta().mode")
    assert nb.text("c1") == "'edit'"


def test_output_append_and_replace_in_a_cell(notebook):
    nb = notebook(
        "import marimo as mo",
        "mo.output.append(mo.md('one'))\nmo.output.append(mo.callout('two'))",
        "mo.output.append('x')\nmo.output.replace(mo.stat(5))",
    )
    out = nb.output("c1")["text/html"]
    assert out.index("one") < out.index("two")
    assert "rv-stat" in nb.output("c2")["text/html"] and "x" not in nb.output("c2")["text/html"].split("rv-stat")[0]


# ---------------------------------------------------------------- markdown


@pytest.mark.parametrize(
    "source, expected",
    [
        ("# Title", "# Title"),
        ("\n    indented\n      more\n    ", "indented\n  more"),
        ("a <b> & \"c\"", "a <b> & \"c\""),
        ("line1\nline2", "line1\nline2"),
    ],
)
def test_md_carries_its_source_on_one_line(source, expected):
    out = mo.md(source).text
    assert "\n" not in out
    attr = re.fullmatch(r'<rv-md data-md="([^"]*)"></rv-md>', out).group(1)
    assert html.unescape(attr) == expected


NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize(
    "code, expected",
    [
        ('mo.md("""\n    # Hi\n\n    text\n    """)', "# Hi\n\ntext"),
        ('mo.md(r"""\n    $\\alpha$ \\n\n""")', "$\\alpha$ \\n"),
        ("marimo.md('a\\nb')", "a\nb"),
        ('m.md("it\'s \\"q\\"")', 'it\'s "q"'),
        ('mo.md(f"{x}")', None),
        ('x = 1\nmo.md("a")', None),
        ('mo.md("a" + "b")', None),
        ('mo.md("""a""" if x else """b""")', None),
        ("print('hi')", None),
    ],
)
def test_markdown_only_cells_are_recognised_by_the_front_end(code, expected):
    import json

    script = (
        f"import {{ markdownOfCell }} from {json.dumps((ROOT / 'web/src/md/preview.js').as_uri())};"
        f"process.stdout.write(JSON.stringify(markdownOfCell({json.dumps(code)})));"
    )
    result = subprocess.run([NODE, "--input-type=module", "-e", script], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == expected
    if expected is not None:  # the same text mo.md would carry
        import inspect

        assert expected == inspect.cleandoc(expected)
