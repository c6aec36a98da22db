"""Containers of widgets: form, array, dictionary, batch, tabs.

A container's children stay ordinary elements with their own ids: changing
a child re-runs the readers of the container (``_children`` / ``_owns``).
``form`` is the exception: the page holds the child's value until submit,
then sends it as the form's value.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Mapping, Sequence

from ....display.escape import escape
from ..element import UIElement
from ..._html import as_html
from ..._html_methods import IMPL
from ._common import base_props

OnChange = Callable[[Any], None] | None


class _container(UIElement):
    def __init__(self, children: Sequence[UIElement], *, label: str, on_change: OnChange,
                 props: dict[str, Any] | None = None) -> None:
        for child in children:
            if not isinstance(child, UIElement):
                raise TypeError(f"{self._kind}: expected UI elements, got {type(child).__name__}")
        self._kids = list(children)
        super().__init__(None, label=label, on_change=on_change, props=props)
        for child in self._kids:
            child._parents.append(self)

    def _children(self) -> Iterator[UIElement]:
        return iter(self._kids)

    def _convert(self, frontend_value: Any) -> Any:
        if frontend_value is not None:
            raise ValueError(f"{self._kind}: set the values of its elements, not of the {self._kind}")
        return None

    def __len__(self) -> int:
        return len(self._kids)


class array(_container):
    """A list of elements; ``.value`` is the list of their values."""

    _kind = "array"

    def __init__(self, elements: Sequence[UIElement], *, label: str = "",
                 on_change: OnChange = None) -> None:
        super().__init__(list(elements), label=label, on_change=on_change)

    @property
    def value(self) -> list[Any]:
        self._check_read()
        return [child.value for child in self._kids]

    @property
    def elements(self) -> list[UIElement]:
        return list(self._kids)

    def __getitem__(self, index: int) -> UIElement:
        return self._kids[index]

    def __iter__(self) -> Iterator[UIElement]:
        return iter(self._kids)

    def hstack(self, **kwargs: Any) -> Any:
        """The elements side by side (``mo.hstack``'s arguments)."""
        from ..._layout import hstack

        return hstack(self._kids, **kwargs)

    def vstack(self, **kwargs: Any) -> Any:
        """The elements stacked (``mo.vstack``'s arguments)."""
        from ..._layout import vstack

        return vstack(self._kids, **kwargs)

    def _inner_html(self) -> str:
        return "".join(f'<div class="rv-ui-item">{child._html()}</div>' for child in self._kids)


class dictionary(_container):
    """A dict of elements; ``.value`` is the dict of their values."""

    _kind = "dictionary"

    def __init__(self, elements: Mapping[str, UIElement], *, label: str = "",
                 on_change: OnChange = None) -> None:
        self._names = [str(k) for k in elements]
        super().__init__(list(elements.values()), label=label, on_change=on_change)

    @property
    def value(self) -> dict[str, Any]:
        self._check_read()
        return {name: child.value for name, child in zip(self._names, self._kids)}

    @property
    def elements(self) -> dict[str, UIElement]:
        return dict(zip(self._names, self._kids))

    def __getitem__(self, key: str) -> UIElement:
        return self.elements[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def items(self):  # noqa: ANN201 - dict-like
        return self.elements.items()

    def keys(self):  # noqa: ANN201
        return self.elements.keys()

    def values(self):  # noqa: ANN201
        return self.elements.values()

    def _inner_html(self) -> str:
        rows = "".join(
            f'<div class="rv-ui-entry"><span class="rv-ui-key">{escape(name)}</span>{child._html()}</div>'
            for name, child in zip(self._names, self._kids)
        )
        return rows


class batch(dictionary):
    """Elements placed into HTML (``{name}`` placeholders); ``.value`` is a dict."""

    _kind = "batch"

    def __init__(self, html: Any, elements: Mapping[str, UIElement], *, label: str = "",
                 on_change: OnChange = None) -> None:
        self._template = html.text if hasattr(html, "text") else str(html)
        super().__init__(elements, label=label, on_change=on_change)

    def _inner_html(self) -> str:
        # markdown keeps its source in an attribute: substitute escaped markup there
        in_attribute = self._template.lstrip().startswith("<rv-md")
        out = self._template
        for name, child in zip(self._names, self._kids):
            markup = child._html()
            out = out.replace("{" + name + "}", escape(markup, quote=True) if in_attribute else markup)
        return out


class form(_container):
    """Gates an element: its value reaches Python only when the form is
    submitted.  ``.value`` is None until the first submit."""

    _kind = "form"

    def __init__(
        self,
        element: UIElement,
        *,
        label: str = "",
        bordered: bool = True,
        loading: bool = False,
        submit_button_label: str = "Submit",
        submit_button_tooltip: str | None = None,
        submit_button_disabled: bool = False,
        clear_on_submit: bool = False,
        show_clear_button: bool = False,
        clear_button_label: str = "Clear",
        clear_button_tooltip: str | None = None,
        validate: Callable[[Any], str | None] | None = None,
        on_change: OnChange = None,
    ) -> None:
        self._validate = validate
        props = base_props(
            bordered=bordered, loading=loading, submit_button_label=submit_button_label,
            submit_button_tooltip=submit_button_tooltip, submit_button_disabled=submit_button_disabled,
            clear_on_submit=clear_on_submit, show_clear_button=show_clear_button,
            clear_button_label=clear_button_label, clear_button_tooltip=clear_button_tooltip,
        )
        props["element"] = element._id
        super().__init__([element], label=label, on_change=on_change, props=props)

    @property
    def element(self) -> UIElement:
        return self._kids[0]

    def _convert(self, frontend_value: Any) -> Any:
        if frontend_value is None:
            return None
        element = self._kids[0]
        value = element._convert(frontend_value)
        if self._validate is not None:
            message = self._validate(value)
            if message:
                raise ValueError(f"form: {message}")
        return value

    def _update(self, frontend_value: Any) -> None:
        super()._update(frontend_value)
        element = self._kids[0]
        element._frontend_value, element._value = frontend_value, self._value

    def _child_changed(self, child: UIElement) -> None:
        """The element itself changed (not through a submit): not our value."""

    def _inner_html(self) -> str:
        return self._kids[0]._html()


class tabs(UIElement):
    """Tabs of content; ``.value`` is the selected tab's name."""

    _kind = "tabs"

    def __init__(self, tabs: Mapping[str, Any], value: str | None = None, lazy: bool = False,
                 *, orientation: str = "horizontal", label: str = "", on_change: OnChange = None) -> None:
        if orientation not in ("horizontal", "vertical"):
            raise ValueError(f"tabs: orientation must be 'horizontal' or 'vertical', not {orientation!r}")
        self._names = [str(k) for k in tabs]
        if not self._names:
            raise ValueError("tabs: give at least one tab")
        if value is not None and value not in self._names:
            raise ValueError(f"tabs: {value!r} is not one of the tabs {self._names}")
        self._panels = [as_html(v).text for v in tabs.values()]
        super().__init__(value or self._names[0], label=label, on_change=on_change,
                         props={"tabs": self._names, **({"orientation": orientation} if orientation == "vertical" else {})})

    def _convert(self, frontend_value: Any) -> str:
        if frontend_value not in self._names:
            raise ValueError(f"tabs: {frontend_value!r} is not one of the tabs {self._names}")
        return frontend_value

    def _inner_html(self) -> str:
        return "".join(
            f'<div data-tab="{escape(name, quote=True)}">{panel}</div>'
            for name, panel in zip(self._names, self._panels)
        )


UIElement._form = form  # ``element.form()``: the mechanism does not import its widgets
IMPL["batch"] = batch  # ``Html(...).batch(**elements)`` and ``element.batch(...)``
