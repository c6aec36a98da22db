"""Line-level helpers for the notebook file format (see notebook_file.py).

Text in, text out: splitting and (de)indenting cell bodies, finding where a
`def`/`with` header ends, and the indentation-based scan that recovers cells
from a file the host interpreter cannot parse as a whole.
"""

from __future__ import annotations

import ast
import io
import re
import textwrap
import tokenize

INDENT = "    "

# A top-level line that can start a new statement in a notebook file.
_STATEMENT_START = re.compile(
    r"(@|def\s|async\s|class\s|with\s|if\s|import\s|from\s|app\b|__generated_with\b)"
)
# A top-level line that starts a cell block.
CELL_START = re.compile(
    r"(@app\.(cell|function|class_definition)\b|(async\s+)?with\s+app\.setup\b"
    r"|app\._unparsable_cell\()"
)
SETUP_START = re.compile(r"(async\s+)?with\s+app\.setup\b")
_BLOCK_NAME = re.compile(r"^(?:async\s+)?(?:def|class)\s+(\w+)", re.MULTILINE)
_BOOL_OPTION = re.compile(r"\b(hide_code|disabled|expand_output)\s*=\s*(True|False)\b")
_COLUMN_OPTION = re.compile(r"\bcolumn\s*=\s*(\d+)\b")


def split_lines(text: str) -> list[str]:
    """Lines as `ast` and `tokenize` count them (only \\n, \\r\\n, \\r break)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def is_blank(line: str) -> bool:
    return not line.strip()


def indent_code(code: str) -> str:
    """Indent every line that is not whitespace-only (as marimo does)."""
    return textwrap.indent(code, INDENT)


def leading_indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def dedent_lines(lines: list[str]) -> str:
    """Undo `indent_code`: strip the body indent where a line starts with it.

    Whitespace-only lines are kept verbatim (the writer never indents them),
    and so are lines indented less than the body, such as the inside of a
    multiline string written at column 0.
    """
    indent = next((leading_indent(ln) for ln in lines if not is_blank(ln)), "")
    return "\n".join(
        ln[len(indent) :] if ln.startswith(indent) and not is_blank(ln) else ln
        for ln in lines
    )


def extend_over_trailing(lines: list[str], end: int, indent: str) -> int:
    """Extend a block ending at 1-based line `end` over the lines after it
    that are indented like its body (trailing comments), without trailing
    blank lines. Returns the new last line."""
    if not indent:
        return end
    last = end
    for number in range(end + 1, len(lines) + 1):
        line = lines[number - 1]
        if is_blank(line):
            continue
        if not line.startswith(indent):
            break
        last = number
    return last


def header_colon(lines: list[str], start: int) -> tuple[int, int] | None:
    """(line, column after) of the `:` ending the def/with header at `start`."""
    source = "\n".join(lines[start - 1 :]) + "\n"
    depth = 0
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type != tokenize.OP:
                continue
            if tok.string in "([{":
                depth += 1
            elif tok.string in ")]}":
                depth -= 1
            elif tok.string == ":" and depth == 0:
                return start + tok.start[0] - 1, tok.end[1]
    except (tokenize.TokenError, SyntaxError):
        pass
    return None


def scan_chunks(lines: list[str]) -> list[tuple[int, int]]:
    """Split a file into top-level statements by indentation alone.

    Used only when the whole file does not parse. Returns 1-based inclusive
    (first, last) line spans, trailing blank lines excluded. A decorator and
    the def/class below it stay in one chunk; column-0 lines that cannot
    start a statement (closing brackets, comments, string text) continue
    the current chunk.
    """
    starts: list[int] = []
    awaiting_def = False
    for number, line in enumerate(lines, 1):
        if not _STATEMENT_START.match(line):
            continue
        if awaiting_def and re.match(r"(@|def\s|async\s|class\s)", line):
            awaiting_def = line.startswith("@")
            continue
        starts.append(number)
        awaiting_def = line.startswith("@")
    if not starts or starts[0] != 1:
        starts.insert(0, 1)
    spans = []
    for first, next_start in zip(starts, starts[1:] + [len(lines) + 1]):
        last = next_start - 1
        while last > first and is_blank(lines[last - 1]):
            last -= 1
        spans.append((first, last))
    return spans


def block_name(block: str) -> str:
    match = _BLOCK_NAME.search(block)
    if SETUP_START.match(block):
        return "setup"
    return match.group(1) if match else "_"


def block_options(block: str) -> dict[str, object]:
    """Cell options written on the first line of a raw cell block."""
    first_line = block.split("\n", 1)[0]
    options: dict[str, object] = {
        key: value == "True" for key, value in _BOOL_OPTION.findall(first_line)
    }
    if column := _COLUMN_OPTION.search(first_line):
        options["column"] = int(column.group(1))
    return options


def raw_block_refs(block: str) -> frozenset[str]:
    """Argument names of a raw `@app.cell` block: the refs its writer saw.

    Lets the cells a raw block reads keep returning those names."""
    lines = split_lines(block)
    def_line = next((n for n, ln in enumerate(lines, 1) if re.match(r"(async\s+)?def\s", ln)), None)
    colon = header_colon(lines, def_line) if def_line else None
    if colon is None:
        return frozenset()
    header = "\n".join(lines[def_line - 1 : colon[0] - 1] + [lines[colon[0] - 1][: colon[1]]])
    try:
        fn = ast.parse(header + "\n    pass").body[0]
    except SyntaxError:
        return frozenset()
    return frozenset(arg.arg for arg in fn.args.args)  # type: ignore[attr-defined]
