"""Kernel speed: prints medians for generated notebooks (not a test).

    python3 bench/kernel.py [--repeat N] [--vs-marimo]

Targets (issues 2 and 14): per-cell overhead <= 25 us (CPython), graph update after
editing one cell of a 1,000-cell notebook <= 1 ms; with --vs-marimo,
`rivulet run` at least 5x faster than marimo running the same file.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kernel_py.core import runner  # noqa: E402
from kernel_py.core.analysis import analyze  # noqa: E402
from kernel_py.core.topology import Topology  # noqa: E402
from kernel_py.notebook.file_format import CellSource, Notebook, write_notebook  # noqa: E402
from kernel_py.session import Session  # noqa: E402


def chain(n: int) -> list[str]:
    return ["x_0 = 0"] + [f"x_{i} = x_{i - 1} + 1" for i in range(1, n)]


def fan_out(n: int) -> list[str]:
    return ["root = 1"] + [f"r_{i} = root + {i}" for i in range(n)]


def _session(codes: list[str]) -> tuple[Session, list[dict]]:
    session = Session(lambda msg: None)
    cells = [{"id": f"c{i}", "code": code} for i, code in enumerate(codes)]
    asyncio.run(session.handle({"v": 1, "type": "set_cells", "cells": cells}))
    return session, cells


def _clear_caches() -> None:
    analyze.cache_clear()
    runner._compiled.clear()


def time_open_and_run(codes: list[str], repeat: int) -> tuple[float, float]:
    """Open (analyse, build the graph), then run every cell: from source, no
    caches.  Returns the medians of (open, run)."""
    opened, ran = [], []
    for _ in range(repeat):
        _clear_caches()
        start = time.perf_counter()
        session, _cells = _session(codes)
        middle = time.perf_counter()
        asyncio.run(session.kernel.run_all())
        ran.append(time.perf_counter() - middle)
        opened.append(middle - start)
        session.close()
    return statistics.median(opened), statistics.median(ran)


def time_run_all(codes: list[str], repeat: int) -> float:
    return sum(time_open_and_run(codes, repeat))


def time_edit_first(codes: list[str], repeat: int) -> float:
    session, _cells = _session(codes)
    asyncio.run(session.kernel.run_all())
    samples = []
    for i in range(repeat):
        msg = {"v": 1, "type": "run", "cells": [{"id": "c0", "code": f"{codes[0].split('=')[0]}= {i}"}]}
        start = time.perf_counter()
        asyncio.run(session.handle(msg))
        samples.append(time.perf_counter() - start)
    session.close()
    return statistics.median(samples)


def time_plain_exec(codes: list[str], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        ns: dict = {}
        start = time.perf_counter()
        for code in codes:
            import ast

            exec(compile(ast.parse(code), "<cell>", "exec"), ns)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def time_graph_update(n: int, repeat: int) -> float:
    topology = Topology.of({f"c{i}": code for i, code in enumerate(chain(n))})
    middle = n // 2
    samples = []
    for i in range(repeat):
        code = f"x_{middle} = x_{middle - 1} + {i + 2}"
        start = time.perf_counter()
        topology = topology.update({f"c{middle}": code})
        topology.static_error(f"c{middle}")
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def notebook_file(codes: list[str], path: Path) -> None:
    nb = Notebook(cells=tuple(CellSource(code=c) for c in codes), generated_with="0.25.2")
    path.write_text(write_notebook(nb), encoding="utf-8")


def whole_process(cmd: list[str], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--vs-marimo", action="store_true")
    args = parser.parse_args()
    r = args.repeat
    us = 1e6

    codes = chain(500)
    opened, ran = time_open_and_run(codes, r)
    total = opened + ran
    plain = time_plain_exec(codes, r)
    print(f"chain 500: open {opened / 500 * us:.1f} us/cell (analysis + graph), "
          f"run {ran / 500 * us:.1f} us/cell; total {total / 500 * us:.1f} us/cell "
          f"vs plain parse+compile+exec {plain / 500 * us:.1f} us/cell: "
          f"overhead {(total - plain) / 500 * us:.1f} us/cell (target <= 25, issue 14)")
    edit = time_edit_first(codes, r)
    print(f"chain 500: edit first cell and re-run all {edit * 1e3:.1f} ms ({edit / 500 * us:.1f} us/cell)")
    fan = fan_out(1000)
    total = time_run_all(fan, r)
    edit = time_edit_first(fan, r)
    print(f"fan-out 1+1000: run all {total * 1e3:.1f} ms; edit root and re-run {edit * 1e3:.1f} ms "
          f"({edit / 1001 * us:.1f} us/cell)")
    update = time_graph_update(1000, max(r, 101))
    print(f"graph update after editing one cell of 1000: {update * us:.1f} us (target <= 1000 us)")

    if args.vs_marimo:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "chain500.py"
            notebook_file(codes, path)
            rivulet = whole_process([sys.executable, "-m", "kernel_py.cli", "run", str(path)], 3)
            print(f"whole process, rivulet run chain500.py: {rivulet:.3f} s")
            try:
                import marimo  # noqa: F401
            except ImportError:
                print("marimo not installed: skipping the comparison")
                return
            marimo_s = whole_process([sys.executable, str(path)], 3)
            print(f"whole process, python chain500.py (marimo): {marimo_s:.3f} s")
            print(f"ratio marimo / rivulet: {marimo_s / rivulet:.1f}x (target >= 5)")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
