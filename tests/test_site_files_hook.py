"""kernel_py.browser.site_files patches pyodide.http only once it is imported
(a kernel start does not pay for importing it): the import hook, on a module of our own."""

from __future__ import annotations

import importlib
import sys

from kernel_py.browser.site_files import when_imported


def test_a_module_imported_later_is_patched_once_it_runs(tmp_path, monkeypatch):
    (tmp_path / "rv_later_pkg").mkdir()
    (tmp_path / "rv_later_pkg" / "__init__.py").write_text("")
    (tmp_path / "rv_later_pkg" / "http.py").write_text("def open_url(url):\n    return 'original'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    seen = []

    def patch(module):
        seen.append(module.__name__)
        module.open_url = lambda url: "patched"

    finders = list(sys.meta_path)
    when_imported("rv_later_pkg.http", patch)
    assert seen == []  # nothing imported yet: nothing patched
    module = importlib.import_module("rv_later_pkg.http")
    assert module.open_url("x") == "patched"
    assert seen == ["rv_later_pkg.http"]
    assert sys.meta_path == finders  # the hook is gone once used
    importlib.reload(module)  # a reload is the module's own business
    assert seen == ["rv_later_pkg.http"]
    for name in ("rv_later_pkg.http", "rv_later_pkg"):
        sys.modules.pop(name, None)


def test_a_module_already_imported_is_patched_at_once():
    seen = []
    when_imported("json", lambda module: seen.append(module.__name__))
    assert seen == ["json"]
