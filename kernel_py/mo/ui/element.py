"""The mechanism behind interactive widgets (``mo.ui.*``); the widgets
themselves live in ``widgets/`` and build on this.

A ``UIElement`` has an id and a value.  Created while a cell runs, it is
owned by that cell: re-running the cell makes fresh elements and forgets the
old ones.  When the front end sets its value, the kernel re-runs the cells
that ref a global name bound to the element (see ``Kernel.set_ui_value``),
not the cell that created it.

Widgets render as ``<rv-ui>`` custom elements: ``data-kind`` picks the front
end component, ``data-id`` routes value changes back, ``data-props`` holds
its arguments as JSON and ``data-value`` the current front-end value.
"""

from __future__ import annotations

import itertools
import json
from typing import Any, Callable, ClassVar, Iterator

from ...core import context
from ...core.ui_registry import OnChangeError
from ...display.escape import escape
from .._html_methods import HtmlMethods

_ids = itertools.count(1)


class UIElement(HtmlMethods):
    """Base class of widgets.  Subclasses set ``_kind`` and may override
    ``_convert`` (front-end value -> Python value) and ``_children``."""

    _kind = "ui"

    def __init__(
        self,
        value: Any,
        *,
        label: str = "",
        on_change: Callable[[Any], None] | None = None,
        props: dict[str, Any] | None = None,
    ) -> None:
        ctx = context.current()
        owner = ctx.cell_id if ctx is not None else "global"
        self._id = f"{owner}-{next(_ids)}"
        self._owner = owner if ctx is not None else None
        self._label = label
        self._on_change = on_change
        self._props = dict(props or {})
        self._frontend_value = value
        self._parents: list[UIElement] = []
        self._value = self._convert(value)
        kernel = context.current_kernel()
        if kernel is not None:
            kernel.ui.register(self, owner)

    # -- value ---------------------------------------------------------------
    @property
    def value(self) -> Any:
        self._check_read()
        return self._value

    def _check_read(self) -> None:
        """As marimo: the cell that made an element cannot read its value
        (the value changes later, and only the cells that read it re-run)."""
        ctx = context.current()
        if ctx is not None and ctx.cell_id == self._owner:
            raise RuntimeError(
                "Accessing the value of a UIElement in the cell that created it is not allowed. "
                "Fix: move the value access to another cell."
            )

    def _convert(self, frontend_value: Any) -> Any:
        return frontend_value

    def _update(self, frontend_value: Any) -> None:
        """Set the value from the front end.

        A bad value raises ValueError and changes nothing.  The value is set
        even when an ``on_change`` callback fails: that raises OnChangeError
        after every callback (this element's and its containers') was called.
        """
        new = self._convert(frontend_value)
        self._frontend_value = frontend_value
        self._value = new
        failure: BaseException | None = None
        try:
            if self._on_change is not None:
                self._on_change(self._value)
        except Exception as exc:  # noqa: BLE001 - reported, not fatal
            failure = exc
        for parent in self._parents:
            try:
                parent._child_changed(self)
            except Exception as exc:  # noqa: BLE001
                failure = failure or exc
        if failure is not None:
            raise OnChangeError(self, failure) from failure

    def _on_update_completion(self) -> None:
        """Called after the runs a front-end update triggered (run_button resets)."""

    def _child_changed(self, child: "UIElement") -> None:
        """A nested element got a new front-end value (containers override)."""
        if self._on_change is not None:
            self._on_change(self.value)
        for parent in self._parents:
            parent._child_changed(self)

    # set by the widgets package (``mo.ui.form``): the mechanism does not
    # import the widgets built on it
    _form: ClassVar[Callable[..., "UIElement"] | None] = None

    def form(self, **kwargs: Any) -> "UIElement":
        """This element inside a form: its value reaches Python only on submit."""
        if UIElement._form is None:
            raise RuntimeError("mo.ui.form is not loaded")
        return UIElement._form(self, **kwargs)

    def _describe(self) -> str:
        """How messages name this widget: its label, else its kind."""
        return f"{self._kind} {self._label!r}" if self._label else self._kind

    # -- containers (array, dictionary, form, ...) --------------------------
    def _children(self) -> Iterator["UIElement"]:
        return iter(())

    def _owns(self, element: "UIElement") -> bool:
        """True when ``element`` is this element or nested inside it."""
        if element is self:
            return True
        return any(child._owns(element) for child in self._children())

    # -- display -------------------------------------------------------------
    def _inner_html(self) -> str:
        """Markup placed inside the ``<rv-ui>`` tag (children of containers)."""
        return ""

    def _html(self) -> str:
        attrs = {
            "data-kind": self._kind,
            "data-id": self._id,
            "data-label": self._label,
            "data-props": json.dumps(self._props, default=str),
            "data-value": json.dumps(self._frontend_value, default=str),
        }
        text = " ".join(f'{k}="{escape(str(v), quote=True)}"' for k, v in attrs.items())
        return f"<rv-ui {text}>{self._inner_html()}</rv-ui>"

    @property
    def text(self) -> str:
        return self._html()

    def _mime_(self) -> tuple[str, str]:
        return ("text/html", self._html())

    def __format__(self, spec: str) -> str:
        return self._html()

    def __str__(self) -> str:
        return self._html()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(value={self._value!r})"
