"""Text-level helpers for the notebook file format (see notebook_file.py).

Reading: splitting and dedenting cell bodies, finding where a `def`/`with`
header ends, and the indentation-based scan that recovers cells from a file
the host interpreter cannot parse as a whole. Writing: marimo's formatting
rules (signature and return wrapping, the blank line before `return`,
`mo.md` blocks, type annotations carried into signatures)."""

from __future__ import annotations

import ast
import functools
import io
import re
import textwrap
import tokenize

INDENT = "    "
MAX_LINE_LENGTH = 80

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
    """Indent every line that is not whitespace-only, as marimo does (lines as
    `str.splitlines` cuts them: also at \\x0c, \\x1e, U+2028...)."""
    return textwrap.indent(code, INDENT)


def leading_indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def dedent_lines(lines: list[str]) -> str:
    """Undo `indent_code`: strip the body indent where a line starts with it.

    Whitespace-only lines are kept verbatim (the writer never indents them),
    and so are lines indented less than the body, such as the inside of a
    multiline string written at column 0. A multiline string with any such
    line was not indented by the writer: all its lines are kept verbatim, so
    its value does not change (marimo 0.25 reads it the same way).

    "Lines" here are what `indent_code` indents: pieces of the text ending at
    \\n or at another break `str.splitlines` knows (\\x0c, \\x1e, U+2028...).
    """
    text = "\n".join(lines)
    pieces = _pieces(text)
    spans = string_spans(text)
    inside = _span_of_each(pieces, spans)
    indent = next((leading_indent(p) for (_, p), s in zip(pieces, inside) if s is None and p.strip()), "")
    verbatim = {s for (_, p), s in zip(pieces, inside) if s is not None and _under(p, indent)}
    return "".join(
        p if s in verbatim or _under(p, indent) or not p.strip() else p[len(indent) :]
        for (_, p), s in zip(pieces, inside)
    )


def _span_of_each(pieces: list[tuple[int, str]], spans: list[tuple[int, int]]) -> list[int | None]:
    """For each piece, the index of the (outermost) string span it starts
    inside of, or None. Spans nest (f-strings) but never cross."""
    outer: list[tuple[int, int]] = []
    for a, b in sorted(spans, key=lambda span: (span[0], -span[1])):
        if not outer or a >= outer[-1][1]:
            outer.append((a, b))
    found: list[int | None] = []
    k = 0
    for start, _ in pieces:
        while k < len(outer) and outer[k][1] <= start:
            k += 1
        found.append(k if k < len(outer) and outer[k][0] < start < outer[k][1] else None)
    return found


