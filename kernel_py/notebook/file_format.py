"""Read and write notebook files in the marimo 0.25 format.

`parse_notebook` never raises and never drops code: a cell the host
interpreter cannot parse is kept byte for byte as an "unparsable" cell, text
outside any cell becomes a cell of its own, and each such decision is
reported in `Notebook.problems`. `write_notebook` writes the canonical form
marimo 0.25 writes, so `write_notebook(parse_notebook(text)) == text` for a
file marimo wrote.

An unparsable cell whose code starts like a cell block in a file
(`@app.cell`, `@app.function`, `@app.class_definition`, `with app.setup`,
`app._unparsable_cell(`) is a raw block recovered from a file that did not
parse on this interpreter; it is written back unchanged.
"""

from __future__ import annotations

import ast
import builtins
import re
import sys
from dataclasses import dataclass, field, replace

from . import _scan as scan
from .reusable import reusable_kinds
from ..core.analysis import analyze

MARIMO_VERSION = "0.25.2"
BOM = "\ufeff"
BUILTINS = frozenset(builtins.__dict__) | {"__class__"}
_HOST = f"Python {sys.version_info.major}.{sys.version_info.minor}"


@dataclass(frozen=True)
class CellConfig:
    hide_code: bool = False
    disabled: bool = False
    column: int | None = None
    expand_output: bool = False


@dataclass(frozen=True)
class CellSource:
    code: str
    name: str = "_"
    config: CellConfig = CellConfig()
    kind: str = "cell"  # "cell" | "setup" | "function" | "class" | "unparsable"
    lineno: int = 0


@dataclass(frozen=True)
class FileProblem:
    lineno: int
    message: str
    # writing the notebook back would lose or invent text: `rivulet fmt` refuses
    blocks_rewrite: bool = False


@dataclass(frozen=True)
class Notebook:
    cells: tuple[CellSource, ...]
    app_options: tuple[tuple[str, str], ...] = ()
    generated_with: str | None = None
    header: str = ""
    problems: tuple[FileProblem, ...] = ()
    newline: str = "\n"  # "\r\n" for a file that ends every line so
    bom: bool = False  # the file starts with a UTF-8 byte-order mark


def new_notebook() -> Notebook:
    """One empty cell, like `marimo new`."""
    return Notebook(cells=(CellSource(code=""),), generated_with=MARIMO_VERSION)


# --------------------------------------------------------------------- reading


@dataclass(frozen=True)
class _Item:
    """A top-level statement of the file (or a raw block that did not parse)."""

    kind: str  # import version app setup cell function class unparsable guard raw other
    start: int  # first line, 1-based, decorators included
    end: int  # last line, trailing indented comments included
    node: ast.stmt | None = None


def parse_notebook(text: str) -> Notebook:
    """Read a notebook file. Never raises; see `Notebook.problems`.

    A byte-order mark and CRLF line ends are remembered, and written back."""
    bom = text.startswith(BOM)
    text = text.removeprefix(BOM)
    crlf = "\r\n" in text and text.count("\n") == text.count("\r\n") and "\r" not in text.replace("\r\n", "")
    try:
        notebook = _read(scan.split_lines(text))
    except Exception as exc:  # a last resort: keep the text, say why
        notebook = _script_notebook(text, f"could not read the file as a notebook ({exc!r})")
    return replace(notebook, newline="\r\n" if crlf else "\n", bom=bom)


def _script_notebook(text: str, why: str) -> Notebook:
    code = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    return Notebook(
        cells=(CellSource(code=code, lineno=1),),
        generated_with=MARIMO_VERSION,
        problems=(FileProblem(1, f"{why}; the whole text is kept as one cell", blocks_rewrite=True),),
    )


def _read(lines: list[str]) -> Notebook:
    if all(scan.is_blank(line) for line in lines):
        return new_notebook()
    items = _items(lines)
    imports = [i for i in items if i.kind == "import"]
    apps = [i for i in items if i.kind == "app" and imports and i.start > imports[0].start]
    if not imports or not apps:
        missing = "`app = marimo.App()` after `import marimo`" if imports else "`import marimo`"
        return _script_notebook("\n".join(lines), f"not a marimo notebook (no {missing})")
    reader = _Reader(lines)
    reader.read_header(items, imports[0])
    for item in _with_gaps(lines, [i for i in items if i.start >= imports[0].start]):
        reader.read_item(item)
    return reader.notebook()


