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
