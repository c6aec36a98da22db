import marimo

__generated_with = "0.25.2"
app = marimo.App(width="full", app_title="Weather dashboard", layout_file="layouts/dashboard.grid.json")


@app.cell
def _():
    import marimo as mo
    import math
    import random
    import statistics

    return math, mo, random, statistics


@app.cell
def _(mo):
    mo.md(r"""
    # Weather dashboard

    A dashboard laid out on marimo's grid: open it in the app view to see the cells placed side by side, as in marimo.

    The layout lives in `layouts/dashboard.grid.json`, next to the notebook; the editor shows the cells one under another.
    """)
    return


@app.cell
def _(mo):
    station = mo.ui.dropdown(["Lisbon", "Oslo", "Nairobi", "Denver"], value="Lisbon", label="Station")
    days = mo.ui.slider(7, 60, value=30, label="Days", show_value=True)
    unit = mo.ui.radio(["°C", "°F"], value="°C", label="Unit", inline=True)
    mo.vstack([station, days, unit], gap=1)
    return days, station, unit


@app.cell
def _(days, math, random, station, unit):
    # Made-up but plausible readings: a yearly cycle, a daily wobble, some noise.
    _climate = {"Lisbon": (17, 6), "Oslo": (6, 9), "Nairobi": (19, 2), "Denver": (10, 10)}
    _mean, _swing = _climate[station.value]
    _rng = random.Random(station.value)
    readings = []
    for _day in range(days.value):
        _t = _mean + _swing * math.sin(2 * math.pi * (_day + 80) / 365) + _rng.gauss(0, 2)
        _rain = max(0.0, _rng.gauss(2, 4))
        if unit.value == "°F":
            _t = _t * 9 / 5 + 32
        readings.append({"day": _day + 1, "temperature": round(_t, 1), "rain (mm)": round(_rain, 1)})
    return (readings,)


@app.cell
def _(mo, readings, statistics, unit):
    _temps = [r["temperature"] for r in readings]
    _rain = [r["rain (mm)"] for r in readings]
    _cards = [
        mo.stat(f"{statistics.mean(_temps):.1f} {unit.value}", label="Mean", bordered=True),
        mo.stat(f"{max(_temps):.1f} {unit.value}", label="Warmest", bordered=True),
        mo.stat(f"{min(_temps):.1f} {unit.value}", label="Coldest", bordered=True),
        mo.stat(f"{sum(_rain):.0f} mm", label="Rain", caption=f"{sum(1 for r in _rain if r > 0.5)} wet days", bordered=True),
    ]
    mo.hstack(_cards, widths="equal", gap=1)
    return


@app.cell
def _(mo, readings, unit):
    _w, _h, _pad = 640, 240, 36
    _temps = [r["temperature"] for r in readings]
    _lo, _hi = min(_temps) - 1, max(_temps) + 1
    _x = lambda i: _pad + i / max(1, len(_temps) - 1) * (_w - 2 * _pad)
    _y = lambda t: _h - _pad - (t - _lo) / (_hi - _lo) * (_h - 2 * _pad)
    _line = " ".join(f"{'M' if i == 0 else 'L'}{_x(i):.1f},{_y(t):.1f}" for i, t in enumerate(_temps))
    _ticks = "".join(
        f'<text x="{_pad - 6}" y="{_y(v):.1f}" text-anchor="end" font-size="11" fill="#888">{v:.0f}</text>'
        for v in (_lo, (_lo + _hi) / 2, _hi)
    )
    mo.Html(
        f'<svg viewBox="0 0 {_w} {_h}" width="100%" height="260" role="img" aria-label="Daily temperature">'
        f'<path d="{_line}" fill="none" stroke="#4a7bd0" stroke-width="2"/>{_ticks}'
        f'<text x="{_w / 2}" y="{_h - 8}" text-anchor="middle" font-size="12" fill="#888">'
        f"day · temperature ({unit.value})</text></svg>"
    )
    return


@app.cell
def _(mo, readings):
    mo.ui.table(readings, selection=None, page_size=10, label="Daily readings")
    return


@app.cell
def _(mo):
    mo.md(r"""
    *Readings are generated with Python's `random` module, seeded by the station's name: no network, no data files.*
    """)
    return


if __name__ == "__main__":
    app.run()
