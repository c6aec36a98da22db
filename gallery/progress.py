import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="Async and progress bars")


@app.cell
def _():
    import asyncio
    import marimo as mo

    return asyncio, mo


@app.cell
def _(mo):
    mo.md(r"""
    # Async and progress bars

    Cells can `await` at the top level, and long loops can show their progress while they run.

    In the browser, `await asyncio.sleep(...)` lets the page stay responsive
    while a cell waits; `mo.status.progress_bar` wraps any iterable and
    `mo.status.spinner` marks a step whose length is unknown.
    """)
    return


@app.cell
def _(mo):
    rerun = mo.ui.button(label="Run again", value=0, on_click=lambda n: n + 1)
    rerun
    return (rerun,)


@app.cell
async def _(asyncio, mo, rerun):
    rerun
    _done = []
    for _i in mo.status.progress_bar(range(12), title="Downloading chapters", subtitle="a fake download", completion_title="All chapters here"):
        await asyncio.sleep(0.05)
        _done.append(_i)
    mo.md(f"Fetched **{len(_done)}** chapters.")
    return


@app.cell
async def _(asyncio, mo, rerun):
    rerun
    with mo.status.spinner(title="Thinking...", remove_on_exit=True) as _spinner:
        await asyncio.sleep(0.3)
        _spinner.update(subtitle="almost there")
        await asyncio.sleep(0.3)
    mo.md("The spinner is gone once the work is done.")
    return


@app.cell
def _(mo):
    mo.md(r"""
    ## Several tasks at once

    `asyncio.gather` runs coroutines concurrently: three waits of 0.3 s
    take about 0.3 s together, not 0.9 s.
    """)
    return


@app.cell
async def _(asyncio, mo, rerun):
    import time

    rerun

    async def fetch(name, seconds):
        await asyncio.sleep(seconds)
        return f"{name} ({seconds:.1f} s)"

    _start = time.perf_counter()
    _results = await asyncio.gather(fetch("weather", 0.3), fetch("news", 0.2), fetch("prices", 0.3))
    _elapsed = time.perf_counter() - _start
    mo.md(f"Got {', '.join(_results)} in **{_elapsed:.1f} s**.")
    return


@app.cell
def _(mo):
    mo.md(r"""
    ## Output while a cell runs

    `mo.output.append` adds to the cell's output as it goes;
    `mo.output.replace` swaps it.
    """)
    return


@app.cell
async def _(asyncio, mo, rerun):
    rerun
    mo.output.replace(mo.md("Step 1 of 3: reading…"))
    await asyncio.sleep(0.1)
    mo.output.append(mo.md("Step 2 of 3: counting…"))
    await asyncio.sleep(0.1)
    mo.output.append(mo.callout(mo.md("Step 3 of 3: **done**."), kind="success"))
    return


if __name__ == "__main__":
    app.run()
