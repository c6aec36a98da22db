"""``mo.ui.anywidget``: a widget from the anywidget ecosystem (an ES module,
``_esm``, plus synced traits), shown live.

The widget's JavaScript is the notebook's own code: the page runs it in a
sandboxed, opaque-origin frame (web/src/widgets/anywidget.js), never in the
page.  The element's props carry the module and its CSS; its value is the
widget's synced state, as in marimo: ``widget.get_state()`` (or the traits
tagged ``sync=True``) without ipywidgets' bookkeeping traits.

Both ways:
- the page sends the traits the module changed (``model.save_changes()``) as
  the element's value: they are set on the widget (validated by its traits)
  and the cells reading the element run again;
- a trait changed in Python (another cell) goes to the page as a ``ui_value``
  event (``Kernel.push_ui_value``): the module's ``change:<name>`` fires;
- custom messages: the module's ``model.send(content)`` reaches the widget's
  ``on_msg`` handlers (``_handle_custom_msg``; no cells run), and the
  widget's ``send(content)`` reaches the module's ``msg:custom`` listeners: a
  widget that talks through a comm (ipywidgets, so anywidget) is given one.

A cell whose value is an ``anywidget.AnyWidget`` shows it the same way, as
marimo does (a formatter registered by type name: anywidget is not imported).

Accepted: an ``anywidget.AnyWidget``, any traitlets ``HasTraits`` with an
``_esm``, or a duck-typed object with ``_esm``, ``trait_names(sync=True)``
and ``observe(handler, names)``.  anywidget itself need not be installed.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from pathlib import Path
from typing import Any

from ....core import context
from ....display import Bundle, register_formatter
from ....display.escape import escape
from ..element import UIElement

# ipywidgets' own traits, not the widget's state (marimo's list)
IGNORED = frozenset({
    "comm", "layout", "log", "tabbable", "tooltip", "keys", "_esm", "_css", "_anywidget_id",
    "_msg_callbacks", "_dom_classes", "_model_module", "_model_module_version", "_model_name",
    "_property_lock", "_states_to_send", "_view_count", "_view_module", "_view_module_version",
    "_view_name",
})
_MAX_SOURCE = 8 * 1024 * 1024  # characters of _esm / _css read from a file
BYTES = "$rivulet-bytes"  # binary data on the wire to and from the page: {BYTES: base64}


def synced_names(widget: Any) -> list[str]:
    """The names of the widget's synced traits (its state), sorted."""
    names = getattr(widget, "trait_names", None)
    found: list[str] = []
    if callable(names):
        try:
            found = list(names(sync=True))
        except Exception:  # noqa: BLE001 - a widget's own code
            found = []
    if not found:
        found = list(_get_state(widget))
    return sorted(n for n in found if n not in IGNORED)


def _get_state(widget: Any, names: list[str] | None = None) -> dict[str, Any]:
    get = getattr(widget, "get_state", None)
    if not callable(get):
        return {}
    try:
        state = get(names) if names is not None else get()
    except Exception:  # noqa: BLE001 - a widget's own code
        return {}
    return dict(state) if isinstance(state, dict) else {}


