"""The ``rivulet`` command line (host only: never imported in the browser)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

from .checks import check_notebook
from ..notebook.file_format import new_notebook, parse_notebook, write_notebook


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except _UserError as exc:
        print(f"rivulet: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


class _UserError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rivulet", description="A reactive Python notebook that runs in the browser."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("new", help="write a new notebook file")
    p.add_argument("path", nargs="?", default="notebook.py")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("run", help="run a notebook headless; non-zero exit if a cell fails")
    p.add_argument("path")
    p.add_argument("--json", action="store_true", help="print one JSON object with every cell")
    p.add_argument("args", nargs="*", help="after --: the notebook's sys.argv[1:] and mo.cli_args()")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("check", help="static checks: syntax, multiple definitions, cycles")
    p.add_argument("path")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("fmt", help="rewrite a notebook in canonical form")
    p.add_argument("path")
    p.add_argument("--check", action="store_true", help="only report; exit 1 if it would change")
    p.set_defaults(func=cmd_fmt)

    p = sub.add_parser("edit", help="serve the editor on 127.0.0.1 with PATH (a notebook, or a folder of them) open")
    p.add_argument("path", nargs="?", default="notebook.py", help="a notebook file (created if missing) or a folder")
    p.add_argument("--port", type=_port, default=2718, help="0: any free port (default 2718)")
    p.add_argument("--no-browser", action="store_true", help="print the URL; do not open a browser")
    p.set_defaults(func=cmd_edit)

    p = sub.add_parser("export", help="a static folder (or one HTML file) that runs PATH with no network")
    p.add_argument("path")
    p.add_argument("-o", "--output", required=True, help="the folder to write (with --single-file: the .html file)")
    p.add_argument("--mode", choices=("read", "edit"), default="read", help="app view (default) or the editor")
    p.add_argument("--single-file", action="store_true", help="one HTML file that opens from file://")
    p.add_argument("--islands", action="store_true", help="a snippet of pre-rendered outputs per cell (DIR/islands.html) and one script, to paste into any page")
    p.add_argument("--pyodide-dist", metavar="DIR", help="a local copy of Pyodide's full distribution: ship the compiled packages the notebook needs from it")
    p.set_defaults(func=cmd_export)
    return parser


def _port(value: str) -> int:
    port = int(value) if value.isascii() and value.isdigit() else -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port (0-65535)")
    return port


def _read(path: str) -> str:
    """The file's text exactly (a byte-order mark and CRLF line ends included:
    the notebook reader remembers them and the writer puts them back)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise _UserError(f"{path}: no such file") from None
    except OSError as exc:
        raise _UserError(f"{path}: {exc.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _UserError(
            f"{path}:{line}: not UTF-8 text ({exc.reason} at byte {exc.start}); "
            "a notebook is Python source in UTF-8: convert it (e.g. iconv -f latin1 -t utf-8)"
        ) from None


def cmd_new(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if path.exists():
        raise _UserError(f"{path}: already exists; not overwriting it")
    path.write_text(write_notebook(new_notebook()), encoding="utf-8")
    print(f"wrote {path}")
    return 0


def _is_empty(text: str) -> bool:
    return not text.strip("\ufeff \t\r\n\f")


def _say_if_empty(path: str, text: str) -> None:
    if _is_empty(text):
        print(f"{path}:1: empty file: it opens as a new notebook with one empty cell", file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    text = _read(args.path)
    _say_if_empty(args.path, text)
    report = check_notebook(parse_notebook(text), text)
    if args.json:
        print(json.dumps({"cells": report.cells}, indent=2))
    for message in report.messages(args.path):
        print(message, file=sys.stderr)
    return 1 if report.has_errors else 0


def cmd_fmt(args: argparse.Namespace) -> int:
    text = _read(args.path)
    if _is_empty(text):
        raise _UserError(f"{args.path}: empty file; not rewriting it (`rivulet new` writes a new notebook)")
    notebook = parse_notebook(text)
    blocking = [p for p in notebook.problems if p.blocks_rewrite]
    if blocking:
        reasons = "".join(f"\n{args.path}:{p.lineno}: {p.message}" for p in blocking)
        raise _UserError(f"{args.path}: not rewriting it: writing it back would change its text{reasons}")
    formatted = write_notebook(notebook)
    if formatted == text:
        return 0
    if args.check:
        print(f"{args.path}: would reformat", file=sys.stderr)
        return 1
    Path(args.path).write_bytes(formatted.encode("utf-8"))  # its BOM and line ends as they were
    print(f"reformatted {args.path}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from .headless import run_notebook

    text = _read(args.path)
    _say_if_empty(args.path, text)
    path = Path(args.path).resolve()
    result = run_notebook(
        text, echo=not args.json, notebook_dir=str(path.parent), notebook_file=str(path), args=args.args
    )
    if args.json:
        print(json.dumps({"cells": result.cells}, ensure_ascii=False))
    for message in result.messages(args.path):
        print(message, file=sys.stderr)
    status = result.exit_status
    if status not in (None, 0):  # a cell's sys.exit(status), as the process would have exited
        if isinstance(status, int):
            return status
        print(status, file=sys.stderr)
        return 1
    return 1 if result.failed else 0


def cmd_edit(args: argparse.Namespace) -> int:
    from .edit_server import serve

    return serve(Path(args.path), port=args.port, open_browser=not args.no_browser)


def cmd_export(args: argparse.Namespace) -> int:
    from .export import ExportError, export_folder

    _read(args.path)  # a clear message for a missing or unreadable file
    dist = Path(args.pyodide_dist) if args.pyodide_dist else None
    try:
        if args.islands:
            from .export.islands import export_islands

            summary = export_islands(Path(args.path), Path(args.output), pyodide_dist=dist)
        elif args.single_file:
            from .export.single_file import export_single_file

            summary = export_single_file(Path(args.path), Path(args.output), mode=args.mode, pyodide_dist=dist)
        else:
            summary = export_folder(Path(args.path), Path(args.output), mode=args.mode, pyodide_dist=dist)
    except ExportError as exc:
        raise _UserError(str(exc)) from None
    for line in summary.lines():
        print(line)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

