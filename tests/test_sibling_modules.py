"""Modules beside the notebook in the browser (kernel_py/browser/sibling_modules.py):
which URL they come from, and which get fetched, with the fetch as the seam
(the real one, through the page, runs in tests/e2e/test_embed_siblings.py)."""

from __future__ import annotations

import asyncio
import sys

import pytest

from kernel_py.browser.sibling_modules import Siblings, folder_url

SITE = "http://127.0.0.1:8000/"


@pytest.mark.parametrize(
    "file, folder",
    [
        ("gallery/intro.py", "http://127.0.0.1:8000/gallery/"),
        ("nb.py", "http://127.0.0.1:8000/"),
        ("/deep/er/nb.py", "http://127.0.0.1:8000/deep/er/"),
        ("https://example.org/notebooks/nb.py", "https://example.org/notebooks/"),
        ("/__rivulet__/file", "http://127.0.0.1:8000/__notebook__/"),  # rivulet edit's file
        ("data:text/plain,x", None),
        ("javascript:alert(1)", None),
        ("", None),
        (None, None),
    ],
)
def test_the_modules_come_from_the_notebooks_folder(file, folder):
    assert folder_url(SITE, file) == folder


class Site:
    """Files by URL; records what was asked."""

    def __init__(self, files: dict[str, str]) -> None:
        self.files = files
        self.asked: list[str] = []

    async def fetch(self, url: str) -> str | None:
        self.asked.append(url)
        return self.files.get(url)


def bring(siblings: Siblings, *sources: str, wanted=lambda name: True) -> list[str]:
    return asyncio.run(siblings.bring(list(sources), wanted))


def test_an_imported_notebook_and_what_it_imports_beside_it_are_fetched_once(tmp_path):
    base = SITE + "gallery/"
    site = Site({
        base + "child_nb.py": "import marimo\nimport grandchild_nb\nimport json\napp = marimo.App()\n",
        base + "grandchild_nb.py": "import lzstring\nVALUE = 7\n",
    })
    siblings = Siblings(base, str(tmp_path), fetch=site.fetch)
    brought = bring(siblings, "from child_nb import app\nimport os", wanted=lambda n: n not in ("marimo", "lzstring"))  # importable ones
    assert sorted(site.asked) == [base + "child_nb.py", base + "grandchild_nb.py"]  # not os, json, marimo, lzstring
    assert (tmp_path / "grandchild_nb.py").read_text() == "import lzstring\nVALUE = 7\n"
    assert any("import lzstring" in s for s in brought)  # its packages get planned too
    assert siblings.here("child_nb") and not siblings.here("lzstring")
    assert bring(siblings, "import child_nb") == []  # nothing new
    assert len(site.asked) == 2


def test_a_module_the_site_does_not_have_is_asked_for_once_and_left_to_pypi(tmp_path):
    site = Site({})
    siblings = Siblings(SITE, str(tmp_path), fetch=site.fetch)
    assert bring(siblings, "import requests") == []
    assert bring(siblings, "import requests") == []
    assert site.asked == [SITE + "requests.py"] and not siblings.here("requests")


def test_an_exports_modules_are_not_fetched_and_are_read_once_written(tmp_path):
    site = Site({})
    siblings = Siblings(None, str(tmp_path), shipped=["helpers.py", "data/x.csv", "pkg/__init__.py"], fetch=site.fetch)
    assert siblings.here("helpers") and siblings.here("pkg") and not siblings.here("data")
    assert bring(siblings, "import helpers") == []  # written later, by the page
    (tmp_path / "helpers.py").write_text("import lzstring\n")
    assert bring(siblings, "import helpers") == ["import lzstring\n"]
    assert site.asked == []


def test_a_fetched_module_imports(tmp_path, monkeypatch):
    site = Site({SITE + "twice_mod.py": "def twice(x):\n    return 2 * x\n"})
    siblings = Siblings(SITE, str(tmp_path), fetch=site.fetch)
    bring(siblings, "from twice_mod import twice")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "twice_mod", raising=False)
    from twice_mod import twice

    assert twice(21) == 42
