"""Formatters for third-party types, registered by type name (no imports here).

Each formatter imports its library lazily, only when a value of that type is
displayed, so the kernel's start-up cost does not depend on them.

- matplotlib: figures and axes as PNG; a cell ending with ``plt.plot(...)``
  (a list of artists, a container, one artist) shows its figure, like
  ``plt.gca()`` in marimo, and closes that pyplot figure so the next cell
  starts a fresh one.
- pandas / polars frames: a plain HTML table (first rows, with the shape);
  ``mo.ui`` registers the interactive table over these, with this one inside
  as its fallback (see ``FRAME_TYPES``).
- altair charts: ``<rv-vega>`` (vega-embed in the page), with the spec.
- plotly figures: ``<rv-plotly>`` (plotly.js in the page), with the figure.
- PIL images: PNG.
"""

from __future__ import annotations

import base64
import io
import json
from typing import Any

from .escape import escape
from .registry import Bundle, register_formatter

TABLE_PREVIEW_ROWS = 20


# ---------------------------------------------------------------- matplotlib


def figure_png(figure: Any) -> Bundle:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight", dpi=100)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return {"image/png": data, "text/plain": f"<{type(figure).__name__}>"}


@register_formatter("matplotlib.figure.Figure")
def _figure(figure: Any) -> Bundle:
    return figure_png(figure)


@register_formatter("matplotlib.figure.SubFigure")
def _subfigure(figure: Any) -> Bundle:
    return figure_png(figure.figure)


@register_formatter("matplotlib.axes._base._AxesBase")
def _axes(axes: Any) -> Bundle:
    return figure_png(axes.get_figure())


def _artist_figure(value: Any) -> Any:
    """The figure of a matplotlib artist (or container of artists), else None."""
    module = type(value).__module__
    if not module.startswith("matplotlib."):
        return None
    figure = getattr(value, "figure", None)
    if figure is None and isinstance(value, tuple) and value:  # BarContainer & co.
        return _artist_figure(value[0])
    return getattr(figure, "figure", figure)  # a SubFigure's root figure


def _implicit_figure(figure: Any) -> Bundle:
    """Show the figure a pyplot call drew on, then close it (marimo's
    ``plt.gca()`` behaviour): the next cell's plot starts on a new figure."""
    bundle = figure_png(figure)
    try:
        import matplotlib.pyplot as plt

        if plt.fignum_exists(figure.number):
            plt.close(figure)
    except Exception:  # noqa: BLE001 - not a pyplot figure
        pass
    return bundle


@register_formatter("matplotlib.artist.Artist")
def _artist(artist: Any) -> Bundle | None:
    figure = _artist_figure(artist)
    return _implicit_figure(figure) if figure is not None else None


@register_formatter("matplotlib.container.Container")
def _container(container: Any) -> Bundle | None:
    figure = _artist_figure(container)
    return _implicit_figure(figure) if figure is not None else None


def _figure_in_sequence(items: Any, depth: int = 0) -> Any:
    for item in items:
        if isinstance(item, (list, tuple)) and not type(item).__module__.startswith("matplotlib"):
            if depth >= 2:  # plt.hist nests one level; a list may contain itself
                continue
            figure = _figure_in_sequence(item[:3], depth + 1)  # plt.hist: (counts, bins, patches)
        else:
            figure = _artist_figure(item)
        if figure is not None:
            return figure
    return None


@register_formatter("builtins.list")
@register_formatter("builtins.tuple")
def _sequence(value: Any) -> Bundle | None:
    """``plt.plot(...)`` returns a list of Line2D: show their figure."""
    if not value or len(value) > 64:
        return None
    figure = _figure_in_sequence(value)
    return _implicit_figure(figure) if figure is not None else None


# ---------------------------------------------------------------- data frames


def _frame_repr(frame: Any) -> str:
    try:
        return repr(frame)
    except Exception:  # noqa: BLE001
        return f"<{type(frame).__name__}>"


