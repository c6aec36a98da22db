import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="anywidget")


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell(hide_code=True)
def _(mo):
    mo.md("""
    # anywidget

    A widget from the anywidget ecosystem: its own JavaScript draws it, isolated from this page, and its state syncs with Python both ways.

    Click the button: the cell below it reads `counter.value`. Move the slider: its cell sets the widget's `count` from Python, and the button follows.
    """)
    return


@app.cell
def _():
    import traitlets

    try:  # marimo, Jupyter, or Rivulet with anywidget installed
        from anywidget import AnyWidget
    except ImportError:  # Rivulet offline: the same protocol on traitlets alone
        from traitlets import HasTraits as AnyWidget

    class Counter(AnyWidget):
        _esm = """
        export default {
          render({ model, el }) {
            const button = document.createElement("button");
            const show = () => { button.textContent = `count is ${model.get("count")}`; };
            button.addEventListener("click", () => {
              model.set("count", model.get("count") + 1);
              model.save_changes();
            });
            model.on("change:count", show);
            show();
            el.append(button);
          },
        };
        """
        _css = """
        button { font: inherit; padding: 0.4em 1.4em; border-radius: 8px; border: 1px solid #8888; background: #6c8cff33; color: inherit; cursor: pointer; }
        """
        count = traitlets.Int(0).tag(sync=True)

    return (Counter,)


@app.cell
def _(Counter, mo):
    raw = Counter()
    counter = mo.ui.anywidget(raw)
    counter
    return counter, raw


@app.cell
def _(counter, mo):
    mo.md(f"clicked {counter.value['count']} times")
    return


@app.cell
def _(mo):
    step = mo.ui.slider(0, 50, value=0, label="Set count")
    step
    return (step,)


@app.cell
def _(raw, step):
    raw.count = step.value
    return


if __name__ == "__main__":
    app.run()
