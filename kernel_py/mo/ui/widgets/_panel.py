"""``mo.ui.panel``: a HoloViz Panel object as a widget.  Panel's front end is
a Bokeh application talking to a Python server (or Panel's own Pyodide
bridge); Rivulet does not ship it, so the element shows what it wraps and
says so, and ``.value`` stays None."""

from __future__ import annotations

from typing import Any

from ....display.escape import escape
from ..element import UIElement


class panel(UIElement):
    """A Panel object (shown as a note: Panel's front end is not included)."""

    _kind = "panel"

    def __init__(self, obj: Any) -> None:
        self.obj = obj
        note = (
            f"mo.ui.panel({type(obj).__name__}): Panel widgets need Panel's Bokeh front end, "
            "which Rivulet does not include. Use mo.ui widgets (slider, dropdown, ...) instead."
        )
        self._note = note
        super().__init__(None, props={})

    def _inner_html(self) -> str:
        return f'<div role="note" class="rv-ui-note">{escape(self._note)}</div>'
