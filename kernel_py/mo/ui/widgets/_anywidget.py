"""``mo.ui.anywidget``: an anywidget (a Jupyter widget shipping its own
JavaScript module).  Running a notebook's own JavaScript in the page is what
Rivulet's Content-Security-Policy forbids (scripts only from the site), so
the element shows a note and ``.value`` is the widget's synced traits, as in
marimo (read from the Python object: the page never changes them)."""

from __future__ import annotations

from typing import Any

from ....display.escape import escape
from ..element import UIElement


def _state(widget: Any) -> dict[str, Any]:
    get = getattr(widget, "get_state", None)
    if callable(get):
        try:
            state = get()
        except Exception:  # noqa: BLE001 - a widget's own code
            return {}
        return {k: v for k, v in state.items() if not k.startswith("_")}
    return {}


class anywidget(UIElement):
    """An anywidget (shown as a note: its JavaScript cannot run here)."""

    _kind = "panel"  # the front end keeps the note the kernel sends

    def __init__(self, widget: Any) -> None:
        self.widget = widget
        self._note = (
            f"mo.ui.anywidget({type(widget).__name__}): this widget's own JavaScript cannot run in "
            "Rivulet (the page runs only the site's scripts). Its Python state is still .value."
        )
        super().__init__(None, props={})

    @property
    def value(self) -> dict[str, Any]:
        self._check_read()
        return _state(self.widget)

    def _convert(self, frontend_value: Any) -> None:
        return None

    def _inner_html(self) -> str:
        return f'<div role="note" class="rv-ui-note">{escape(self._note)}</div>'
