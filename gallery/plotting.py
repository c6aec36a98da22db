import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="Plotting")


@app.cell
def _():
    import math

    import marimo as mo

    return math, mo


@app.cell
def _(mo):
    mo.md(r"""
    # Plotting

    Draw charts that follow your widgets: with Altair when you are online (loaded from the CDN), and with plain SVG, offline and with no package at all.

    Packages that are not part of Python (Altair, Plotly, matplotlib...) are
    downloaded the first time a cell imports them, so those charts need a
    network connection the first time. The SVG chart below needs nothing.
    """)
    return


@app.cell
def _(mo):
    frequency = mo.ui.slider(1, 8, value=2, label="Frequency", show_value=True)
    damping = mo.ui.slider(0.0, 1.0, step=0.05, value=0.2, label="Damping", show_value=True)
    mo.hstack([frequency, damping], justify="start", gap=2)
    return damping, frequency


@app.cell
def _(damping, frequency, math):
    points = [
        (t / 100, math.exp(-damping.value * t / 20) * math.sin(frequency.value * t / 100 * 2 * math.pi))
        for t in range(0, 401)
    ]
    return (points,)


@app.cell
def _(mo):
    def svg_line_chart(points, width=640, height=240, color="#4a7bd0", title=""):
        """A line chart as an SVG string, from (x, y) pairs: standard library only."""
        xs = [x for x, _ in points]
        ys = [y for _, y in points]
        x0, x1 = min(xs), max(xs)
        y0, y1 = min(ys), max(ys)
        if y1 == y0:
            y0, y1 = y0 - 1, y1 + 1
        pad = 36
        sx = lambda x: pad + (x - x0) / (x1 - x0 or 1) * (width - 2 * pad)
        sy = lambda y: height - pad - (y - y0) / (y1 - y0) * (height - 2 * pad)
        path = " ".join(f"{'M' if i == 0 else 'L'}{sx(x):.1f},{sy(y):.1f}" for i, (x, y) in enumerate(points))
        ticks = "".join(
            f"<line x1='{pad}' x2='{width - pad}' y1='{sy(v):.1f}' y2='{sy(v):.1f}' stroke='#ddd'/>"
            f"<text x='{pad - 6}' y='{sy(v) + 4:.1f}' font-size='11' text-anchor='end' fill='#666'>{v:.1f}</text>"
            for v in (y0, (y0 + y1) / 2, y1)
        )
        return mo.Html(
            f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' width='{width}' height='{height}' role='img' aria-label='{title}'>"
            f"{ticks}<path d='{path}' fill='none' stroke='{color}' stroke-width='2'/>"
            f"<text x='{width / 2}' y='18' font-size='13' text-anchor='middle' fill='#333'>{title}</text></svg>"
        )

    return (svg_line_chart,)


@app.cell
def _(damping, frequency, mo, points, svg_line_chart):
    mo.vstack(
        [
            mo.md("### With the standard library (always works, offline too)"),
            svg_line_chart(points, title=f"sin({frequency.value}·2πt) · e^(−{damping.value:.2f}·5t)"),
        ]
    )
    return


@app.cell
def _():
    try:
        import altair as alt
    except ImportError:  # offline in the browser: the package could not be downloaded
        alt = None
    return (alt,)


@app.cell
def _(alt, mo, points):
    mo.stop(
        alt is None,
        mo.callout(
            mo.md("**Altair is not available**: it is downloaded from the CDN the first time, and this browser is offline. The SVG chart above works without it."),
            kind="info",
        ),
    )
    _data = alt.Data(values=[{"t": x, "y": y} for x, y in points])
    _chart = (
        alt.Chart(_data)
        .mark_line()
        .encode(x=alt.X("t:Q", title="time (s)"), y=alt.Y("y:Q", title="amplitude"))
        .properties(width=600, height=220, title="The same curve with Altair")
    )
    mo.vstack([mo.md("### With Altair (downloaded when online)"), _chart])
    return


if __name__ == "__main__":
    app.run()
