import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="Tables")


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    mo.md(r"""
    # Tables

    Show rows with `mo.ui.table`: pages, sorting, and row selection that other cells can read.

    A table takes a list of dicts (one per row), a dict of columns, or a
    pandas/polars data frame when those packages are loaded.
    """)
    return


@app.cell
def _():
    cities = [
        {"city": "Tokyo", "country": "Japan", "population_m": 37.4, "continent": "Asia"},
        {"city": "Delhi", "country": "India", "population_m": 31.2, "continent": "Asia"},
        {"city": "Shanghai", "country": "China", "population_m": 27.8, "continent": "Asia"},
        {"city": "São Paulo", "country": "Brazil", "population_m": 22.2, "continent": "South America"},
        {"city": "Mexico City", "country": "Mexico", "population_m": 21.9, "continent": "North America"},
        {"city": "Cairo", "country": "Egypt", "population_m": 21.3, "continent": "Africa"},
        {"city": "Mumbai", "country": "India", "population_m": 20.7, "continent": "Asia"},
        {"city": "Beijing", "country": "China", "population_m": 20.5, "continent": "Asia"},
        {"city": "Dhaka", "country": "Bangladesh", "population_m": 21.7, "continent": "Asia"},
        {"city": "Osaka", "country": "Japan", "population_m": 19.1, "continent": "Asia"},
        {"city": "New York", "country": "USA", "population_m": 18.8, "continent": "North America"},
        {"city": "Lagos", "country": "Nigeria", "population_m": 14.9, "continent": "Africa"},
        {"city": "Istanbul", "country": "Turkey", "population_m": 15.4, "continent": "Europe"},
        {"city": "Moscow", "country": "Russia", "population_m": 12.6, "continent": "Europe"},
    ]
    return (cities,)


@app.cell
def _(cities, mo):
    continent = mo.ui.dropdown(
        ["All"] + sorted({row["continent"] for row in cities}), value="All", label="Continent"
    )
    continent
    return (continent,)


@app.cell
def _(cities, continent, mo):
    _rows = [row for row in cities if continent.value in ("All", row["continent"])]
    table = mo.ui.table(_rows, page_size=6, label="Largest cities (click a header to sort; tick rows to select)")
    table
    return (table,)


@app.cell
def _(mo, table):
    _chosen = table.value
    mo.stop(not _chosen, mo.md("*Select rows in the table to compare them here.*"))
    _total = sum(row["population_m"] for row in _chosen)
    mo.md(f"You picked **{len(_chosen)}** cities, **{_total:.1f} million** people in all: " + ", ".join(row["city"] for row in _chosen) + ".")
    return


@app.cell
def _(mo):
    mo.md(r"""
    ## Columns, and a table built from a computation

    A dict of equal-length lists works too. Here, a multiplication table
    without selection (`selection=None`).
    """)
    return


@app.cell
def _(mo):
    size = mo.ui.slider(2, 12, value=6, label="Size", show_value=True)
    size
    return (size,)


@app.cell
def _(mo, size):
    _n = size.value
    _columns = {"×": list(range(1, _n + 1))}
    _columns.update({str(j): [i * j for i in range(1, _n + 1)] for j in range(1, _n + 1)})
    mo.ui.table(_columns, selection=None, page_size=12)
    return


if __name__ == "__main__":
    app.run()
