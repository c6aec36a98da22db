"""Deciding what runs: a pure function of a topology and the cells' states.

``plan`` takes the cells a change touched (the roots) and returns, in the
spirit of Pluto's ``TopologicalOrder``, the cells to run in order
(``runnable``) and the cells that cannot run with why (``errable``: syntax,
multiple definitions, cycles), plus the cells that go stale (lazy mode) and
the ones left out because they or an ancestor are disabled.  Failures at run
time (an exception, ``mo.stop``) are the kernel's business: they skip the
runnable cells below them.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Iterable, Mapping

from .errors import CellError
from .topology import Topology, strongly_connected

_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Plan:
    runnable: tuple[str, ...] = ()  # to run, in topological order (ties: notebook order)
    errable: Mapping[str, CellError] = field(default_factory=lambda: MappingProxyType({}))
    stale: frozenset[str] = _NONE  # lazy mode: descendants that wait for a run
    disabled: frozenset[str] = _NONE  # not run: disabled, or below a disabled cell


def plan(
    topology: Topology,
    roots: Iterable[str],
    *,
    lazy: bool = False,
    stale: Iterable[str] = (),
    disabled: Iterable[str] = (),
    blocked: Iterable[str] = (),
) -> Plan:
    """What runs when ``roots`` changed.

    - ``lazy``: run only the roots (and their stale ancestors); their
      descendants go stale instead of running (marimo's lazy mode);
    - ``stale``: cells waiting for a run; those that are ancestors of a root
      run first, so the roots see fresh values;
    - ``disabled``: cells that must not run; their descendants do not either;
    - ``blocked``: cells that could not run for a multiple definition (or a
      cycle): they get another chance when that conflict is gone.
    """
    analyses = topology.analyses
    roots = {c for c in roots if c in analyses}
    roots |= {c for c in blocked if c in analyses and topology.static_error(c) is None}
    stale = set(stale)
    if stale:
        roots |= topology.ancestors(roots) & stale
    # (every cell a root, as in run all: nothing is below them that is not one)
    below = topology.descendants(roots) if len(roots) < len(topology) else set()
    if lazy:
        to_run = set(roots)
        waiting = frozenset(below - to_run)
    else:
        to_run = roots | below
        waiting = _NONE
    disabled = set(disabled)
    off = to_run & disabled if disabled else set()
    if off:
        off |= topology.descendants(off) & to_run
        to_run -= off
    runnable, errable = order(topology, to_run)
    return Plan(runnable, errable, waiting, frozenset(off))


def order(topology: Topology, cell_ids: Iterable[str]) -> tuple[tuple[str, ...], Mapping[str, CellError]]:
    """``cell_ids`` in topological order (ties by notebook position), split
    into those that can run and those that cannot (with their error).  Cells
    downstream of a cycle stay runnable: the kernel skips them as it skips
    the descendants of any failed cell."""
    todo = set(cell_ids) & topology.analyses.keys()
    children = topology.children_among(todo)
    position = topology.positions
    if _downward(children, position):  # (the common case: Kahn's order is then the notebook's)
        sequence = sorted(todo, key=position.__getitem__)
    else:
        sequence = _kahn(children, position)
    errors: dict[str, CellError] = {}
    if len(sequence) < len(todo):  # left by Kahn's algorithm: on a cycle or below one
        stuck = todo - set(sequence)
        for component in strongly_connected(stuck, lambda c: children[c] & stuck):
            if len(component) > 1:
                error = topology.cycle_error(component)
                errors.update(dict.fromkeys(error.cells, error))
        sequence.extend(topology.sorted(stuck))
    errors.update(topology.static_errors([c for c in sequence if c not in errors] if errors else sequence))
    if not errors:  # (the common case)
        return tuple(sequence), MappingProxyType({})
    errable = {c: errors[c] for c in sequence if c in errors}
    runnable = tuple(c for c in sequence if c not in errors)
    return runnable, MappingProxyType(errable)


def _downward(children: Mapping[str, set[str]], position: Mapping[str, int]) -> bool:
    """Does every edge go down the notebook (each cell's children below it)?"""
    for cell_id, kids in children.items():
        if kids:
            here = position[cell_id]
            for kid in kids:
                if position[kid] < here:
                    return False
    return True


def _kahn(children: Mapping[str, set[str]], position: Mapping[str, int]) -> list[str]:
    """Kahn's algorithm, ties by notebook position; cells on (or below) a cycle are left out."""
    indegree = dict.fromkeys(children, 0)
    for kids in children.values():
        for kid in kids:
            indegree[kid] += 1
    ready = [(position[c], c) for c, n in indegree.items() if n == 0]
    heapq.heapify(ready)
    sequence: list[str] = []
    while ready:
        _, cell_id = heapq.heappop(ready)
        sequence.append(cell_id)
        for kid in children[cell_id]:
            indegree[kid] -= 1
            if indegree[kid] == 0:
                heapq.heappush(ready, (position[kid], kid))
    return sequence
