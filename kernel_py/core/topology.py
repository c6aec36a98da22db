"""The topology of a notebook: cells, what each defines and reads, and the
edges between them, as an immutable snapshot.

An edge runs from the cell that defines a name to every cell that reads it.
``update`` returns a new snapshot and shares every index entry it does not
touch, so editing one cell costs what that cell's names cost, not the size of
the notebook.  Multiple definitions and cycles are values (``CellError``),
never exceptions.  A deleted cell is a cell that is gone: its readers find no
definer.  Deciding what runs is ``planning.plan``.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable, Iterable, Iterator, Mapping

from .analysis import Analysis, analyze
from .errors import CellError

_NONE: frozenset[str] = frozenset()
_PAUSE_GC_FROM = 32  # changed cells: an update this large pauses the cyclic GC while it analyses


@dataclass(frozen=True)
class Topology:
    """Build one with ``Topology.of({"a": "x = 1", "b": "y = x"})`` or
    ``Topology().update(...)``; never mutated."""

    analyses: Mapping[str, Analysis] = field(default_factory=lambda: MappingProxyType({}))
    order: tuple[str, ...] = ()  # notebook order: it breaks ties in run order
    definers: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    readers: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    _position: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}), repr=False)

    @classmethod
    def of(cls, codes: Mapping[str, str]) -> "Topology":
        """The topology of these cells (id -> code), in this order."""
        return cls().update(codes, order=list(codes))

    # -- updates -----------------------------------------------------------
    def update(
        self, codes: Mapping[str, str | None] | None = None, *, order: Iterable[str] | None = None
    ) -> "Topology":
        """A new snapshot: ``codes`` adds or changes cells (``None`` removes
        one); ``order`` is the new notebook order (default: the old one, new
        cells at the end).  Cells missing from ``order`` are removed."""
        analyses = dict(self.analyses)
        definers = dict(self.definers)
        readers = dict(self.readers)
        changed = dict(codes or {})
        if order is not None:
            order = tuple(order)
            for cell_id in set(analyses) - set(order):
                changed.setdefault(cell_id, None)
        if len(changed) >= _PAUSE_GC_FROM and gc.isenabled():
            # Analysing many cells makes many objects that all live on (trees, sets) and no
            # reference cycles: the cyclic GC, run every few hundred new objects, would walk
            # them again and again for nothing.  It runs as usual once they are made.
            gc.disable()
            try:
                _apply(changed, analyses, definers, readers)
            finally:
                gc.enable()
        else:
            _apply(changed, analyses, definers, readers)
        if order is None:
            order = tuple([c for c in self.order if c in analyses])
            order += tuple([c for c in changed if c in analyses and c not in self._position])
        else:
            order = tuple([c for c in order if c in analyses])
        return Topology(
            MappingProxyType(analyses),
            order,
            MappingProxyType(definers),
            MappingProxyType(readers),
            MappingProxyType({c: i for i, c in enumerate(order)}) if order != self.order else self._position,
        )

    # -- queries -------------------------------------------------------------
    def __contains__(self, cell_id: object) -> bool:
        return cell_id in self.analyses

    def __iter__(self) -> Iterator[str]:
        return iter(self.order)

    def __len__(self) -> int:
        return len(self.order)

    def analysis(self, cell_id: str) -> Analysis:
        return self.analyses[cell_id]

    def position(self, cell_id: str) -> int:
        return self._position[cell_id]

    @property
    def positions(self) -> Mapping[str, int]:
        """Each cell's position in notebook order (``position`` for many cells)."""
        return self._position

    def definers_of(self, name: str) -> frozenset[str]:
        return self.definers.get(name, _NONE)

    def readers_of(self, name: str) -> frozenset[str]:
        return self.readers.get(name, _NONE)

    def parents(self, cell_id: str) -> set[str]:
        found: set[str] = set()
        for name in reads(self.analyses[cell_id]):
            found |= self.definers.get(name, _NONE)
        found.discard(cell_id)
        return found

    def children(self, cell_id: str) -> set[str]:
        found: set[str] = set()
        for name in self.analyses[cell_id].defs:
            found |= self.readers.get(name, _NONE)
        found.discard(cell_id)
        return found

    def children_among(self, cell_ids: set[str]) -> dict[str, set[str]]:
        """``{c: children(c) & cell_ids for c in cell_ids}``, in one call (a plan's)."""
        analyses, readers = self.analyses, self.readers
        found: dict[str, set[str]] = {}
        for cell_id in cell_ids:
            kids: set[str] = set()
            for name in analyses[cell_id].defs:
                kids |= readers.get(name, _NONE)
            kids.discard(cell_id)
            kids &= cell_ids
            found[cell_id] = kids
        return found

    def descendants(self, roots: Iterable[str]) -> set[str]:
        return self._reach(roots, self.children)

    def ancestors(self, roots: Iterable[str]) -> set[str]:
        return self._reach(roots, self.parents)

    def _reach(self, roots: Iterable[str], step: Callable[[str], set[str]]) -> set[str]:
        seen: set[str] = set()
        stack = [cid for cid in roots if cid in self.analyses]
        while stack:
            for nxt in step(stack.pop()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return seen

    def sorted(self, cell_ids: Iterable[str]) -> list[str]:
        """These cells in notebook order."""
        return sorted(cell_ids, key=self._position.__getitem__)

    # -- errors ---------------------------------------------------------------
    def static_error(self, cell_id: str) -> CellError | None:
        """A syntax or multiple-definition error of this cell (cycles: see ``cycles``)."""
        analysis = self.analyses[cell_id]
        if analysis.error is not None:
            err = analysis.error
            return CellError("syntax", line=err.lineno or None, detail=str(err.msg))
        definers = self.definers
        clashing = [name for name in analysis.defs if len(definers.get(name, _NONE)) > 1]
        if not clashing:
            return None
        clashes = []
        for name in sorted(clashing):
            others = definers[name] - {cell_id}
            if others:
                clashes.append((name, tuple(self.sorted(others))))
        if not clashes:
            return None
        others_all = self.sorted({c for _, cells in clashes for c in cells})
        return CellError(
            "multiple-definitions",
            names=tuple(name for name, _ in clashes),
            cells=tuple(others_all),
            clashes=tuple(clashes),
        )

    def static_errors(self, cell_ids: Iterable[str]) -> dict[str, CellError]:
        """The cells among these that have a ``static_error``, with it."""
        analyses, definers = self.analyses, self.definers
        errors: dict[str, CellError] = {}
        for cell_id in cell_ids:
            analysis = analyses[cell_id]
            if analysis.error is None:
                for name in analysis.defs:
                    if len(definers.get(name, _NONE)) > 1:
                        break
                else:  # (the common case, checked for every cell of every run: no error)
                    continue
            error = self.static_error(cell_id)
            if error is not None:
                errors[cell_id] = error
        return errors

    def cycle_error(self, component: Iterable[str]) -> CellError:
        """The error of each cell on this cycle (a strongly connected set)."""
        cells = tuple(self.sorted(component))
        names = sorted(
            {n for c in cells for n in self.analyses[c].defs}
            & {n for c in cells for n in reads(self.analyses[c])}
        )
        return CellError("cycle", names=tuple(names), cells=cells)

    def cycles(self, among: Iterable[str] | None = None) -> list[list[str]]:
        """The cycles among these cells (default: all), each in notebook order."""
        ids = set(self.analyses if among is None else among) & self.analyses.keys()
        found = [
            self.sorted(comp)
            for comp in strongly_connected(ids, lambda c: self.children(c) & ids)
            if len(comp) > 1
        ]
        return sorted(found, key=lambda comp: self._position[comp[0]])


def _apply(
    changed: Mapping[str, str | None],
    analyses: dict[str, Analysis],
    definers: dict[str, frozenset[str]],
    readers: dict[str, frozenset[str]],
) -> None:
    """Analyse the changed cells (``None``: removed) into the indexes."""
    for cell_id, code in changed.items():
        old = analyses.get(cell_id)
        new = analyze(code) if code is not None else None
        if old is new:
            continue
        if old is not None:
            _unindex(definers, old.defs, cell_id)
            _unindex(readers, reads(old), cell_id)
            del analyses[cell_id]
        if new is not None:
            analyses[cell_id] = new
            member = {cell_id}
            for name in new.defs:  # (index the cell: this runs for every cell of a notebook opened)
                definers[name] = definers.get(name, _NONE) | member
            for name in reads(new):
                readers[name] = readers.get(name, _NONE) | member


def reads(analysis: Analysis) -> frozenset[str]:
    """Names whose definers are this cell's parents.  Builtins it reads are
    included: they make an edge only when some cell redefines them."""
    if analysis.builtin_refs:
        return analysis.refs | analysis.deleted | analysis.builtin_refs
    if not analysis.deleted:  # (no copy of the refs for the common case)
        return analysis.refs
    return analysis.refs | analysis.deleted


def _unindex(index: dict[str, frozenset[str]], names: Iterable[str], cell_id: str) -> None:
    for name in names:
        members = index.get(name, _NONE) - {cell_id}
        if members:
            index[name] = members
        else:
            index.pop(name, None)


def strongly_connected(nodes: set[str], successors) -> list[set[str]]:
    """Tarjan's algorithm, iterative (a 1,000-cell chain must not recurse)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[set[str]] = []
    counter = 0
    for start in sorted(nodes):
        if start in index:
            continue
        work = [(start, iter(sorted(successors(start))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in nodes:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(successors(nxt)))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                result.append(component)
    return result
