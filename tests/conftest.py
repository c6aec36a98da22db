from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))


@pytest.fixture
def notebook():
    """Factory: notebook("x = 1", "y = x + 1") -> a running harness.Notebook."""
    from harness import Notebook

    made: list[Notebook] = []

    def make(*codes: str, **options) -> Notebook:
        nb = Notebook(*codes, **options)
        made.append(nb)
        return nb

    yield make
    for nb in reversed(made):
        nb.close()


try:  # imported first, so that the real marimo (the test oracle) hooks them at once, not later mid-test
    import comm as _comm
    import ipywidgets.widgets.widget as _ipywidget
except ImportError:
    _comm = _ipywidget = None
_CREATE_COMM = getattr(_comm, "create_comm", None)


def _unhook_marimo() -> None:
    if _ipywidget is not None:
        _ipywidget.Widget._widget_construction_callback = None
        _comm.create_comm = _CREATE_COMM


@pytest.fixture(autouse=True)
def _no_marimo_widget_hooks():
    """The real marimo, once a test has it format something, replaces ipywidgets'
    global widget-construction hook and `comm.create_comm` with its own; a later
    test's widget would then call into marimo with Rivulet's `mo` standing in as
    `marimo`. Each test starts and ends without them, as a process that never
    imported marimo."""
    _unhook_marimo()
    yield
    _unhook_marimo()


def pytest_collection_modifyitems(config, items):
    """Fast CPython tests first, browser tests last.

    Playwright's sync API keeps an asyncio loop running in the main thread
    for the rest of the session, after which `asyncio.run` (used by the
    kernel tests, as by the CLI) cannot start one.
    """
    items.sort(key=lambda item: "/e2e/" in str(item.fspath).replace("\\", "/"))
