import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="Interactive notebooks in a nutshell")


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    mo.md(r"""
    # Interactive notebooks in a nutshell

    The example that started Rivulet: a slider, and markdown that follows it, in a notebook that runs like a spreadsheet.

    Cells run **reactively**: when you change one cell, every cell that
    depends on it updates automatically. Cells cannot run out of order,
    which makes notebooks reproducible and easier to debug, and the whole
    thing runs in your browser, with no server.
    """)
    return


@app.cell
def _(mo):
    # Add interactive widgets
    slider = mo.ui.slider(1, 100)
    slider
    return (slider,)


@app.cell
def _(mo, slider):
    # Create dynamic Markdown
    mo.md(f"{slider} {'🟢' * slider.value}")
    return


@app.cell
def _(mo):
    mo.md(r"""
    ## Common operations

    | task | marimo | Rivulet |
    |------|--------|---------|
    | create a new notebook | `uvx marimo new` | `rivulet new` or **New** on the site |
    | edit a notebook | `uvx marimo edit notebook.py` | `rivulet edit notebook.py` |
    | export to HTML | `uvx marimo export html notebook.py` | `rivulet export notebook.py -o site/` |

    ## Best practices

    1. **Cell dependencies**: keep cells focused and atomic, use clear
       variable names, and let the data flow from cell to cell.
    2. **Interactive elements**: a widget is a value; the cells that read
       its `.value` re-run when it changes.
    3. **Version control**: notebooks are Python files; track them with Git,
       and share them as links (**Share link**) or files.
    """)
    return


if __name__ == "__main__":
    app.run()
