import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="Data tools")


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    mo.md(r"""
    # Data tools

    Transform, explore and edit a table without writing code: `mo.ui.dataframe`,
    `mo.ui.data_explorer` and `mo.ui.data_editor`, over plain Python data (a list
    of dicts), so everything here works offline. With pandas or polars loaded,
    the same widgets take their data frames.
    """)
    return


@app.cell
def _():
    planets = [
        {"planet": "Mercury", "kind": "rocky", "moons": 0, "radius_km": 2440, "day_hours": 4222.6},
        {"planet": "Venus", "kind": "rocky", "moons": 0, "radius_km": 6052, "day_hours": 2802.0},
        {"planet": "Earth", "kind": "rocky", "moons": 1, "radius_km": 6371, "day_hours": 24.0},
        {"planet": "Mars", "kind": "rocky", "moons": 2, "radius_km": 3390, "day_hours": 24.7},
        {"planet": "Jupiter", "kind": "gas giant", "moons": 95, "radius_km": 69911, "day_hours": 9.9},
        {"planet": "Saturn", "kind": "gas giant", "moons": 146, "radius_km": 58232, "day_hours": 10.7},
        {"planet": "Uranus", "kind": "ice giant", "moons": 28, "radius_km": 25362, "day_hours": 17.2},
        {"planet": "Neptune", "kind": "ice giant", "moons": 16, "radius_km": 24622, "day_hours": 16.1},
    ]
    return (planets,)


@app.cell
def _(mo):
    mo.md(r"""
    ## Transform

    Add steps (filter rows, select columns, sort, group by...): the table shows
    the result, the **Python code** tab the pandas code doing the same, and
    `.value` is the transformed data for the cells below.
    """)
    return


@app.cell
def _(mo, planets):
    transformed = mo.ui.dataframe(planets)
    transformed
    return (transformed,)


@app.cell
def _(mo, transformed):
    mo.md(f"The transformed table has **{len(transformed.value)}** rows.")
    return


@app.cell
def _(mo):
    mo.md(r"""
    ## Explore

    Choose a chart type and the columns on each axis.
    """)
    return


@app.cell
def _(mo, planets):
    explorer = mo.ui.data_explorer(planets, x="radius_km", y="moons", color="kind")
    explorer
    return (explorer,)


@app.cell
def _(explorer, mo):
    mo.md(f"Channels chosen: `{explorer.value}`")
    return


@app.cell
def _(mo):
    mo.md(r"""
    ## Edit

    Type into a cell (a number column takes only numbers); `.value` is the
    edited data, of the type given (here a dict of columns).
    """)
    return


@app.cell
def _(mo):
    budget = mo.ui.data_editor(
        {"item": ["rent", "food", "books"], "monthly": [900, 350, 40]},
        label="Budget",
    )
    budget
    return (budget,)


@app.cell
def _(budget, mo):
    mo.md(f"Total: **{sum(v or 0 for v in budget.value['monthly'])}** a month")
    return


@app.cell
def _(mo, planets):
    mo.vstack([
        mo.md(r"""
    ## Search, filter, download

    Every table has a search box, column filters (`> 10`, `1..5`, or text),
    summaries under the columns, and downloads as CSV or JSON.
    """),
        mo.ui.table(planets * 2, label="Planets, twice"),
    ])
    return


if __name__ == "__main__":
    app.run()