def to_wire(value: Any) -> Any:
    """A value as JSON for the page: bytes as ``{BYTES: base64}`` (a DataView in the
    module, as anywidget gives binary traits), anything else not JSON as its str."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {BYTES: base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dict):
        return {str(k): to_wire(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_wire(v) for v in value]
    return json.loads(json.dumps(value, default=str))


def from_wire(value: Any, view: bool = False) -> Any:
    """A value from the page: ``{BYTES: base64}`` back to bytes (a memoryview when
    ``view``: what ipywidgets' deserializers take)."""
    if isinstance(value, dict):
        if set(value) == {BYTES} and isinstance(value[BYTES], str):
            try:
                data = base64.b64decode(value[BYTES], validate=True)
            except binascii.Error as exc:
                raise ValueError(f"bad binary data: {exc}") from None
            return memoryview(data) if view else data
        return {k: from_wire(v, view) for k, v in value.items()}
    if isinstance(value, list):
        return [from_wire(v, view) for v in value]
    return value


def raw_state(widget: Any, names: list[str]) -> dict[str, Any]:
    """The widget's state for these traits (serializers applied when the widget
    has ``get_state``, as ipywidgets sends it; marimo's ``.value``)."""
    state = _get_state(widget, names)
    out = {}
    for name in names:
        if name in state:
            out[name] = state[name]
        elif hasattr(widget, name):
            out[name] = getattr(widget, name)
    return out


def widget_state(widget: Any, names: list[str]) -> dict[str, Any]:
    """The widget's state for these traits, as the page gets it (``to_wire``)."""
    return to_wire(raw_state(widget, names))


def _source(widget: Any, attr: str) -> str:
    """``_esm`` / ``_css``: the text, or a file's text, or a URL (kept)."""
    value = getattr(widget, attr, None)
    if value is None:
        return ""
    if isinstance(value, os.PathLike):
        return Path(value).read_text(encoding="utf-8")[:_MAX_SOURCE]
    text = str(value)
    if "\n" not in text and text.endswith((".js", ".mjs", ".css")) and not text.startswith(("http:", "https:")):
        path = Path(text)
        if path.is_file():
            return path.read_text(encoding="utf-8")[:_MAX_SOURCE]
    return text


def is_anywidget(widget: Any) -> bool:
    """Does this object speak anywidget's protocol (an ES module and traits)?"""
    return getattr(widget, "_esm", None) is not None and (
        callable(getattr(widget, "trait_names", None)) or callable(getattr(widget, "get_state", None))
    )


class _Comm:
    """The comm an ipywidgets widget sends through: its custom messages go to the
    page (its state changes are observed as traits, so ``update`` is ignored)."""

    def __init__(self, element: "anywidget") -> None:
        self._element = element
        self.comm_id = f"rivulet-{element._id}"

    def send(self, data: Any = None, metadata: Any = None, buffers: Any = None) -> None:
        if isinstance(data, dict) and data.get("method") == "custom":
            self._element._push_message(data.get("content"))

    def on_msg(self, callback: Any) -> None:
        pass  # messages from the page arrive by ``_receive_message``

    def close(self, *args: Any, **kwargs: Any) -> None:
        pass


class anywidget(UIElement):
    """An anywidget, live: its module runs in a sandboxed frame; ``.value`` is
    its synced state; trait changes flow both ways."""

    _kind = "anywidget"

    def __init__(self, widget: Any) -> None:
        object.__setattr__(self, "widget", widget)
        object.__setattr__(self, "_ready", False)
        self._applying = False
        self._names: list[str] = []
        self._kernel = context.current_kernel()
        if not is_anywidget(widget):
            self._kind = "panel"  # a note the front end keeps as sent
            self._note = (
                f"mo.ui.anywidget({type(widget).__name__}): not an anywidget. Pass an anywidget.AnyWidget "
                "(or an object with an _esm module and traitlets-style synced traits)."
            )
            super().__init__(None, props={})
            self._ready = True
            return
        self._note = ""
        self._names = synced_names(widget)
        props = {"esm": _source(widget, "_esm"), "css": _source(widget, "_css"), "name": type(widget).__name__}
        super().__init__(widget_state(widget, self._names), props=props)
        observe = getattr(widget, "observe", None)
        if callable(observe) and self._names:
            try:
                observe(self._on_trait_change, names=self._names)
            except Exception:  # noqa: BLE001 - a widget's own code: no Python -> page sync
                pass
        if hasattr(widget, "comm"):  # it sends through a comm: custom messages reach the page
            try:
                widget.comm = _Comm(self)
            except Exception:  # noqa: BLE001
                pass
        self._ready = True

    # -- value ---------------------------------------------------------------
    @property
    def value(self) -> dict[str, Any]:
        self._check_read()
        if not self._names:
            return {k: v for k, v in _get_state(self.widget).items() if not k.startswith("_")}
        return raw_state(self.widget, self._names)

    def _convert(self, frontend_value: Any) -> Any:
        if not self._ready:
            return frontend_value  # the initial state, read from the widget
        if not self._names:
            return None
        if not isinstance(frontend_value, dict):
            raise ValueError(f"expected the changed traits as an object, got {type(frontend_value).__name__}")
        unknown = sorted(set(frontend_value) - set(self._names))
        if unknown:
            raise ValueError(f"not a synced trait of {type(self.widget).__name__}: {', '.join(map(str, unknown))[:200]}")
        self._apply(frontend_value)
        return frontend_value  # as sent (the value is read from the widget)

    def _apply(self, state: dict[str, Any]) -> None:
        """Set the page's changes on the widget, without echoing them back."""
        widget = self.widget
        self._applying = True
        try:
            set_state = getattr(widget, "set_state", None)
            hold = getattr(widget, "hold_trait_notifications", None)
            if callable(set_state) and hasattr(widget, "_property_lock"):  # ipywidgets: deserializers
                # bytes, or the memoryview that ipywidgets' own deserializers (from_json) take
                set_state({
                    name: from_wire(value, view=widget.trait_metadata(name, "from_json") is not None)
                    for name, value in state.items()
                })
            elif callable(hold):
                with hold():
                    for name, value in from_wire(state).items():
                        setattr(widget, name, value)
            else:
                for name, value in from_wire(state).items():
                    setattr(widget, name, value)
        except Exception as exc:  # traitlets.TraitError and the widget's own validation
            raise ValueError(f"{type(exc).__name__}: {exc}") from exc
        finally:
            self._applying = False

    def _on_trait_change(self, change: Any) -> None:
        """A trait changed in Python: the page's module hears of it."""
        if self._applying:
            return
        kernel = self._live_kernel()
        if kernel is None:
            if (self._kernel or context.current_kernel()) is not None:  # a re-run made a new element
                try:
                    self.widget.unobserve(self._on_trait_change, names=self._names)
                except Exception:  # noqa: BLE001
                    pass
            return
        name = change.get("name") if isinstance(change, dict) else getattr(change, "name", None)
        push = getattr(kernel, "push_ui_value", None)
        if push is not None and name in self._names:
            push(self._id, widget_state(self.widget, [name]))

    def _live_kernel(self) -> Any:
        """The kernel, while this element is the live one (a re-run makes a new one)."""
        kernel = self._kernel or context.current_kernel()
        return kernel if kernel is not None and kernel.ui.get(self._id) is self else None

    def _push_message(self, content: Any) -> None:
        kernel = self._live_kernel()
        push = getattr(kernel, "push_ui_message", None)
        if push is not None:
            push(self._id, to_wire(content))

    def _receive_message(self, content: Any) -> None:
        """The module's ``model.send(content)``: the widget's ``on_msg`` handlers run."""
        handle = getattr(self.widget, "_handle_custom_msg", None)
        if callable(handle):
            handle(from_wire(content), [])

    # -- display -------------------------------------------------------------
    def _html(self) -> str:
        if self._names:
            self._frontend_value = widget_state(self.widget, self._names)  # the state when shown
        return super()._html()

    def _inner_html(self) -> str:
        return f'<div role="note" class="rv-ui-note">{escape(self._note)}</div>' if self._note else ""

    # -- the widget's own attributes, as marimo forwards them ------------------
    def __getattr__(self, name: str) -> Any:
        widget = self.__dict__.get("widget")
        if name.startswith("__") or widget is None:
            raise AttributeError(name)
        return getattr(widget, name)

    def __setattr__(self, name: str, value: Any) -> None:
        widget = self.__dict__.get("widget")
        forward = not name.startswith("_") and not hasattr(type(self), name)
        if self.__dict__.get("_ready") and forward and hasattr(widget, name):
            setattr(widget, name, value)
            return
        object.__setattr__(self, name, value)


@register_formatter("anywidget.widget.AnyWidget")
def _show_anywidget(widget: Any) -> Bundle:
    """A cell's value that is an AnyWidget: shown live, as ``mo.ui.anywidget(widget)``."""
    kind, html = anywidget(widget)._mime_()
    return {kind: html}
