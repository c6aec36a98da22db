"""The topology and the planner, tested directly on plain code strings
(Pluto's style): rows of cells -> what runs, in which order, and why not."""

from __future__ import annotations

import pytest

from kernel_py.core.errors import CellError, render, to_json
from kernel_py.core.planning import plan
from kernel_py.core.topology import Topology


def cells(*codes: str) -> Topology:
    """Cells named a, b, c, ... in order."""
    return Topology.of({chr(ord("a") + i): code for i, code in enumerate(codes)})


# (cells, roots, options) -> (runnable, errable kinds, stale, disabled)
ROWS = [
    pytest.param(("x = 1", "y = x + 1", "z = y + 1"), "a", {}, "abc", {}, "", "", id="a change runs its descendants in order"),
    pytest.param(("z = y + 1", "y = x + 1", "x = 1"), "c", {}, "cba", {}, "", "", id="order follows the edges, not the page"),
    pytest.param(("x = 1", "print(x)", "print(x)"), "a", {}, "abc", {}, "", "", id="siblings run in notebook order"),
    pytest.param(("x = 1", "y = 2", "x + y"), "b", {}, "bc", {}, "", "", id="only descendants of the root run"),
    pytest.param(("x = 1", "y = x", "z = y"), "a", {"lazy": True}, "a", {}, "bc", "", id="lazy: descendants go stale"),
    pytest.param(("x = 1", "y = x", "z = y"), "c", {"stale": "ab"}, "abc", {}, "", "", id="stale ancestors of a root run first"),
    pytest.param(("x = 1", "y = x", "z = 2"), "c", {"stale": "ab"}, "c", {}, "", "", id="stale cells that are not ancestors wait"),
    pytest.param(("x = 1", "y = x", "z = y"), "a", {"disabled": "b"}, "a", {}, "", "bc", id="a disabled cell blocks its descendants"),
    pytest.param(("x = 1", "x = 2", "x"), "ab", {}, "c", {"a": "multiple-definitions", "b": "multiple-definitions"}, "", "", id="multiple definitions cannot run; their readers are skipped at run time"),
    pytest.param(("x = y", "y = x", "z = x"), "a", {}, "c", {"a": "cycle", "b": "cycle"}, "", "", id="a cycle cannot run; below it stays runnable"),
    pytest.param(("x = (", "y = 1"), "ab", {}, "b", {"a": "syntax"}, "", "", id="a syntax error is errable"),
    pytest.param(("x = 1", "y = 2"), "", {"blocked": "a"}, "a", {}, "", "", id="a blocked cell retries once its conflict is gone"),
    pytest.param(("x = 1", "x = 2"), "", {"blocked": "a"}, "", {}, "", "", id="a blocked cell waits while the conflict stays"),
    pytest.param(("del x", "x = 1", "x"), "b", {}, "bac", {}, "", "", id="a cell deleting a name reads it"),
    pytest.param(("print = 1", "print('x')"), "a", {}, "ab", {}, "", "", id="redefined builtins make edges"),
    pytest.param(("_x = 1", "_x"), "a", {}, "a", {}, "", "", id="private names make no edges"),
]


@pytest.mark.parametrize("codes, roots, options, runnable, errable, stale, disabled", ROWS)
def test_plan(codes, roots, options, runnable, errable, stale, disabled):
    topology = cells(*codes)
    result = plan(topology, list(roots), **{k: (v if isinstance(v, bool) else list(v)) for k, v in options.items()})
    assert "".join(result.runnable) == runnable
    assert {c: e.kind for c, e in result.errable.items()} == errable
    assert "".join(sorted(result.stale)) == stale
    assert "".join(sorted(result.disabled)) == disabled


def test_an_update_returns_a_new_snapshot_and_leaves_the_old_one():
    old = cells("x = 1", "y = x")
    new = old.update({"a": "z = 1"})
    assert old.children("a") == {"b"} and new.children("a") == set()
    assert new.readers_of("x") == {"b"} and new.definers_of("x") == frozenset()
    assert old.analysis("a").defs == {"x"}
    with pytest.raises(TypeError):
        new.analyses["c"] = old.analysis("a")  # type: ignore[index]


