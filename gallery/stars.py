import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="Stars")


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    mo.md(
        """
        # Stars

        A small app with a slider, made to be embedded: `embedding.py` runs it
        inside another notebook and reads its values.
        """
    )
    return


@app.cell
def _(mo):
    count = mo.ui.slider(1, 10, value=3, label="Stars")
    count
    return (count,)


@app.cell
def _(count, mo):
    line = "★" * count.value
    mo.md(f"Your rating: {line}")
    return (line,)


if __name__ == "__main__":
    app.run()
