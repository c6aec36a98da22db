import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium", app_title="Mortgage calculator")


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    mo.md(r"""
    # Mortgage calculator

    An app built as a notebook: change the loan, the rate or the term and see the monthly payment, the total cost and how the balance falls.

    Open it in the app view to see it without code, like any web app.
    """)
    return


@app.cell
def _(mo):
    amount = mo.ui.number(10_000, 2_000_000, step=5_000, value=300_000, label="Loan (€)")
    rate = mo.ui.slider(0.5, 10.0, step=0.1, value=3.5, label="Interest (% a year)", show_value=True)
    years = mo.ui.dropdown({"10 years": 10, "15 years": 15, "20 years": 20, "25 years": 25, "30 years": 30}, value="25 years", label="Term")
    extra = mo.ui.number(0, 5_000, step=50, value=0, label="Extra each month (€)")
    mo.callout(mo.hstack([amount, rate, years, extra], justify="space-between", align="end", wrap=True), kind="neutral")
    return amount, extra, rate, years


@app.cell
def _(amount, extra, rate, years):
    def schedule(principal, yearly_rate, term_years, extra_payment):
        """Month by month: (month, interest, principal paid, balance)."""
        r = yearly_rate / 100 / 12
        n = term_years * 12
        payment = principal / n if r == 0 else principal * r / (1 - (1 + r) ** -n)
        rows, balance, month = [], principal, 0
        while balance > 0.005 and month < n:
            month += 1
            interest = balance * r
            paid = min(balance, payment - interest + extra_payment)
            balance -= paid
            rows.append((month, interest, paid, balance))
        return payment, rows

    payment, months = schedule(amount.value, rate.value, years.value, extra.value)
    total_interest = sum(m[1] for m in months)
    return months, payment, total_interest


@app.cell
def _(amount, extra, mo, months, payment, total_interest, years):
    _saved = years.value * 12 - len(months)
    mo.hstack(
        [
            mo.stat(f"{payment + extra.value:,.0f} €", label="Each month", caption=f"{payment:,.0f} € + {extra.value:,.0f} € extra" if extra.value else "", bordered=True),
            mo.stat(f"{total_interest:,.0f} €", label="Total interest", caption=f"{total_interest / amount.value:.0%} of the loan", bordered=True),
            mo.stat(f"{len(months) / 12:.1f} years", label="Paid off in", caption=f"{_saved} months early" if _saved else "", direction="increase" if _saved else None, bordered=True),
        ],
        widths="equal",
        gap=1,
    )
    return


@app.cell
def _(amount, mo, months):
    _w, _h, _pad = 640, 220, 40
    _n = len(months)
    _pts = [(0, amount.value)] + [(m[0], m[3]) for m in months]
    _x = lambda i: _pad + i / _n * (_w - 2 * _pad)
    _y = lambda b: _h - _pad + 10 - b / amount.value * (_h - 2 * _pad)
    _area = f"M{_x(0)},{_y(0)} " + " ".join(f"L{_x(i):.1f},{_y(b):.1f}" for i, b in _pts) + f" L{_x(_n):.1f},{_y(0)} Z"
    _years = "".join(
        f"<text x='{_x(m):.1f}' y='{_h - 8}' font-size='11' text-anchor='middle' fill='#666'>{m // 12}y</text>"
        for m in range(0, _n + 1, 60)
    )
    mo.vstack(
        [
            mo.md("**Balance over time**"),
            mo.Html(
                f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {_w} {_h}' width='100%' role='img' aria-label='Balance over time'>"
                f"<path d='{_area}' fill='#4a7bd0' fill-opacity='.25' stroke='#4a7bd0' stroke-width='2'/>"
                f"<text x='{_pad - 4}' y='{_y(amount.value) + 4:.1f}' font-size='11' text-anchor='end' fill='#666'>{amount.value / 1000:.0f}k</text>"
                f"<text x='{_pad - 4}' y='{_y(0):.1f}' font-size='11' text-anchor='end' fill='#666'>0</text>{_years}</svg>"
            ),
        ]
    )
    return


@app.cell
def _(mo, months):
    _by_year = {}
    for _m, _interest, _paid, _balance in months:
        _row = _by_year.setdefault((_m - 1) // 12 + 1, {"year": (_m - 1) // 12 + 1, "interest (€)": 0.0, "repaid (€)": 0.0, "balance (€)": 0.0})
        _row["interest (€)"] += _interest
        _row["repaid (€)"] += _paid
        _row["balance (€)"] = _balance
    _table = [{k: (round(v) if isinstance(v, float) else v) for k, v in r.items()} for r in _by_year.values()]
    mo.accordion({"Year by year": mo.ui.table(_table, selection=None, page_size=10)})
    return


if __name__ == "__main__":
    app.run()
