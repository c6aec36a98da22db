import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="Select points, see the rows")


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    mo.md(
        """
        # Select points, see the rows

        marimo's signature demo: a scatter plot of embedded handwritten-like
        digits. **Drag** a box over the points (or **click** one, or a legend
        entry): the cells below run again with the points you selected, as a
        row of images and as a table.

        The digits are drawn in this notebook (seven-segment strokes with
        noise), so it runs offline with the standard library only; when numpy,
        pandas and altair can be loaded, it uses them instead.
        """
    )
    return


@app.cell
def _():
    try:
        import altair as alt
        import numpy as np
        import pandas as pd
    except ImportError:  # offline: plain lists and a Vega-Lite dict
        alt = np = pd = None
    return alt, np, pd


@app.cell
def _():
    import math
    import random
    import struct
    import zlib

    SEGMENTS = {  # which of the seven segments each digit lights (a..g)
        0: "abcdef", 1: "bc", 2: "abged", 3: "abgcd", 4: "fgbc",
        5: "afgcd", 6: "afgedc", 7: "abc", 8: "abcdefg", 9: "abcdfg",
    }
    SIZE = 16

    def draw(digit, rng):
        """A SIZE x SIZE grayscale digit with some jitter and noise."""
        grid = [[0] * SIZE for _ in range(SIZE)]
        dx, dy = rng.randint(-1, 1), rng.randint(-1, 1)
        top, mid, bot, left, right = 2 + dy, 7 + dy, 12 + dy, 4 + dx, 10 + dx
        strokes = {
            "a": [(x, top) for x in range(left, right + 1)],
            "g": [(x, mid) for x in range(left, right + 1)],
            "d": [(x, bot) for x in range(left, right + 1)],
            "f": [(left, y) for y in range(top, mid + 1)],
            "b": [(right, y) for y in range(top, mid + 1)],
            "e": [(left, y) for y in range(mid, bot + 1)],
            "c": [(right, y) for y in range(mid, bot + 1)],
        }
        for segment in SEGMENTS[digit]:
            for x, y in strokes[segment]:
                if 0 <= x < SIZE and 0 <= y < SIZE:
                    grid[y][x] = 255
        for _ in range(6):
            grid[rng.randrange(SIZE)][rng.randrange(SIZE)] = rng.randint(60, 160)
        return grid

    def png(grid):
        """PNG bytes of a grayscale grid (stdlib only)."""
        raw = b"".join(b"\x00" + bytes(row) for row in grid)

        def chunk(kind, data):
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

        head = struct.pack(">IIBBBBB", len(grid[0]), len(grid), 8, 0, 0, 0, 0)
        return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")

    rng = random.Random(7)
    N = 300
    digits = [rng.randrange(10) for _ in range(N)]
    images = [png(draw(d, rng)) for d in digits]
    # a 2-D "embedding": one cluster per digit on a circle, 8 next to 2 and 3
    order = [0, 6, 5, 9, 4, 7, 1, 2, 8, 3]
    points = []
    for i, d in enumerate(digits):
        angle = 2 * math.pi * order.index(d) / 10
        points.append({
            "index": i,
            "x": round(3 * math.cos(angle) + rng.gauss(0, 0.55), 3),
            "y": round(3 * math.sin(angle) + rng.gauss(0, 0.55), 3),
            "digit": str(d),
        })
    return images, points


@app.cell
def _(alt, mo, pd, points):
    if alt is not None and pd is not None:
        data = pd.DataFrame(points)
        _chart = (
            alt.Chart(data)
            .mark_circle(size=40)
            .encode(x="x:Q", y="y:Q", color="digit:N", tooltip=["index", "digit"])
            .properties(width=420, height=360)
        )
    else:
        data = points
        _chart = {
            "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "data": {"values": points},
            "mark": {"type": "circle", "size": 40},
            "encoding": {
                "x": {"field": "x", "type": "quantitative"},
                "y": {"field": "y", "type": "quantitative"},
                "color": {"field": "digit", "type": "nominal"},
                "tooltip": [{"field": "index"}, {"field": "digit"}],
            },
            "width": 420,
            "height": 360,
        }
    chart = mo.ui.altair_chart(_chart, label="Embedded digits")
    chart
    return (chart,)


@app.cell
def _(chart, pd):
    # the selection as rows, whichever type .value has (a frame or a list of dicts)
    if pd is not None and hasattr(chart.value, "to_dict"):
        selected = chart.value.to_dict("records")
    else:
        selected = list(chart.value)
    return (selected,)


@app.cell
def _(images, mo, selected):
    mo.stop(not selected, mo.md("*Select some points in the chart above.*"))
    mo.vstack(
        [
            mo.md(f"**{len(selected)} selected** (the first 12 shown)"),
            mo.hstack(
                [mo.image(images[r["index"]], width=48, height=48, alt=f"digit {r['digit']}") for r in selected[:12]],
                justify="start",
            ),
        ]
    )
    return


@app.cell
def _(images, mo, selected):
    mo.ui.table(
        [
            {"image": mo.image(images[r["index"]], width=32, height=32, alt=f"digit {r['digit']}"), **r}
            for r in selected
        ],
        label="Selected points",
        selection=None,
        page_size=8,
    )
    return


if __name__ == "__main__":
    app.run()