def _items(lines: list[str]) -> list[_Item]:
    text = "\n".join(lines)
    try:
        return _items_of(ast.parse(text), lines)
    except (SyntaxError, ValueError):
        pass
    items: list[_Item] = []
    for first, last in scan.scan_chunks(lines):
        padded = "\n" * (first - 1) + "\n".join(lines[first - 1 : last])
        try:
            items.extend(_items_of(ast.parse(padded), lines))
        except (SyntaxError, ValueError):
            if items and items[-1].kind == "raw" and not scan.CELL_START.match(lines[first - 1]):
                items[-1] = _Item("raw", items[-1].start, last)
            else:
                items.append(_Item("raw", first, last))
    return items


def _items_of(tree: ast.Module, lines: list[str]) -> list[_Item]:
    items = []
    for node in tree.body:
        kind = _classify(node)
        start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        end = node.end_lineno or node.lineno
        if kind in ("setup", "cell", "function", "class") and node.body:  # type: ignore[attr-defined]
            body_line = lines[node.body[0].lineno - 1]  # type: ignore[attr-defined]
            end = scan.extend_over_trailing(lines, end, scan.leading_indent(body_line))
        items.append(_Item(kind, start, end, node))
    return items


def _with_gaps(lines: list[str], items: list[_Item]) -> list[_Item]:
    """Items plus "other" items for non-blank lines outside any statement."""
    out: list[_Item] = []
    covered = items[0].start - 1 if items else 0
    for item in items + [_Item("end", len(lines) + 1, len(lines) + 1)]:
        gap = [n for n in range(covered + 1, item.start) if not scan.is_blank(lines[n - 1])]
        if gap:
            out.append(_Item("other", gap[0], gap[-1]))
        if item.kind != "end":
            out.append(item)
        covered = max(covered, item.end)
    return out


def _classify(node: ast.stmt) -> str:
    if isinstance(node, ast.Import) and node.names[0].name == "marimo":
        return "import"
    if _assigns(node, "__generated_with") and isinstance(node.value, ast.Constant):  # type: ignore[attr-defined]
        return "version"
    if _assigns(node, "app") and _is_call_to(node.value, "App"):  # type: ignore[attr-defined]
        return "app"
    if isinstance(node, (ast.With, ast.AsyncWith)) and len(node.items) == 1:
        if _is_app_attr(node.items[0].context_expr, "setup"):
            return "setup"
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        decorator = _app_decorator(node)
        attr = decorator and _decorator_attr(decorator)
        if attr == "cell" and not isinstance(node, ast.ClassDef):
            return "cell"
        if attr in ("function", "class_definition"):
            return "function" if attr == "function" else "class"
    if isinstance(node, ast.Expr) and _is_app_attr(node.value, "_unparsable_cell"):
        if isinstance(node.value, ast.Call) and len(node.value.args) == 1:
            return "unparsable"
    if _is_run_guard(node):
        return "guard"
    return "other"


def _assigns(node: ast.stmt, name: str) -> bool:
    return (
        isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id == name
    )


def _is_call_to(node: ast.expr, attr: str) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == attr


def _is_app_attr(node: ast.expr, attr: str) -> bool:
    """`app.<attr>` or `app.<attr>(...)`."""
    if isinstance(node, ast.Call):
        node = node.func
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "app"
        and node.attr == attr
    )


def _decorator_attr(node: ast.expr) -> str:
    return node.func.attr if isinstance(node, ast.Call) else node.attr  # type: ignore[attr-defined]


def _app_decorator(node: ast.stmt) -> ast.expr | None:
    for decorator in getattr(node, "decorator_list", []):
        if any(_is_app_attr(decorator, a) for a in ("cell", "function", "class_definition")):
            return decorator
    return None