_PIECE_END = re.compile("[\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece) for each piece of `text` as `str.splitlines(True)` cuts
    it (the text has no \\r: the reader turned every line end into \\n)."""
    out, start = [], 0
    for match in _PIECE_END.finditer(text):
        out.append((start, text[start : match.end()]))
        start = match.end()
    out.append((start, text[start:]))
    return out


def _under(piece: str, indent: str) -> bool:
    """A non-blank piece that does not start with the body indent."""
    return not piece.startswith(indent) and bool(piece.strip())


def string_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each string literal spanning more than one
    piece of `text` (see `dedent_lines`); f-strings count whole."""
    if not _MAY_SPAN.search(text):
        return []
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    fstring_start = getattr(tokenize, "FSTRING_START", None)
    fstring_end = getattr(tokenize, "FSTRING_END", None)
    spans: list[tuple[int, int]] = []
    opened: list[int] = []

    def offset(position: tuple[int, int]) -> int:
        return starts[position[0] - 1] + position[1]

    try:
        for tok in tokenize.generate_tokens(io.StringIO(text + "\n").readline):
            # ends from the token's text: some 3.12 releases count a
            # multiline token's end column in bytes
            if tok.type == tokenize.STRING:
                spans.append((offset(tok.start), offset(tok.start) + len(tok.string)))
            elif fstring_start is not None and tok.type == fstring_start:
                opened.append(offset(tok.start))
            elif fstring_end is not None and tok.type == fstring_end and opened:
                spans.append((opened.pop(), offset(tok.start) + len(tok.string)))
    except (tokenize.TokenError, SyntaxError):
        pass
    return [(a, b) for a, b in spans if _PIECE_END.search(text, a, b)]


# Where a string can span pieces: triple quotes, a backslash-newline, a break
# other than \n (the tokenizer is slow on big cells: skip it when none is there).
_MAY_SPAN = re.compile("\"\"\"|\'\'\'|\\\\\n|[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


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


def needs_blank_line(code: str) -> bool:
    """marimo (like ruff) puts a blank line before `return` after an import,
    def or class that ends the cell."""
    try:
        body = parsed(code).body
    except (SyntaxError, ValueError):
        return False
    if not body or not isinstance(
        body[-1], (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    ):
        return False
    return body[-1].end_lineno == code.rstrip().count("\n") + 1


def tuple_call(template: str, elems: tuple[str, ...], indent: bool = False, naked: bool = False) -> str:
    """Fill `(...)` in `template` the way marimo formats signatures and returns:
    one line if it fits in 80 columns, else one element per line."""
    wrap = indent_code if indent else (lambda text: text)
    if not elems:
        return wrap(template.replace("(...)", "" if naked else "()").rstrip())
    if naked and len(elems) == 1:
        naked, elems = False, (elems[0] + ",",)
    joined = ", ".join(elems)
    attempt = wrap(template.replace("(...)", joined if naked else f"({joined})").rstrip())
    if len(attempt) < MAX_LINE_LENGTH:
        return attempt
    elems = tuple(e.rstrip(",") for e in elems) if len(elems) == 1 else elems
    multiline = "\n".join(["(", indent_code(",\n".join(elems)) + ",", ")"])
    return wrap(template.replace("(...)", multiline))


@functools.lru_cache(maxsize=16)
def parsed(code: str) -> ast.Module:
    """`ast.parse(code)`, once per code: the writer asks several times for
    each cell (a big cell costs a second a parse). Never mutate the tree."""
    return ast.parse(code)


def is_async(code: str) -> bool:
    if "await" not in code and "async" not in code:
        return False
    try:
        flags = compile(code, "<cell>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True).co_flags
    except (SyntaxError, ValueError):
        return False
    return bool(flags & 0x80)  # inspect.CO_COROUTINE


def annotated_defs(code: str, defs: frozenset[str]) -> dict[str, tuple[str, frozenset[str]]]:
    """Type annotations of the cell's top-level `name: T = ...` definitions:
    name -> (annotation source, names it reads)."""
    found: dict[str, tuple[str, frozenset[str]]] = {}
    bound: set[str] = set()
    for stmt in _top_level_statements(parsed(code).body):
        target = getattr(stmt, "target", None)
        if isinstance(stmt, ast.AnnAssign) and isinstance(target, ast.Name):
            if target.id in defs and target.id not in bound:
                text = _double_quoted(ast.unparse(stmt.annotation).replace("\n", "").strip())
                refs = frozenset(n.id for n in ast.walk(stmt.annotation) if isinstance(n, ast.Name))
                found[target.id] = (text, refs)
        bound |= {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    return found


def _top_level_statements(body: list[ast.stmt]) -> list[ast.stmt]:
    out = []
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.append(stmt)
            continue
        inner = [getattr(stmt, f, []) for f in ("body", "orelse", "finalbody")]
        if any(inner) and not isinstance(stmt, ast.Expr):
            out += _top_level_statements([s for block in inner for s in block if isinstance(s, ast.stmt)])
        else:
            out.append(stmt)
    return out


_STRING = re.compile(r"'([^'\\]*(?:\\.[^'\\]*)*)'|\"([^\"\\]*(?:\\.[^\"\\]*)*)\"")


def _double_quoted(annotation: str) -> str:
    """Single-quoted strings in an annotation rewritten with double quotes."""

    def swap(match: re.Match[str]) -> str:
        inner = match.group(1)
        if inner is None or ('"' in inner and '\\"' not in inner):
            return match.group(0)
        return '"' + inner.replace("\\'", "'").replace('"', '\\"') + '"'

    return _STRING.sub(swap, annotation)


def markdown_form(code: str) -> str:
    """A cell that is only `mo.md("...")` is written as marimo's editor writes
    it: `mo.md(\"\"\"` on its own line, the dedented text, `\"\"\")`."""
    text = _markdown_text(code) if "md" in code else None
    if text is None:
        return code
    starts = [0] + [m.end() for m in re.finditer("\n", code)]
    string_starts = (tokenize.STRING, getattr(tokenize, "FSTRING_START", tokenize.STRING))
    tag, call_start, call_end, depth = "", 0, len(code), 0
    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        if tok.type in string_starts:
            prefix = re.match(r"[A-Za-z]*", tok.string).group(0)  # type: ignore[union-attr]
            tag = "".join(ch for ch in prefix[:2] if ch.lower() in "rtf")
        elif tok.string == "mo":
            call_start, depth = starts[tok.start[0] - 1] + tok.start[1], 0
        elif tok.string == "(":
            depth += 1
        elif tok.string == ")":
            depth -= 1
            if depth == 0:
                call_end = starts[tok.end[0] - 1] + tok.end[1]
    if "f" in tag.lower():
        text = text.replace("{", "{{").replace("}", "}}")
    text = text.replace('""', '"\\"')
    return code[:call_start] + f'mo.md({tag}"""\n{text}\n""")' + code[call_end:]


def _markdown_text(code: str) -> str | None:
    """The text of a cell that is a single `mo.md(<constant string>)`."""
    try:
        (stmt,) = parsed(code).body
    except (SyntaxError, ValueError):
        return None
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "md"
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == "mo"
        and len(call.args) == 1
    ):
        return None
    arg = call.args[0]
    if isinstance(arg, ast.JoinedStr) and len(arg.values) == 1:
        arg = arg.values[0]
    if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
        return None
    first, *rest = [line.rstrip() for line in arg.value.split("\n")]
    return (textwrap.dedent(first) + "\n" + textwrap.dedent("\n".join(rest))).strip()
