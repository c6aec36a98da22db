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


def pytest_collection_modifyitems(config, items):
    """Fast CPython tests first, browser tests last.

    Playwright's sync API keeps an asyncio loop running in the main thread
    for the rest of the session, after which `asyncio.run` (used by the
    kernel tests, as by the CLI) cannot start one.
    """
    items.sort(key=lambda item: "/e2e/" in str(item.fspath).replace("\\", "/"))
