"""Static checks of a notebook (``rivulet check``): syntax, multiple definitions, cycles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.errors import to_json
from ..core.topology import Topology
from ..notebook.file_format import Notebook
from ..notebook.cell_ids import CellIds
from .source_lines import cell_body_lines, error_line, file_message


@dataclass
class CheckReport:
    cells: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(cell["errors"] for cell in self.cells)

    def messages(self, path: str) -> list[str]:
        found = [f"{path}:{line}: {message}" for line, message in self.problems]
        for cell, first in zip(self.cells, self.lines):
            for error in cell["errors"]:
                line = error_line(first, error)
                found.append(f"{path}:{line}: {error['kind']}: {file_message(error['message'])}")
        return found


def check_notebook(notebook: Notebook, text: str) -> CheckReport:
    ids = CellIds()
    codes: dict[str, str] = {}
    labels: dict[str, str] = {}
    for source in notebook.cells:
        cell_id = "setup" if source.kind == "setup" else ids.next()
        codes[cell_id] = source.code
        labels[cell_id] = f"cell '{source.name}' ({cell_id})" if source.name != "_" else f"cell {cell_id}"
    topology = Topology.of(codes)
    on_cycle = {cell_id: cycle for cycle in topology.cycles() for cell_id in cycle}
    report = CheckReport(lines=cell_body_lines(text, notebook))
    report.problems = [(p.lineno, p.message) for p in notebook.problems]
    for cell_id, source in zip(codes, notebook.cells):
        analysis = topology.analysis(cell_id)
        errors = []
        static = topology.static_error(cell_id)
        if static is not None:
            errors.append(to_json(static, labels.__getitem__))
        if cell_id in on_cycle:
            errors.append(to_json(topology.cycle_error(on_cycle[cell_id]), labels.__getitem__))
        report.cells.append(
            {
                "id": cell_id,
                "name": source.name,
                "defs": sorted(analysis.defs),
                "refs": sorted(analysis.refs),
                "errors": errors,
            }
        )
    return report
