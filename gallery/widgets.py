import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="Widgets")


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    mo.md(
        """
        # Widgets

        Every `mo.ui` widget. Each one's `.value` is read by the cell after it:
        interact, and only the cells that read the widget run again.
        """
    )
    return


@app.cell
def _(mo):
    slider = mo.ui.slider(1, 100, label="Slider", show_value=True)
    slider
    return (slider,)


@app.cell
def _(mo, slider):
    mo.md(f"{slider} {'🟢' * slider.value}")
    return


@app.cell
def _(mo):
    range_slider = mo.ui.range_slider(0, 100, step=5, label="Range", show_value=True)
    number = mo.ui.number(0, 10, step=0.5, label="Number")
    mo.vstack([range_slider, number])
    return number, range_slider


@app.cell
def _(number, range_slider):
    f"range_slider = {range_slider.value}, number = {number.value}"
    return


@app.cell
def _(mo):
    text = mo.ui.text(placeholder="type, then Enter", label="Text")
    text_area = mo.ui.text_area(placeholder="several lines", label="Text area")
    code = mo.ui.code_editor("def f(x):\n    return x * 2", label="Code editor")
    mo.vstack([text, text_area, code])
    return code, text, text_area


@app.cell
def _(code, text, text_area):
    {"text": text.value, "text_area": text_area.value, "code": code.value}
    return


@app.cell
def _(mo):
    checkbox = mo.ui.checkbox(label="Checkbox")
    switch = mo.ui.switch(label="Switch")
    date = mo.ui.date(value="2024-06-01", label="Date")
    mo.hstack([checkbox, switch, date])
    return checkbox, date, switch


@app.cell
def _(checkbox, date, switch):
    (checkbox.value, switch.value, date.value)
    return


@app.cell
def _(mo):
    radio = mo.ui.radio({"one": 1, "two": 2, "three": 3}, value="one", label="Radio")
    dropdown = mo.ui.dropdown(["apple", "banana", "cherry"], label="Dropdown")
    multiselect = mo.ui.multiselect(["red", "green", "blue"], value=["red"], label="Multiselect")
    mo.hstack([radio, dropdown, multiselect], align="start")
    return dropdown, multiselect, radio


@app.cell
def _(dropdown, multiselect, radio):
    (radio.value, dropdown.value, multiselect.value)
    return


@app.cell
def _(mo):
    counter = mo.ui.button(value=0, on_click=lambda n: n + 1, label="Count", kind="success")
    run = mo.ui.run_button(label="Run the slow part")
    refresh = mo.ui.refresh(options=[1, 5, 10], label="Refresh")
    mo.hstack([counter, run, refresh])
    return counter, refresh, run


@app.cell
def _(counter, refresh, run):
    f"clicks = {counter.value}, run_button = {run.value}, ticks = {refresh.value}"
    return


@app.cell
def _(mo):
    upload = mo.ui.file(kind="area", multiple=True, label="Drop files here")
    upload
    return (upload,)


@app.cell
def _(upload):
    [(f.name, len(f.contents)) for f in upload.value]
    return


@app.cell
def _(mo):
    table = mo.ui.table(
        {"planet": ["Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune"],
         "moons": [0, 0, 1, 2, 95, 146, 28, 16]},
        page_size=5,
        label="Planets (click a header to sort)",
    )
    table
    return (table,)


@app.cell
def _(table):
    table.value
    return


@app.cell
def _(mo):
    form = mo.ui.text(label="Your name").form(submit_button_label="Say hello")
    form
    return (form,)


@app.cell
def _(form, mo):
    mo.md(f"Hello, **{form.value}**!" if form.value else "Submit the form.")
    return


@app.cell
def _(mo):
    array = mo.ui.array([mo.ui.slider(0, 10, label=f"weight {i}") for i in range(3)])
    dictionary = mo.ui.dictionary({"low": mo.ui.number(0, 5), "high": mo.ui.number(5, 10, value=8)})
    batch = mo.ui.batch(
        mo.md("From {start} to {end}"),
        {"start": mo.ui.date(value="2024-01-01"), "end": mo.ui.date(value="2024-12-31")},
    )
    mo.vstack([array, dictionary, batch])
    return array, batch, dictionary


@app.cell
def _(array, batch, dictionary):
    {"array": array.value, "dictionary": dictionary.value, "batch": batch.value}
    return


@app.cell
def _(mo):
    tabs = mo.ui.tabs({"First": mo.md("The first tab."), "Second": mo.md("The second tab.")})
    tabs
    return (tabs,)


@app.cell
def _(tabs):
    f"selected tab: {tabs.value}"
    return


if __name__ == "__main__":
    app.run()