def _is_run_guard(node: ast.stmt) -> bool:
    expected = ast.dump(ast.parse('if __name__ == "__main__":\n    app.run()').body[0])
    return isinstance(node, ast.If) and ast.dump(node) == expected


class _Reader:
    """Collects the parts of a notebook from the file's items, in order."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.cells: list[CellSource] = []
        self.problems: list[FileProblem] = []
        self.header = ""
        self.generated_with: str | None = None
        self.app_options: tuple[tuple[str, str], ...] = ()
        self.seen: set[str] = set()

    def notebook(self) -> Notebook:
        first_line: dict[str, int] = {}
        for cell in self.cells:
            if cell.name == "_" or cell.kind == "setup":
                continue
            if cell.name in first_line:
                self.problem(cell.lineno, f"cell name {cell.name!r} is also the name of the cell at line {first_line[cell.name]}; both cells are kept")
            first_line.setdefault(cell.name, cell.lineno)
        if "guard" not in self.seen:
            self.problem(len(self.lines), 'no `if __name__ == "__main__": app.run()` guard; it will be added')
        return Notebook(
            cells=tuple(self.cells) or new_notebook().cells,
            app_options=self.app_options,
            generated_with=self.generated_with,
            header=self.header,
            problems=tuple(self.problems),
        )

    def problem(self, lineno: int, message: str, blocks_rewrite: bool = False) -> None:
        self.problems.append(FileProblem(lineno, message, blocks_rewrite))

    def read_header(self, items: list[_Item], marimo_import: _Item) -> None:
        header_lines = self.lines[: marimo_import.start - 1]
        while header_lines and scan.is_blank(header_lines[0]):
            header_lines.pop(0)
        self.header = "\n".join(header_lines).rstrip()
        for item in items:
            if item.start < marimo_import.start and not _is_docstring(item.node):
                self.problem(item.start, "code before `import marimo` is kept in the header")

    def read_item(self, item: _Item) -> None:
        after_guard = "guard" in self.seen
        handler = getattr(self, f"_read_{item.kind}")
        handler(item)
        if after_guard and item.kind != "other":
            self.problem(item.start, "cell after the run guard; it will be written before it")

    # -- one reader per item kind

    def _read_import(self, item: _Item) -> None:
        if "import" in self.seen:
            return self._read_other(item)
        self.seen.add("import")

    def _read_version(self, item: _Item) -> None:
        if "app" in self.seen or "version" in self.seen:
            return self._read_other(item)
        self.generated_with = str(item.node.value.value)  # type: ignore[union-attr]
        self.seen.add("version")

    def _read_app(self, item: _Item) -> None:
        if "app" in self.seen:
            return self._read_other(item)
        call = item.node.value  # type: ignore[union-attr]
        source = "\n".join(self.lines)
        self.app_options = tuple(
            (kw.arg, _segment(source, kw.value)) for kw in call.keywords if kw.arg
        )
        if call.args or any(kw.arg is None for kw in call.keywords):
            self.problem(item.start, "positional or ** arguments to marimo.App() are dropped", blocks_rewrite=True)
        self.seen.add("app")

    def _read_setup(self, item: _Item) -> None:
        if "setup" in self.seen or self.cells:
            return self._read_other(item)
        node = item.node
        code = self._block_body(item, node)  # type: ignore[arg-type]
        if code.endswith("\npass") and _only_comments(code[: -len("\npass")]):
            code = code[: -len("\npass")]
        options, _ = self._options(node.items[0].context_expr, item.start)  # type: ignore[union-attr]
        self.cells.append(CellSource(code, "setup", CellConfig(**options), "setup", item.start))
        self.seen.add("setup")

    def _read_cell(self, item: _Item) -> None:
        node = item.node
        options, _ = self._options(_app_decorator(node), item.start)  # type: ignore[arg-type]
        code = self._block_body(item, node)  # type: ignore[arg-type]
        lines = code.split("\n")
        if len(lines) > 1 and lines[-1] == "" and scan.needs_blank_line("\n".join(lines[:-1])):
            code = "\n".join(lines[:-1])
        self.cells.append(CellSource(code, node.name, CellConfig(**options), "cell", item.start))  # type: ignore[union-attr]

    def _read_function(self, item: _Item, kind: str = "function") -> None:
        node = item.node
        decorator = _app_decorator(node)  # type: ignore[arg-type]
        options, _ = self._options(decorator, item.start)
        skip = range(decorator.lineno, (decorator.end_lineno or decorator.lineno) + 1)  # type: ignore[union-attr]
        kept = [self.lines[n - 1] for n in range(item.start, item.end + 1) if n not in skip]
        self.cells.append(CellSource("\n".join(kept), node.name, CellConfig(**options), kind, item.start))  # type: ignore[union-attr]

    def _read_class(self, item: _Item) -> None:
        self._read_function(item, "class")

    def _read_unparsable(self, item: _Item) -> None:
        call = item.node.value  # type: ignore[union-attr]
        arg = call.args[0]
        source = "\n".join(self.lines)
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            code = _unwrap_unparsable(arg.value)
        else:
            code = _segment(source, arg)
            self.problem(item.start, "unparsable cell without a string literal; its expression is kept as code")
        options, name = self._options(call, item.start)
        self.cells.append(CellSource(code, name, CellConfig(**options), "unparsable", item.start))
        self.problem(item.start, f"cell {name!r} is unparsable; kept as is")

    def _read_raw(self, item: _Item) -> None:
        block = "\n".join(self.lines[item.start - 1 : item.end])
        options = scan.block_options(block) if scan.CELL_START.match(block) else {}
        name = scan.block_name(block) if scan.CELL_START.match(block) else "_"
        self.cells.append(CellSource(block, name, CellConfig(**options), "unparsable", item.start))  # type: ignore[arg-type]
        self.problem(item.start, f"does not parse under {_HOST}; kept byte for byte as an unparsable cell")

    def _read_guard(self, item: _Item) -> None:
        if "guard" in self.seen:
            return self._read_other(item)
        self.seen.add("guard")

    def _read_other(self, item: _Item) -> None:
        code = scan.dedent_lines(self.lines[item.start - 1 : item.end])
        self.cells.append(CellSource(code, "_", CellConfig(), "cell", item.start))
        self.problem(item.start, "text outside any cell is kept as a cell of its own")

    # -- helpers

    def _block_body(self, item: _Item, node: ast.stmt) -> str:
        """Dedented body of a `def`/`with` block, without a final `return`."""
        header_line = node.lineno
        colon = scan.header_colon(self.lines, header_line)
        body = node.body  # type: ignore[attr-defined]
        last = body[-1]
        returns = isinstance(last, ast.Return) and not isinstance(node, (ast.With, ast.AsyncWith))
        if colon is None or colon[0] == body[0].lineno:  # one-line block: `def _(): x = 1; return`
            source = "\n".join(self.lines)
            return "\n".join(_segment(source, s) for s in body if not (returns and s is last))
        first = colon[0] + 1
        if not returns:
            return scan.dedent_lines(self.lines[first - 1 : item.end])
        lines = self.lines[first - 1 : last.lineno - 1]
        before_return = self.lines[last.lineno - 1][: last.col_offset].rstrip().rstrip(";").rstrip()
        if before_return.strip():
            lines.append(before_return)
        after_return = self.lines[(last.end_lineno or last.lineno) : item.end]
        if any(not scan.is_blank(line) for line in after_return):
            self.problem(item.start, "lines after the cell's return are moved before it")
            lines += after_return
        return scan.dedent_lines(lines)

    def _options(self, node: ast.expr | None, lineno: int) -> tuple[dict[str, object], str]:
        options: dict[str, object] = {}
        name = "_"
        keywords = node.keywords if isinstance(node, ast.Call) else []
        for kw in keywords:
            try:
                value = ast.literal_eval(kw.value)
            except ValueError:
                value = None
            if kw.arg == "name" and isinstance(value, str):
                name = value
            elif kw.arg in ("hide_code", "disabled", "expand_output") and isinstance(value, bool):
                options[kw.arg] = value
            elif kw.arg == "column" and (value is None or isinstance(value, int)):
                options[kw.arg] = value
            else:
                self.problem(lineno, f"unknown cell option {kw.arg}= is dropped", blocks_rewrite=True)
        return options, name


def _segment(source: str, node: ast.AST) -> str:
    return ast.get_source_segment(source, node) or ""


def _is_docstring(node: ast.stmt | None) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def _only_comments(code: str) -> bool:
    return all(not line.strip() or line.strip().startswith("#") for line in code.splitlines())


def _unwrap_unparsable(value: str) -> str:
    """The code inside `app._unparsable_cell(r\"\"\"...\"\"\")`."""
    value = value.removeprefix("\n")
    head, newline, tail = value.rpartition("\n")
    if newline and scan.is_blank(tail):
        value = head
    return scan.dedent_lines(value.split("\n"))


# --------------------------------------------------------------------- writing


def write_notebook(nb: Notebook) -> str:
    """The canonical marimo 0.25 text of a notebook."""
    setup = next((c for c in nb.cells if c.kind == "setup"), None)
    cells = [c for c in nb.cells if c is not setup]
    if setup is None:
        raw_setup = next((c for c in cells if c.kind == "unparsable" and scan.SETUP_START.match(c.code)), None)
        setup_section = raw_setup.code + "\n\n" if raw_setup else ""
        cells = [c for c in cells if c is not raw_setup]
    else:
        setup_section = _setup_section(setup)
    cells = _as_written(cells, setup)
    scope = _Scope.of(setup, cells)
    parts = [nb.header.rstrip(), ""] if nb.header.strip() else []
    parts += [
        "import marimo",
        "",
        f'__generated_with = "{nb.generated_with or MARIMO_VERSION}"',
        scan.tuple_call("app = marimo.App(...)", tuple(f"{k}={v}" for k, v in nb.app_options)),
        "",
        setup_section,
        "\n\n\n".join(_cell_block(cell, scope) for cell in cells),
        "\n",
        'if __name__ == "__main__":',
        scan.indent_code("app.run()"),
        "",
    ]
    text = "\n".join(parts).lstrip()
    return (BOM if nb.bom else "") + (text.replace("\n", nb.newline) if nb.newline != "\n" else text)


def _as_written(cells: list[CellSource], setup: CellSource | None) -> list[CellSource]:
    """Cells with the kind marimo's writer gives them: a pure function cell is
    `@app.function`, a function cell reading other cells' names an `@app.cell`."""
    setup_defs = analyze(setup.code).defs if setup is not None else frozenset()
    codes = [c.code if c.kind != "unparsable" else "(" for c in cells]  # "(": never parses
    kinds = reusable_kinds(codes, [c.name for c in cells], setup_defs)
    out = []
    for cell, kind in zip(cells, kinds):
        if kind in ("function", "class") and cell.kind != kind:
            cell = replace(cell, kind=kind)
        elif kind == "cell" and cell.kind in ("function", "class"):
            cell = replace(cell, kind="cell", name="_")
        out.append(cell)
    return out


