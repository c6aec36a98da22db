"""marimo's remaining top-level names (mo.mpl, mo.watch, mo.ai,
mo.create_asgi_app, mo.islands, mo.MarimoIslandGenerator): they import, take
marimo's parameters, and explain themselves when they cannot work here.
Also the count of marimo's public names Rivulet still lacks."""

from __future__ import annotations

import inspect

import pytest

import kernel_py.mo as mo

real = pytest.importorskip("marimo")

# marimo 0.25 names still missing: none.
ALLOWED_MISSING_TOP: set[str] = set()
ALLOWED_MISSING_UI: set[str] = set()


def test_marimos_public_names_rivulet_lacks_are_only_the_known_ones():
    top = {n for n in dir(real) if not n.startswith("_") and not hasattr(mo, n)}
    ui = {n for n in dir(real.ui) if not n.startswith("_") and not hasattr(mo.ui, n)}
    assert top <= ALLOWED_MISSING_TOP, f"newly missing: {top - ALLOWED_MISSING_TOP}"
    assert ui <= ALLOWED_MISSING_UI, f"newly missing: {ui - ALLOWED_MISSING_UI}"
    assert len(top) + len(ui) == 0


def _params_match(ours, theirs, where):
    want = [p for p in inspect.signature(theirs).parameters.values() if p.name != "self"]
    got = inspect.signature(ours).parameters
    for p in want:
        assert p.name in got, f"{where} lacks {p.name}"
        assert got[p.name].default == p.default, f"{where}({p.name}=...) default"


@pytest.mark.parametrize(
    "path",
    ["mpl.interactive", "watch.file", "watch.directory", "create_asgi_app",
     "MarimoIslandGenerator.__init__", "MarimoIslandGenerator.from_file"],
)
def test_the_names_take_marimos_parameters(path):
    ours, theirs = mo, real
    for part in path.split("."):
        ours, theirs = getattr(ours, part), getattr(theirs, part)
    _params_match(ours, theirs, f"mo.{path}")


def test_the_names_are_in_all_and_the_modules_have_marimos_members():
    for name in ("MarimoIslandGenerator", "ai", "create_asgi_app", "islands", "mpl", "watch"):
        assert name in mo.__all__
    for module in ("ai", "mpl", "watch", "islands"):
        theirs = {n for n in dir(getattr(real, module)) if not n.startswith("_")}
        ours = {n for n in dir(getattr(mo, module)) if not n.startswith("_")}
        assert theirs <= ours, f"mo.{module} lacks {theirs - ours}"
    assert mo.islands.MarimoIslandGenerator is mo.MarimoIslandGenerator


def test_create_asgi_app_and_islands_explain_why_they_do_not_work_here():
    with pytest.raises(NotImplementedError, match="runs notebooks in the browser from static files"):
        mo.create_asgi_app(include_code=True)
    gen = mo.MarimoIslandGenerator()  # constructing works (imports and setup code keep running)
    with pytest.raises(NotImplementedError, match="rivulet export PATH --islands"):
        gen.add_code("1 + 1")
    with pytest.raises(NotImplementedError, match="marimo's own front end"):
        mo.MarimoIslandGenerator.from_file("nb.py")


def test_mpl_interactive_is_a_static_image_with_a_note():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([1, 2, 3])
    for target in (fig, ax):
        html = mo.mpl.interactive(target)
        assert isinstance(html, mo.Html)
        assert "<img" in html.text and "data:image/png;base64," in html.text
        assert "static image" in html.text and 'role="note"' in html.text
    plt.close(fig)


def test_watch_checks_paths_as_marimo(tmp_path):
    for call in (lambda m: m.watch.file(tmp_path), lambda m: m.watch.directory(tmp_path / "nope")):
        with pytest.raises(ValueError) as theirs:
            call(real)
        with pytest.raises(ValueError) as ours:
            call(mo)
        assert str(ours.value) == str(theirs.value)
    (tmp_path / "a.txt").write_text("hello")
    f = mo.watch.file(tmp_path / "a.txt")
    assert f.exists() and f.read_text() == "hello"
    d = mo.watch.directory(tmp_path)
    assert [p.name for p in d.iterdir()] == ["a.txt"] and [p.name for p in d.glob("*.txt")] == ["a.txt"]
    assert "changes by other programs are not watched" in f._mime_()[1]


def test_a_watched_file_written_by_the_notebook_reruns_its_readers(notebook, tmp_path):
    path = tmp_path / "data.txt"
    path.write_text("one")
    nb = notebook(
        f"import marimo as mo\nf = mo.watch.file({str(path)!r})",
        "f.read_text()",
        "f.write_text('two') if False else None",
    )
    assert nb.text("c1") == "'one'"
    events = nb.run("c2", c2="f.write_text('two')")
    assert "c1" in nb.ran(events) and nb.text("c1") == "'two'"
