import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="Display and layout")


@app.cell
def _():
    import marimo as mo
    import asyncio

    return asyncio, mo


@app.cell
def _(mo):
    mo.md(r"""
    # Display and layout

    Markdown is **GitHub-flavoured**: tables, task lists and highlighted code,

    | feature | status |
    |---------|--------|
    | tables  | ✓      |
    | math    | ✓      |

    - [x] render markdown before the kernel is ready
    - [ ] write more notebooks

    ```python
    def fib(n):
        return n if n < 2 else fib(n - 1) + fib(n - 2)
    ```

    with inline math $e^{i\pi} + 1 = 0$ and display math:

    $$\sum_{k=1}^{n} k = \frac{n(n+1)}{2}$$
    """)
    return


@app.cell
def _(mo):
    mo.hstack(
        [
            mo.stat(1284, label="Visitors", caption="+12% this week", direction="increase", bordered=True),
            mo.stat("3.2 s", label="Load time", caption="slower", direction="increase", target_direction="decrease", bordered=True),
            mo.stat(42, label="Answers", bordered=True),
        ],
        justify="start",
        gap=1,
    )
    return


@app.cell
def _(mo):
    mo.tabs(
        {
            "Callouts": mo.vstack(
                [mo.callout(mo.md(f"A **{kind}** callout."), kind=kind) for kind in ("neutral", "info", "success", "warn", "danger")]
            ),
            "Tree and JSON": mo.hstack(
                [mo.tree({"fruits": ["apple", "pear"], "sizes": (1, 2, 3)}), mo.json({"name": "rivulet", "tags": ["notebook", "reactive"], "stars": None})],
                widths="equal",
            ),
            "Plain text": mo.plain_text("No *markdown* <b>here</b>:\n    kept   as   is"),
        }
    )
    return


@app.cell
def _(mo):
    mo.accordion(
        {
            "What is an accordion?": mo.md("Sections that open one at a time."),
            "Can it hold layouts?": mo.center(mo.md("Yes: **anything** displayable.")),
        }
    )
    return


@app.cell
def _(mo):
    _svg = b"<svg xmlns='http://www.w3.org/2000/svg' width='120' height='60'><rect width='120' height='60' rx='10' fill='#4a7bd0'/><text x='60' y='37' font-size='18' text-anchor='middle' fill='white'>rivulet</text></svg>"
    mo.hstack(
        [
            mo.image(_svg, caption="An image from bytes"),
            mo.download("name,score\nada,3\ngrace,5\n", filename="scores.csv", label="Download scores.csv"),
            mo.icon("lucide:leaf", size=24),
        ],
        justify="start",
        align="center",
        gap=2,
    )
    return


@app.cell
async def _(asyncio, mo):
    mo.output.append(mo.md("A progress bar updates while the cell runs:"))
    for _step in mo.status.progress_bar(range(10), title="Crunching", completion_title="Done"):
        await asyncio.sleep(0.15)
    return


@app.cell
async def _(asyncio, mo):
    with mo.status.spinner(title="Thinking...", remove_on_exit=True) as _spinner:
        await asyncio.sleep(0.5)
        _spinner.update(subtitle="almost there")
        await asyncio.sleep(0.5)
    mo.md(f"Running in **{mo.app_meta().mode}** mode; query params: `{mo.query_params().to_dict()}`")
    return


@app.cell
def _(mo):
    mo.lazy(mo.md("This text was added to the page when it scrolled into view."))
    return


if __name__ == "__main__":
    app.run()