@dataclass(frozen=True)
class _CellFacts:
    defs: frozenset[str]
    refs: frozenset[str]  # including shadowed builtins the cell reads
    ok: bool


@dataclass
class _Scope:
    """What every cell's signature and return depend on: the whole notebook."""

    facts: dict[int, _CellFacts] = field(default_factory=dict)
    global_names: set[str] = field(default_factory=set)  # never passed as arguments
    used: set[str] = field(default_factory=set)  # names some cell reads
    annotations: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, setup: CellSource | None, cells: list[CellSource]) -> _Scope:
        scope = cls()
        analyses = {id(c): analyze(c.code) for c in cells if c.kind != "unparsable"}
        all_defs = set().union(*(a.defs for a in analyses.values() if a.error is None))
        shadowed = BUILTINS & all_defs
        for cell in cells:
            a = analyses.get(id(cell))
            if a is None or a.error is not None:
                scope.facts[id(cell)] = _CellFacts(frozenset(), frozenset(), False)
                if cell.kind == "unparsable":
                    scope.global_names.add(cell.name)
                    scope.used |= scan.raw_block_refs(cell.code) if scan.CELL_START.match(cell.code) else set()
                continue
            builtins_read = a.builtin_refs & shadowed  # `print = print` reads print too
            refs = a.refs | (builtins_read - a.defs)
            scope.facts[id(cell)] = _CellFacts(a.defs, refs, True)
            scope.used |= refs | builtins_read
            scope.annotations.update(scan.annotated_defs(cell.code, a.defs))
            if cell.kind in ("function", "class"):
                scope.global_names |= a.defs
        if setup is not None and (s := analyze(setup.code)).error is None:
            scope.global_names |= s.defs
        scope.global_names |= BUILTINS - all_defs
        return scope


