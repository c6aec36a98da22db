import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="Reactivity basics")


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    mo.md(r"""
    # Reactivity basics

    A notebook is a graph of cells, not a list: when a cell changes, every cell that reads its names runs again, in order.

    Each cell **defines** some names (what it assigns at the top level) and
    **reads** others. Rivulet works out the graph from the code itself, so
    the order of cells on the page does not matter, and there is no hidden
    state left behind by a cell you deleted.
    """)
    return


@app.cell
def _(mo):
    mo.md(r"""
    ## Cells read names other cells define

    `price` and `quantity` are defined below; `total` reads both. Edit
    `quantity = 3` and run the cell (Shift+Enter): `total` and the sentence
    after it update by themselves.
    """)
    return


@app.cell
def _():
    price = 4.5
    quantity = 3
    return price, quantity


@app.cell
def _(price, quantity):
    total = price * quantity
    total
    return (total,)


@app.cell
def _(mo, total):
    mo.md(f"""
    The order comes to **{total:.2f} €**. This cell reads `total`, so it
    re-ran when `total` did.
    """)
    return


@app.cell
def _(mo):
    mo.md(r"""
    ## Widgets are names too

    A widget's `.value` is read by the cells that use it. Move the slider:
    only the cells that read `celsius` run again.
    """)
    return


@app.cell
def _(mo):
    celsius = mo.ui.slider(-20, 40, value=21, label="Temperature (°C)", show_value=True)
    celsius
    return (celsius,)


@app.cell
def _(celsius, mo):
    fahrenheit = celsius.value * 9 / 5 + 32
    feeling = "cold" if celsius.value < 10 else "mild" if celsius.value < 25 else "hot"
    mo.md(f"{celsius.value} °C is **{fahrenheit:.1f} °F**: {feeling}.")
    return


@app.cell
def _(mo):
    mo.md(r"""
    ## Three rules that keep it consistent

    1. **A name is defined by one cell only.** Two cells assigning `x` is an
       error shown on both, because the notebook could not know which wins.
    2. **No cycles.** If `a` reads `b` and `b` reads `a`, neither can run.
    3. **Names starting with `_` are private to their cell**, like `_tmp`
       below: other cells cannot read them, so they never cause a conflict.
    """)
    return


@app.cell
def _():
    _tmp = [n * n for n in range(10)]
    squares_sum = sum(_tmp)
    squares_sum
    return


@app.cell
def _(mo):
    mo.md(r"""
    ## Stopping early

    `mo.stop(condition, output)` ends a cell without an error; the cells
    that read its names are skipped until the condition is false.
    """)
    return


@app.cell
def _(mo):
    go = mo.ui.checkbox(label="Compute the expensive part")
    go
    return (go,)


@app.cell
def _(go, mo):
    mo.stop(not go.value, mo.md("*Tick the box to compute.*"))
    expensive = sum(i % 7 for i in range(200_000))
    mo.md(f"Done: the answer is **{expensive}**.")
    return


if __name__ == "__main__":
    app.run()
