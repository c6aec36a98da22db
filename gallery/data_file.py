import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="Reading a data file")


@app.cell
def _():
    import csv
    import sys
    from pathlib import Path

    import marimo as mo

    return Path, csv, mo, sys


@app.cell
def _(mo):
    mo.md(r"""
    # Reading a data file

    Open a CSV file shipped beside the notebook with plain `open()` and the `csv` module, then explore it with widgets.

    The file is `data/weather.csv`, next to this notebook: monthly climate
    normals (approximate) for three cities. Publish a notebook with its
    `data/` folder and it reads the same way on your machine and in the
    browser.
    """)
    return


@app.cell
def _(Path, mo, sys):
    def locate(relative):
        """A file shipped beside this notebook, as a path open() can read.

        On your machine, run the notebook from its folder. In the browser,
        Python has its own file system: if the file is not there yet, it is
        fetched from the site (next to the notebook's URL) and written there.
        """
        path = Path(relative)
        if path.exists():
            return path
        if (Path("gallery") / path).exists():  # run from the repository's root
            return Path("gallery") / path
        if sys.platform == "emscripten":
            from urllib.parse import urljoin

            import js
            from pyodide.http import open_url

            site = urljoin(str(js.location.href), "../")  # the kernel's worker lives in assets/
            notebook = urljoin(site, mo.query_params().get("file") or "gallery/data_file.py")
            text = open_url(urljoin(notebook, path.as_posix())).read()
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return path
        raise FileNotFoundError(relative)

    return (locate,)


@app.cell
def _(csv, locate):
    with open(locate("data/weather.csv"), newline="", encoding="utf-8") as f:
        rows = [
            {**row, "mean_temp_c": float(row["mean_temp_c"]), "rain_mm": int(row["rain_mm"])}
            for row in csv.DictReader(f)
        ]
    return (rows,)


@app.cell
def _(mo, rows):
    mo.md(f"Read **{len(rows)} rows** with columns `{'`, `'.join(rows[0])}`.")
    return


@app.cell
def _(mo, rows):
    city = mo.ui.dropdown(sorted({r["city"] for r in rows}), value="Lisbon", label="City")
    measure = mo.ui.radio({"Temperature (°C)": "mean_temp_c", "Rain (mm)": "rain_mm"}, value="Temperature (°C)", label="Show")
    mo.hstack([city, measure], justify="start", gap=2)
    return city, measure


@app.cell
def _(city, measure, mo, rows):
    _mine = [r for r in rows if r["city"] == city.value]
    _values = [r[measure.value] for r in _mine]
    _low, _high = min(0, min(_values)), max(_values) or 1
    _bars = "".join(
        f"<g><rect x='{20 + i * 50}' y='{170 - (v - _low) / (_high - _low) * 150:.1f}' width='36' "
        f"height='{max(1, (v - _low) / (_high - _low) * 150):.1f}' rx='3' fill='{'#d0824a' if measure.value == 'mean_temp_c' else '#4a7bd0'}'/>"
        f"<text x='{38 + i * 50}' y='190' font-size='11' text-anchor='middle' fill='#555'>{r['month']}</text>"
        f"<text x='{38 + i * 50}' y='{165 - (v - _low) / (_high - _low) * 150:.1f}' font-size='10' text-anchor='middle' fill='#333'>{v:g}</text></g>"
        for i, (r, v) in enumerate(zip(_mine, _values))
    )
    mo.vstack(
        [
            mo.Html(f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 620 200' width='620' height='200' role='img' aria-label='{city.value} by month'>{_bars}</svg>"),
            mo.hstack(
                [
                    mo.stat(f"{max(r['mean_temp_c'] for r in _mine):g} °C", label="Warmest month", bordered=True),
                    mo.stat(f"{min(r['mean_temp_c'] for r in _mine):g} °C", label="Coldest month", bordered=True),
                    mo.stat(f"{sum(r['rain_mm'] for r in _mine)} mm", label="Rain in a year", bordered=True),
                ],
                justify="start",
                gap=1,
            ),
        ]
    )
    return


@app.cell
def _(mo, rows):
    mo.accordion({"All the rows": mo.ui.table(rows, page_size=12, selection=None)})
    return


if __name__ == "__main__":
    app.run()