def _cell_block(cell: CellSource, scope: _Scope) -> str:
    facts = scope.facts[id(cell)]
    if cell.kind == "unparsable" or not facts.ok:
        if cell.kind == "unparsable" and scan.CELL_START.match(cell.code):
            return cell.code
        return _unparsable_block(cell)
    if cell.kind in ("function", "class"):
        fn = "function" if cell.kind == "function" else "class_definition"
        return f"{_decorator(cell.config, fn)}\n{cell.code.strip()}"
    allowed = scope.global_names | facts.defs
    args = tuple(
        _annotated(ref, scope, allowed) for ref in sorted(facts.refs) if ref not in allowed and ref.isidentifier()
    )
    prefix = "async " if scan.is_async(cell.code) else ""
    lines = [_decorator(cell.config, "cell"), scan.tuple_call(f"{prefix}def {cell.name or '_'}(...):", args)]
    if body := scan.indent_code(scan.markdown_form(cell.code)):
        lines.append(body)
    if scan.needs_blank_line(cell.code):
        lines.append("")
    returns = tuple(name for name in sorted(facts.defs) if name in scope.used)
    lines.append(scan.tuple_call("return (...)", returns, indent=True, naked=True))
    return "\n".join(lines)


def _setup_section(setup: CellSource) -> str:
    code = setup.code
    if not code.strip():
        return ""
    if _only_comments(code):
        code += "\npass"
    prefix = "async " if scan.is_async(setup.code) else ""
    head = "with app.setup(hide_code=True):" if setup.config.hide_code else "with app.setup:"
    return "\n".join([prefix + head, scan.indent_code(code), "\n"])


