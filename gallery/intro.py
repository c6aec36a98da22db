import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="Welcome to Rivulet")


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    mo.md("""
    # Welcome to Rivulet

    A reactive Python notebook that runs entirely in your browser.
    Change a cell and run it: every cell that reads its names re-runs.
    """)
    return


@app.cell
def _():
    width = 6
    height = 4
    return height, width


@app.cell
def _(height, width):
    area = width * height
    print(f"a {width} x {height} rectangle")
    area
    return (area,)


@app.cell
def _(area):
    stars = "*" * area
    stars
    return


@app.cell
def _(mo):
    slider = mo.ui.slider(1, 20, value=5, label="How many?")
    return (slider,)


@app.cell
def _(mo, slider):
    mo.md(f"""
    Drag the slider: this cell reads `slider.value` and re-runs.

    {slider} {"🟢" * slider.value}
    """)
    return


if __name__ == "__main__":
    app.run()
