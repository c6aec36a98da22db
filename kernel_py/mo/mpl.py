"""``mo.mpl``: ``mo.mpl.interactive(figure)`` in marimo serves matplotlib's
WebAgg front end from the notebook server.  Rivulet has no server, so it
shows the figure as a static image with a note saying so (for selections on
a plot, use ``mo.ui.matplotlib(ax)``)."""

from __future__ import annotations

from typing import Any

from ._html import Html, as_html
from ..display.escape import escape

NOTE = (
    "mo.mpl.interactive: pan and zoom need matplotlib's WebAgg server, which a notebook "
    "in the browser does not have; this is a static image (mo.ui.matplotlib(ax) selects on a plot)."
)


def interactive(figure: Any) -> Html:
    """The figure (or the figure of an Axes) as an image, with a note."""
    fig = figure.get_figure() if hasattr(figure, "get_figure") and not hasattr(figure, "savefig") else figure
    image = as_html(fig).text
    return Html(
        f'<div class="rv-mpl-interactive">{image}'
        f'<p role="note" class="rv-ui-note">{escape(NOTE)}</p></div>'
    )


__all__ = ["interactive"]
