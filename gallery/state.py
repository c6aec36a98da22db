import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="State and callbacks")


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    mo.md(r"""
    # State and callbacks

    Most notebooks need no state: widgets and reactivity do the work. When a value must remember its past, use `mo.state` and widget callbacks.

    `get, set = mo.state(initial)` returns a getter and a setter. Calling the
    setter re-runs every cell that calls the getter (but not the cell that
    called the setter).
    """)
    return


@app.cell
def _(mo):
    get_count, set_count = mo.state(0)
    return get_count, set_count


@app.cell
def _(mo, set_count):
    increment = mo.ui.button(label="+1", on_click=lambda _: set_count(lambda n: n + 1))
    decrement = mo.ui.button(label="-1", on_click=lambda _: set_count(lambda n: n - 1))
    reset = mo.ui.button(label="Reset", kind="danger", on_click=lambda _: set_count(0))
    mo.hstack([decrement, increment, reset], justify="start")
    return


@app.cell
def _(get_count, mo):
    mo.md(f"The counter is at **{get_count()}**.")
    return


@app.cell
def _(mo):
    mo.md(r"""
    ## A to-do list

    The list lives in state; the form's `on_change` callback appends to it.
    """)
    return


@app.cell
def _(mo):
    get_todos, set_todos = mo.state(["Read the gallery", "Write a notebook"])
    return get_todos, set_todos


@app.cell
def _(mo, set_todos):
    new_todo = mo.ui.text(placeholder="Something to do", label="New task").form(
        submit_button_label="Add",
        clear_on_submit=True,
        on_change=lambda text: set_todos(lambda todos: todos + [text]) if text else None,
    )
    new_todo
    return


@app.cell
def _(get_todos, mo):
    _todos = get_todos()
    mo.md("\n".join(f"{i}. {task}" for i, task in enumerate(_todos, 1)) or "*Nothing to do.*")
    return


@app.cell
def _(mo):
    mo.md(r"""
    ## Two widgets kept in sync

    A slider and a number box share one state: move either, the other follows.
    """)
    return


@app.cell
def _(mo):
    get_level, set_level = mo.state(30)
    return get_level, set_level


@app.cell
def _(get_level, mo, set_level):
    level_slider = mo.ui.slider(0, 100, value=get_level(), label="Slider", on_change=set_level)
    level_number = mo.ui.number(0, 100, value=get_level(), label="Number", on_change=set_level)
    mo.hstack([level_slider, level_number], justify="start", gap=2)
    return


@app.cell
def _(get_level, mo):
    mo.md(f"Level: **{get_level()}** {'▮' * (get_level() // 5)}")
    return


if __name__ == "__main__":
    app.run()
