"""Cells -> dependency graph.

An edge runs from the cell that defines a name to every cell that refs it.
The graph is updated incrementally: changing one cell touches only the index
entries of the names that cell defines and refs, so the cost does not grow
with the size of the notebook.  Multiple definitions and cycles are returned
as values (``CellError``), never raised.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Iterable

from .analysis import Analysis, analyze


@dataclass(frozen=True)
class CellError:
    """Why a cell cannot run (or failed): a value, not an exception."""

    kind: str  # "syntax" | "multiple-definitions" | "cycle" | "ancestor" | "exception"
    message: str
    traceback: str | None = None

    def to_json(self) -> dict[str, str]:
        data = {"kind": self.kind, "message": self.message}
        if self.traceback:
            data["traceback"] = self.traceback
        return data


@dataclass
class Plan:
    """The cells to run, in order, and the ones that cannot run with why."""

    order: list[str] = field(default_factory=list)
    errors: dict[str, CellError] = field(default_factory=dict)


class Graph:
    """The topology of a notebook: who defines and who reads each name."""

    def __init__(self) -> None:
        self._analysis: dict[str, Analysis] = {}
        self._position: dict[str, int] = {}
        self._definers: dict[str, set[str]] = {}
        self._readers: dict[str, set[str]] = {}
        self._labels: dict[str, str] = {}

    # -- updates -----------------------------------------------------------
    def set_cell(self, cell_id: str, code: str, label: str | None = None) -> Analysis:
        """Add a cell or change its code; returns its analysis."""
        new = analyze(code)
        old = self._analysis.get(cell_id)
        if cell_id not in self._position:
            self._position[cell_id] = len(self._position)
        if label is not None:
            self._labels[cell_id] = label
        if old is new:
            return new
        if old is not None:
            self._unindex(cell_id, old)
        self._analysis[cell_id] = new
        for name in new.defs:
            self._definers.setdefault(name, set()).add(cell_id)
        for name in _reads(new):
            self._readers.setdefault(name, set()).add(cell_id)
        return new

    def remove_cell(self, cell_id: str) -> None:
        old = self._analysis.pop(cell_id, None)
        if old is not None:
            self._unindex(cell_id, old)
        self._position.pop(cell_id, None)
        self._labels.pop(cell_id, None)

    def set_order(self, cell_ids: Iterable[str]) -> None:
        """Positions break ties in topological order (notebook order)."""
        self._position = {cid: i for i, cid in enumerate(cell_ids)}

    def _unindex(self, cell_id: str, analysis: Analysis) -> None:
        for name in analysis.defs:
            _discard(self._definers, name, cell_id)
        for name in _reads(analysis):
            _discard(self._readers, name, cell_id)

    # -- queries -------------------------------------------------------------
    def __contains__(self, cell_id: object) -> bool:
        return cell_id in self._analysis

    @property
    def cell_ids(self) -> list[str]:
        return sorted(self._analysis, key=self._position.__getitem__)

    def analysis(self, cell_id: str) -> Analysis:
        return self._analysis[cell_id]

    def definers(self, name: str) -> set[str]:
        return self._definers.get(name, set())

    def readers(self, name: str) -> set[str]:
        return self._readers.get(name, set())

    def label(self, cell_id: str) -> str:
        return self._labels.get(cell_id) or f"cell {cell_id}"

    def parents(self, cell_id: str) -> set[str]:
        found: set[str] = set()
        for name in _reads(self._analysis[cell_id]):
            found |= self._definers.get(name, set())
        found.discard(cell_id)
        return found

    def children(self, cell_id: str) -> set[str]:
        found: set[str] = set()
        for name in self._analysis[cell_id].defs:
            found |= self._readers.get(name, set())
        found.discard(cell_id)
        return found

    def descendants(self, roots: Iterable[str]) -> set[str]:
        return self._reach(roots, self.children)

    def ancestors(self, roots: Iterable[str]) -> set[str]:
        return self._reach(roots, self.parents)

    def _reach(self, roots: Iterable[str], step) -> set[str]:
        seen: set[str] = set()
        stack = [cid for cid in roots if cid in self._analysis]
        while stack:
            for nxt in step(stack.pop()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return seen

    # -- errors ---------------------------------------------------------------
    def static_error(self, cell_id: str) -> CellError | None:
        """A syntax or multiple-definition error of this cell (cycles: see plan)."""
        analysis = self._analysis[cell_id]
        if analysis.error is not None:
            err = analysis.error
            where = f"line {err.lineno}: " if err.lineno else ""
            return CellError("syntax", f"SyntaxError: {where}{err.msg}")
        clashes = []
        for name in sorted(analysis.defs):
            others = self._definers.get(name, set()) - {cell_id}
            if others:
                names = ", ".join(self.label(o) for o in sorted(others, key=self._position.get))
                clashes.append(f"'{name}' is also defined by {names}")
        if clashes:
            return CellError(
                "multiple-definitions",
                "This cell redefines variables from other cells: "
                + "; ".join(clashes)
                + ". Each variable must be defined by only one cell.",
            )
        return None

    def plan(self, cell_ids: Iterable[str]) -> Plan:
        """Order ``cell_ids`` topologically (ties by notebook position).

        Cells that cannot run get an error: syntax, multiple definitions, or
        a cycle among the cells to run.  Their descendants are left in the
        order; the runner skips them when an ancestor failed.
        """
        todo = set(cell_ids) & self._analysis.keys()
        plan = Plan()
        indegree = {cid: 0 for cid in todo}
        children = {cid: self.children(cid) & todo for cid in todo}
        for kids in children.values():
            for kid in kids:
                indegree[kid] += 1
        pos = self._position
        ready = [(pos[cid], cid) for cid, n in indegree.items() if n == 0]
        heapq.heapify(ready)
        while ready:
            _, cid = heapq.heappop(ready)
            plan.order.append(cid)
            for kid in children[cid]:
                indegree[kid] -= 1
                if indegree[kid] == 0:
                    heapq.heappush(ready, (pos[kid], kid))
        if len(plan.order) < len(todo):
            self._place_cycles(todo - set(plan.order), children, plan)
        for cid in plan.order:
            error = self.static_error(cid)
            if error is not None and cid not in plan.errors:
                plan.errors[cid] = error
        return plan

    def _place_cycles(self, stuck: set[str], children: dict[str, set[str]], plan: Plan) -> None:
        """Cells left by Kahn's algorithm are on cycles or downstream of one."""
        for component in strongly_connected(stuck, lambda c: children[c] & stuck):
            if len(component) < 2:
                continue
            ordered = sorted(component, key=self._position.__getitem__)
            path = " -> ".join(self.label(c) for c in ordered + ordered[:1])
            names = sorted(
                {n for c in component for n in self._analysis[c].defs}
                & {n for c in component for n in _reads(self._analysis[c])}
            )
            message = (
                f"This cell is on a cycle: {path}. Cells on a cycle cannot run; "
                f"the variables involved are {', '.join(names)}."
            )
            for cid in ordered:
                plan.errors[cid] = CellError("cycle", message)
        plan.order.extend(sorted(stuck, key=self._position.__getitem__))

    def cycles(self) -> list[list[str]]:
        """Every cycle of the whole notebook (for static checks)."""
        ids = set(self._analysis)
        found = [
            sorted(comp, key=self._position.__getitem__)
            for comp in strongly_connected(ids, self.children)
            if len(comp) > 1
        ]
        return sorted(found, key=lambda comp: self._position[comp[0]])


def _reads(analysis: Analysis) -> frozenset[str]:
    """Names whose definers are this cell's parents.  Builtins it reads are
    included: they make an edge only when some cell redefines them."""
    if analysis.builtin_refs:
        return analysis.refs | analysis.deleted | analysis.builtin_refs
    return analysis.refs | analysis.deleted


def _discard(index: dict[str, set[str]], name: str, cell_id: str) -> None:
    members = index.get(name)
    if members is not None:
        members.discard(cell_id)
        if not members:
            del index[name]


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
