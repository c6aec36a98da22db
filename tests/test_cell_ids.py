"""Cell ids match marimo's: the same generator, the same order."""

from __future__ import annotations

import random
import string

from kernel_py.notebook.cell_ids import FIRST_DRAWS, SEED, CellIds


def _marimo_order(n: int) -> list[str]:
    generator = random.Random(SEED)
    seen: set[str] = {"setup"}
    ids = []
    while len(ids) < n:
        cell_id = "".join(generator.choices(string.ascii_letters, k=4))
        if cell_id not in seen:
            seen.add(cell_id)
            ids.append(cell_id)
    return ids


def test_the_table_is_the_generators_first_draws():
    generator = random.Random(SEED)
    assert list(FIRST_DRAWS) == [
        "".join(generator.choices(string.ascii_letters, k=4)) for _ in FIRST_DRAWS
    ]


def test_ids_continue_past_the_table_in_marimos_order():
    ids = CellIds()
    n = len(FIRST_DRAWS) + 50
    assert [ids.next() for _ in range(n)] == _marimo_order(n)


def test_claimed_ids_are_skipped():
    ids = CellIds()
    first = _marimo_order(2)
    ids.claim(first[0])
    assert ids.next() == first[1]


def test_first_ids_are_marimos_familiar_ones():
    ids = CellIds()
    assert [ids.next() for _ in range(3)] == ["Hbol", "MJUe", "vblA"]
