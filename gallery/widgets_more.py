import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="More widgets")


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    mo.md(
        """
        # More widgets

        Date ranges, date and time, a matrix of numbers, a chat with your own
        Python function, a microphone and a file browser. Each one's `.value`
        is read by the cell after it.
        """
    )
    return


@app.cell
def _(mo):
    trip = mo.ui.date_range(start="2025-01-01", stop="2025-12-31", value=("2025-06-01", "2025-06-14"), label="Trip")
    trip
    return (trip,)


@app.cell
def _(mo, trip):
    first, last = trip.value
    mo.md(f"The trip lasts **{(last - first).days + 1} days**, from {first:%A %d %B} to {last:%A %d %B}.")
    return


@app.cell
def _(mo):
    meeting = mo.ui.datetime(value="2025-03-14T09:30", label="Meeting")
    meeting
    return (meeting,)


@app.cell
def _(meeting, mo):
    mo.md(f"The meeting is on {meeting.value:%A at %H:%M}." if meeting.value else "No meeting set.")
    return


@app.cell
def _(mo):
    mo.md(
        """
        ## A matrix

        Each entry is a slider: drag it sideways, or focus it and use the arrow
        keys (Shift for bigger steps). Press Enter to type a value.
        """
    )
    return


@app.cell
def _(mo):
    transform = mo.ui.matrix(
        [[1, 0], [0, 1]], min_value=-5, max_value=5, step=0.5,
        row_labels=["x", "y"], column_labels=["x", "y"], label="Transform",
    )
    transform
    return (transform,)


@app.cell
def _(mo, transform):
    (a, b), (c, d) = transform.value
    corners = [(0, 0), (1, 0), (1, 1), (0, 1)]
    moved = [(a * x + b * y, c * x + d * y) for x, y in corners]
    mo.md(
        f"Determinant **{a * d - b * c:g}**: the unit square becomes "
        + ", ".join(f"({x:g}, {y:g})" for x, y in moved)
    )
    return


@app.cell
def _(mo):
    mo.md(
        """
        ## A chat

        `mo.ui.chat` calls a function of the conversation. This one runs here,
        with no network: it does arithmetic and counts words.
        """
    )
    return


@app.cell
def _(mo):
    import ast
    import operator

    _ops = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
            ast.Pow: operator.pow, ast.USub: operator.neg}

    def _evaluate(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return node.value
        if isinstance(node, ast.BinOp) and type(node.op) in _ops:
            return _ops[type(node.op)](_evaluate(node.left), _evaluate(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in _ops:
            return _ops[type(node.op)](_evaluate(node.operand))
        raise ValueError("not arithmetic")

    def calculator(messages, config):
        question = messages[-1].content.strip()
        try:
            return f"{question} = {_evaluate(ast.parse(question, mode='eval').body):g}"
        except (SyntaxError, ValueError, ZeroDivisionError, OverflowError):
            words = len(question.split())
            return f"That is not arithmetic I know; it has {words} word{'s' * (words != 1)}."

    chat = mo.ui.chat(calculator, prompts=["2 + 2 * 10", "(1 + 5) ** 2 / 3", "hello there"])
    chat
    return (chat,)


@app.cell
def _(chat, mo):
    mo.md(f"The conversation has **{len(chat.value)}** messages.")
    return


@app.cell
def _(mo):
    mic = mo.ui.microphone(label="Record")
    mo.vstack([mo.md("## A microphone\n\nThe browser asks for permission; the recording is `mic.value`."), mic])
    return (mic,)


@app.cell
def _(mic, mo):
    size = len(mic.value.getvalue())
    mo.md(f"Recorded {size:,} bytes." if size else "Nothing recorded yet.")
    return


@app.cell
def _(mo):
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.gettempdir()) / "rivulet-files"
    (folder / "notes").mkdir(parents=True, exist_ok=True)
    (folder / "readme.txt").write_text("Files written by the notebook.\n")
    (folder / "notes" / "monday.txt").write_text("Buy bread.\n")
    (folder / "notes" / "tuesday.txt").write_text("Water the plants.\n")
    browser = mo.ui.file_browser(folder, label="Files (the notebook's own file system)")
    browser
    return (browser,)


@app.cell
def _(browser, mo):
    picked = browser.value
    mo.md(
        "\n".join(f"- **{f.name}**: {f.path.read_text().strip()}" for f in picked if not f.is_directory)
        or "Select files above: their text shows here."
    )
    return


@app.cell
def _(mo):
    mo.md(
        """
        ## Shown when you scroll here

        `mo.lazy(function)` calls the function only when its place comes into
        view. `mo.ui.matplotlib(ax)` selects on a plot (it needs matplotlib).
        """
    )
    return


@app.cell
def _(mo):
    import time

    mo.lazy(lambda: mo.md(f"Computed at {time.strftime('%H:%M:%S')}, when this came into view."), show_loading_indicator=True)
    return


if __name__ == "__main__":
    app.run()