def test_removing_a_cell_leaves_its_readers_without_a_definer():
    topology = cells("x = 1", "y = x").update({"a": None})
    assert list(topology) == ["b"] and topology.parents("b") == set()
    assert cells("x = 1", "y = x").update(order=["b"]).order == ("b",)


def test_new_cells_join_at_the_end_unless_an_order_is_given():
    topology = cells("x = 1").update({"z": "y = x"})
    assert topology.order == ("a", "z")
    assert topology.update(order=["z", "a"]).order == ("z", "a")


def test_cycles_are_listed_in_notebook_order():
    assert cells("x = y", "y = x", "q = 1", "r = s", "s = r").cycles() == [["a", "b"], ["d", "e"]]


@pytest.mark.parametrize(
    "codes, cell, error",
    [
        (("x = (",), "a", CellError("syntax", line=1, detail="'(' was never closed")),
        (
            ("x = 1; y = 1", "x = 2", "y = 3"),
            "a",
            CellError("multiple-definitions", names=("x", "y"), cells=("b", "c"), clashes=(("x", ("b",)), ("y", ("c",)))),
        ),
        (("x = 1",), "a", None),
    ],
)
def test_static_errors_are_structured_values(codes, cell, error):
    assert cells(*codes).static_error(cell) == error


def test_errors_render_to_text_only_at_the_edge():
    label = {"a": "cell 'load' (a)", "b": "cell b"}.__getitem__
    cycle = cells("x = y", "y = x").cycle_error({"a", "b"})
    assert cycle == CellError("cycle", names=("x", "y"), cells=("a", "b"))
    assert render(cycle, label) == (
        "This cell is on a cycle: cell 'load' (a) -> cell b -> cell 'load' (a). "
        "Cells on a cycle cannot run; the variables involved are x, y."
    )
    assert render(CellError("ancestor", cells=("a",)), label) == (
        "This cell was not run because an ancestor failed: cell 'load' (a)."
    )
    assert to_json(CellError("syntax", line=2, detail="invalid syntax")) == {
        "kind": "syntax",
        "message": "SyntaxError: line 2: invalid syntax",
        "names": [],
        "cells": [],
        "line": 2,
    }


def _kahn_reference(topology: Topology, todo: set[str]) -> list[str]:
    """Kahn's algorithm, ties by notebook position, stated plainly (cycles left out)."""
    children = {c: topology.children(c) & todo for c in todo}
    indegree = {c: sum(c in kids for kids in children.values()) for c in todo}
    done: list[str] = []
    while True:
        ready = [c for c in topology if c in todo and c not in done and indegree[c] == 0]
        if not ready:
            return done
        done.append(ready[0])
        for kid in children[ready[0]]:
            indegree[kid] -= 1


@pytest.mark.parametrize("seed", range(5))
def test_run_order_is_kahns_whether_or_not_the_page_is_already_in_order(seed):
    import random

    rng = random.Random(seed)
    for _ in range(200):
        names = [f"v{i}" for i in range(rng.randint(2, 6))]
        codes = []
        for _ in range(rng.randint(1, 9)):
            defs = [f"{name} = 0" for name in rng.sample(names, rng.randint(0, 2))]
            reads = rng.sample(names, rng.randint(0, 2))
            codes.append("; ".join(defs + [f"_ = ({', '.join(reads)},)" if reads else "pass"]))
        topology = cells(*codes)
        todo = set(topology)
        runnable = plan(topology, todo).runnable
        expected = [c for c in _kahn_reference(topology, todo) if topology.static_error(c) is None]
        on_cycles = {c for cycle in topology.cycles() for c in cycle}
        assert [c for c in runnable if c not in on_cycles and c in expected] == expected, codes
