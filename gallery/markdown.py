import marimo

__generated_with = "0.25.2"
app = marimo.App(app_title="Markdown and LaTeX")


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    mo.md(r"""
    # Markdown and LaTeX

    Write prose with `mo.md`: headings, lists, tables, code, links and math, with Python values interpolated by f-strings.

    Use a raw string (`r"..."`) when the text holds backslashes, as LaTeX does.
    """)
    return


@app.cell
def _(mo):
    mo.md(r"""
    ## Text

    *Emphasis*, **strong**, ~~struck~~, `inline code` and a
    [link to Pyodide](https://pyodide.org).

    > A quotation. Markdown keeps notebooks readable as plain Python files too.

    - a bullet list
        - nested
    - [x] a task that is done
    - [ ] one that is not

    1. numbered
    2. lists
    """)
    return


@app.cell
def _(mo):
    mo.md(r"""
    ## Tables and code

    | language | typing  | first released |
    |----------|---------|---------------:|
    | Python   | dynamic | 1991           |
    | Rust     | static  | 2015           |

    ```python
    def greet(name: str) -> str:
        return f"Hello, {name}!"
    ```
    """)
    return


@app.cell
def _(mo):
    mo.md(r"""
    ## Math

    Inline math sits in the text: the roots of $ax^2 + bx + c = 0$ are
    $x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}$.

    Display math gets its own line:

    $$
    \int_{-\infty}^{\infty} e^{-x^2}\,dx = \sqrt{\pi}
    \qquad
    \sum_{n=1}^{\infty} \frac{1}{n^2} = \frac{\pi^2}{6}
    $$

    $$
    \begin{pmatrix} a & b \\ c & d \end{pmatrix}^{-1}
    = \frac{1}{ad - bc} \begin{pmatrix} d & -b \\ -c & a \end{pmatrix}
    $$
    """)
    return


@app.cell
def _(mo):
    n = mo.ui.slider(1, 50, value=10, label="n", show_value=True)
    n
    return (n,)


@app.cell
def _(mo, n):
    mo.md(rf"""
    ## Markdown that reacts

    An f-string puts Python values into the text: this cell re-runs when
    the slider moves.

    $$\sum_{{k=1}}^{{{n.value}}} k = \frac{{{n.value}\,({n.value}+1)}}{{2}} = {n.value * (n.value + 1) // 2}$$

    (In an f-string, LaTeX's braces are doubled: `{{` and `}}`.)
    """)
    return


if __name__ == "__main__":
    app.run()
