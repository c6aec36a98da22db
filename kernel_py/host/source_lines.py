"""Map cell-relative lines to lines of the notebook file (for file:line messages)."""

from __future__ import annotations

import re
from typing import Any

from ..notebook.file_format import Notebook

_DEF = re.compile(r"^(async\s+def|def)\s+\w+\s*\(")
_CELL_LINE_PREFIX = re.compile(r"^(SyntaxError: )line \d+: ")


def cell_body_lines(text: str, notebook: Notebook) -> list[int]:
    """For each cell, the file line where its code starts (1-based)."""
    lines = text.splitlines()
    result = []
    for cell in notebook.cells:
        start = max(cell.lineno, 1)
        result.append(_body_start(lines, start, cell.kind))
    return result


def _body_start(lines: list[str], start: int, kind: str) -> int:
    if kind == "unparsable":
        return _unparsable_start(lines, start)
    if kind in ("function", "class"):
        return start + (1 if lines[start - 1 : start] and lines[start - 1].lstrip().startswith("@") else 0)
    if kind == "setup":
        return start + 1
    for index in range(start - 1, min(len(lines), start + 40)):
        if _DEF.match(lines[index]):
            # the def may span lines: the body starts after the line ending with ':'
            for end in range(index, min(len(lines), index + 200)):
                if lines[end].rstrip().endswith(":"):
                    return end + 2
    return start


def _unparsable_start(lines: list[str], start: int) -> int:
    """An unparsable cell's code is the raw block (from its decorator) or the
    string inside ``app._unparsable_cell(r\"\"\" ... \"\"\")``."""
    if not lines[start - 1 : start] or not lines[start - 1].lstrip().startswith("app._unparsable_cell"):
        return start
    for index in range(start - 1, min(len(lines), start + 3)):
        if '"""' in lines[index]:
            return index + 2
    return start


def error_line(first_body_line: int, error: dict[str, Any]) -> int:
    """The file line an error points at: its ``line`` in the cell, else the cell."""
    line = error.get("line")
    if isinstance(line, int) and line > 0:
        return first_body_line + line - 1
    return first_body_line


def file_message(message: str) -> str:
    """A cell error message for a ``file:line:`` report (drop the cell-relative line)."""
    return _CELL_LINE_PREFIX.sub(r"\1", message)