def _unparsable_block(cell: CellSource) -> str:
    code = cell.code
    if '"""' in code:
        literal = '"""\n' + code.replace("\\", "\\\\").replace('"', '\\"') + '\n"""'
    else:
        literal = 'r"""\n' + code + '\n"""'
    flags: list[tuple[str, object]] = []
    if cell.config != CellConfig():
        c = cell.config
        flags = [("column", c.column), ("disabled", c.disabled), ("hide_code", c.hide_code), ("expand_output", c.expand_output)]
    flags.append(("name", cell.name))
    kwargs = ", ".join(f"{key}={_format_value(value)}" for key, value in flags)
    return "\n".join(["app._unparsable_cell(", scan.indent_code(literal + ","), scan.indent_code(kwargs), ")"])


def _format_value(value: object) -> str:
    return f'"{value}"'.replace("\\", "\\\\") if isinstance(value, str) else str(value)


def _decorator(config: CellConfig, fn: str) -> str:
    defaults = CellConfig()
    options = tuple(
        f"{key}={getattr(config, key)}"
        for key in ("column", "disabled", "hide_code", "expand_output")
        if getattr(config, key) != getattr(defaults, key)
    )
    return scan.tuple_call(f"@app.{fn}(...)", options) if options else f"@app.{fn}"


def _annotated(ref: str, scope: _Scope, allowed: set[str]) -> str:
    if ref not in scope.annotations:
        return ref
    text, refs = scope.annotations[ref]
    if refs - allowed:
        text = '"' + re.sub(r'(?<!\\)"', r'\\"', text) + '"'
    return f"{ref}: {text}"