def html_table(columns: list[str], rows: list[list[Any]], shape: tuple[int, int], index: list[Any] | None = None) -> str:
    """A plain, accessible HTML table of the first rows with the frame's shape."""
    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in ([""] if index is not None else []) + columns)
    body = []
    for i, row in enumerate(rows):
        cells = "".join(f"<td>{escape(_cell(v))}</td>" for v in row)
        lead = f'<th scope="row">{escape(str(index[i]))}</th>' if index is not None else ""
        body.append(f"<tr>{lead}{cells}</tr>")
    n_rows, n_cols = shape
    more = f", showing the first {len(rows)}" if len(rows) < n_rows else ""
    caption = f"{n_rows:,} rows × {n_cols:,} columns{more}"
    return (
        '<div class="rv-frame" style="overflow:auto;max-height:32rem">'
        '<table class="rv-table" style="border-collapse:collapse;font-size:.9rem">'
        f'<caption style="caption-side:bottom;text-align:left;color:#666;font-size:.8rem">{caption}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


@register_formatter("pandas.DataFrame")  # pandas >= 3 names its public module
@register_formatter("pandas.core.frame.DataFrame")
def _pandas_frame(frame: Any) -> Bundle:
    head = frame.head(TABLE_PREVIEW_ROWS)
    table = html_table(
        [str(c) for c in frame.columns],
        head.values.tolist(),
        frame.shape,
        index=[str(i) for i in head.index],
    )
    return {"text/html": table, "text/plain": _frame_repr(frame)}


@register_formatter("pandas.Series")
@register_formatter("pandas.core.series.Series")
def _pandas_series(series: Any) -> Bundle:
    return _pandas_frame(series.to_frame())


@register_formatter("polars.DataFrame")
@register_formatter("polars.dataframe.frame.DataFrame")
def _polars_frame(frame: Any) -> Bundle:
    head = frame.head(TABLE_PREVIEW_ROWS)
    table = html_table([str(c) for c in frame.columns], [list(r) for r in head.rows()], frame.shape)
    return {"text/html": table, "text/plain": _frame_repr(frame)}


@register_formatter("polars.Series")
@register_formatter("polars.series.series.Series")
def _polars_series(series: Any) -> Bundle:
    return _polars_frame(series.to_frame())


# type name -> (the plain table formatter, how to get a frame from the value)
FRAME_TYPES: dict[str, tuple[Any, Any]] = {
    "pandas.DataFrame": (_pandas_frame, lambda v: v),
    "pandas.core.frame.DataFrame": (_pandas_frame, lambda v: v),
    "pandas.Series": (_pandas_frame, lambda v: v.to_frame()),
    "pandas.core.series.Series": (_pandas_frame, lambda v: v.to_frame()),
    "polars.DataFrame": (_polars_frame, lambda v: v),
    "polars.dataframe.frame.DataFrame": (_polars_frame, lambda v: v),
    "polars.Series": (_polars_frame, lambda v: v.to_frame()),
    "polars.series.series.Series": (_polars_frame, lambda v: v.to_frame()),
}


# ---------------------------------------------------------------- charts


def _attr(text: str) -> str:
    return escape(text, quote=True)


def altair_spec(chart: Any) -> dict[str, Any]:
    """The chart's Vega-Lite spec with its data inlined (no row limit)."""
    import altair as alt

    try:
        return chart.to_dict()
    except alt.MaxRowsError:
        with alt.data_transformers.disable_max_rows():
            return chart.to_dict()


def _altair(chart: Any) -> Bundle:
    spec = altair_spec(chart)
    text = json.dumps(spec, default=str)
    schema = str(spec.get("$schema", ""))
    kind = "application/vnd.vegalite.v6+json" if "/v6" in schema else "application/vnd.vegalite.v5+json"
    return {
        "text/html": f'<rv-vega data-spec="{_attr(text)}"></rv-vega>',
        kind: text,
        "text/plain": f"<{type(chart).__name__}>",
    }


for _version in ("v5", "v6"):
    register_formatter(f"altair.vegalite.{_version}.api.TopLevelMixin")(_altair)


@register_formatter("plotly.basedatatypes.BaseFigure")
def _plotly(figure: Any) -> Bundle:
    text = figure.to_json()
    return {
        "text/html": f'<rv-plotly data-figure="{_attr(text)}"></rv-plotly>',
        "application/vnd.plotly.v1+json": text,
        "text/plain": f"<{type(figure).__name__}>",
    }


# ---------------------------------------------------------------- images


@register_formatter("PIL.Image.Image")
def _pil_image(image: Any) -> Bundle:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return {"image/png": base64.b64encode(buffer.getvalue()).decode("ascii")}
