import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="Embedding")


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    mo.md(
        """
        # Embedding

        One notebook inside another: `stars.py`, the notebook beside this one,
        is imported and embedded with `await app.embed()`. Its slider still
        works, and this notebook reads its values.
        """
    )
    return


@app.cell
def _():
    from stars import app as stars_app
    return (stars_app,)


@app.cell
async def _(stars_app):
    stars = await stars_app.embed()
    stars.output
    return (stars,)


@app.cell
def _(mo, stars):
    mo.md(f"The embedded app says **{len(stars.defs['line'])} stars**: {stars.defs['line']}")
    return


if __name__ == "__main__":
    app.run()
