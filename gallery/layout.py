import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="Layout")


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    mo.md(r"""
    # Layout

    Arrange outputs in rows, columns, tabs, accordions and callouts: every layout takes any displayable value, widgets included.
    """)
    return


@app.cell
def _(mo):
    mo.md(r"""
    ## Rows and columns

    `mo.hstack` puts items side by side, `mo.vstack` one above the other.
    Both take `gap`, `align` and `justify`; `widths="equal"` shares a row.
    """)
    return


@app.cell
def _(mo):
    _box = lambda text, color: mo.md(
        f"<div style='padding:.6rem 1rem;border-radius:8px;background:{color};color:white'>{text}</div>"
    )
    mo.vstack(
        [
            mo.hstack([_box("one", "#4a7bd0"), _box("two", "#2f9e72"), _box("three", "#d0824a")], justify="start", gap=1),
            mo.hstack([_box("equal", "#7a5cc0"), _box("widths", "#c05c8a")], widths="equal", gap=1),
        ],
        gap=1,
    )
    return


@app.cell
def _(mo):
    mo.md(r"""
    ## Tabs and accordions

    `mo.tabs` shows one panel at a time; `mo.accordion` folds sections away.
    """)
    return


@app.cell
def _(mo):
    mo.tabs(
        {
            "Overview": mo.md("Tabs keep a long output **compact**."),
            "Details": mo.vstack([mo.md("Any output fits in a tab, a widget too:"), mo.ui.slider(0, 10, label="inside a tab")]),
            "Data": mo.tree({"a": [1, 2, 3], "b": {"nested": True}}),
        }
    )
    return


@app.cell
def _(mo):
    mo.accordion(
        {
            "What is reactive execution?": mo.md("Cells re-run when the names they read change."),
            "Why marimo's file format?": mo.md("Notebooks stay plain Python files: diffable and importable."),
            "Can sections hold layouts?": mo.hstack([mo.md("Yes:"), mo.ui.switch(label="a switch")], justify="start"),
        }
    )
    return


@app.cell
def _(mo):
    mo.md(r"""
    ## Callouts and stats

    `mo.callout` highlights a message by kind; `mo.stat` shows a figure with a caption.
    """)
    return


@app.cell
def _(mo):
    mo.vstack(
        [
            mo.callout(mo.md("**Tip:** press Shift+Enter to run a cell."), kind="info"),
            mo.callout(mo.md("Saved: your notebook is stored in this browser."), kind="success"),
            mo.callout(mo.md("Careful: this cannot be undone."), kind="warn"),
            mo.callout(mo.md("Something went wrong."), kind="danger"),
        ]
    )
    return


@app.cell
def _(mo):
    mo.hstack(
        [
            mo.stat(128, label="Cells run", caption="+12 today", direction="increase", bordered=True),
            mo.stat("0.4 s", label="Median run", caption="-0.1 s", direction="decrease", bordered=True),
            mo.stat("99.9 %", label="Uptime", bordered=True),
        ],
        justify="start",
        gap=1,
    )
    return


@app.cell
def _(mo):
    mo.md(r"""
    ## Alignment

    `mo.left`, `mo.center` and `mo.right` place one item.
    """)
    return


@app.cell
def _(mo):
    mo.vstack([mo.left(mo.md("left")), mo.center(mo.md("center")), mo.right(mo.md("right"))])
    return


if __name__ == "__main__":
    app.run()
