"""The data widgets' Python side: prints medians (not a test).

    python3 bench/data_widgets.py [--rows N] [--repeat N]

For a table of N rows (default 20,000, what a table ships to the page):
making mo.ui.dataframe / mo.ui.table, and a change in the page (a filter then
a group-by) becoming `.value`, over a list of dicts and, when installed, a
pandas frame; against marimo's dataframe on the same frame with --vs-marimo.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kernel_py.mo import ui  # noqa: E402

STEPS = {"transforms": [
    {"type": "filter_rows", "operation": "keep_rows", "where": [{"column_id": "n", "operator": ">", "value": 500}]},
    {"type": "group_by", "column_ids": ["city"], "drop_na": True, "aggregation": "mean", "aggregation_column_ids": ["n"]},
]}


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--vs-marimo", action="store_true")
    args = parser.parse_args()
    rng = random.Random(1)
    rows = [{"city": rng.choice(["Oslo", "Rome", "Lima", "Pune"]), "n": rng.randrange(1000), "x": rng.random()}
            for _ in range(args.rows)]
    data = {"list of dicts": rows}
    try:
        import pandas as pd

        data["pandas"] = pd.DataFrame(rows)
    except ImportError:
        pass
    print(f"{args.rows} rows, median of {args.repeat}")
    for name, frame in data.items():
        made = median_ms(lambda: ui.dataframe(frame), args.repeat)
        w = ui.dataframe(frame)
        change = median_ms(lambda: w._update(STEPS), args.repeat)
        table = median_ms(lambda: ui.table(frame), args.repeat)
        print(f"{name:14} dataframe made {made:7.1f} ms   filter+group-by -> .value {change:7.1f} ms   table made {table:7.1f} ms")
    if args.vs_marimo and "pandas" in data:
        import marimo

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            m = marimo.ui.dataframe(data["pandas"])
            made = median_ms(lambda: marimo.ui.dataframe(data["pandas"]), args.repeat)
            change = median_ms(lambda: m._convert_value(STEPS), args.repeat)
        print(f"{'marimo pandas':14} dataframe made {made:7.1f} ms   filter+group-by -> .value {change:7.1f} ms")


if __name__ == "__main__":
    main()
