"""Choices among options: radio, dropdown, multiselect.

``options`` is a list (each item's ``str`` is its label) or a dict of
labels -> values; the front end works with labels, ``.value`` is the value.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

from ..element import UIElement
from ._common import base_props, label_of, options_dict

OnChange = Callable[[Any], None] | None
Options = Sequence[Any] | Mapping[str, Any]


class _single(UIElement):
    """One label or None in the front end; ``.value`` is its option value."""

    def __init__(self, options: Options, value: Any, props: dict[str, Any],
                 label: str, on_change: OnChange) -> None:
        self._options = options_dict(options)
        selected = label_of(self._options, value, self._kind)
        props = {"options": list(self._options), **props}
        super().__init__(selected, label=label, on_change=on_change, props=props)

    def _convert(self, frontend_value: Any) -> Any:
        if frontend_value is None or frontend_value == []:
            return None
        if isinstance(frontend_value, list) and len(frontend_value) == 1:
            frontend_value = frontend_value[0]
        if not isinstance(frontend_value, str) or frontend_value not in self._options:
            raise ValueError(f"{self._kind}: {frontend_value!r} is not one of the options")
        return self._options[frontend_value]

    @property
    def options(self) -> dict[str, Any]:
        return dict(self._options)

    @property
    def selected_key(self) -> str | None:
        value = self._frontend_value
        if isinstance(value, list):
            return value[0] if value else None
        return value


class radio(_single):
    """Radio buttons; ``.value`` is the chosen option's value, or None."""

    _kind = "radio"

    def __init__(self, options: Options, value: Any = None, inline: bool = False,
                 disabled: bool = False, *, label: str = "", on_change: OnChange = None) -> None:
        super().__init__(options, value, base_props(inline=inline, disabled=disabled), label, on_change)


class dropdown(_single):
    """A select box; ``.value`` is the chosen option's value, or None."""

    _kind = "dropdown"

    def __init__(
        self,
        options: Options,
        value: Any = None,
        allow_select_none: bool | None = None,
        searchable: bool = False,
        disabled: bool = False,
        *,
        label: str = "",
        on_change: OnChange = None,
        full_width: bool = False,
    ) -> None:
        if allow_select_none is None:
            allow_select_none = value is None
        self._allow_none = allow_select_none
        props = base_props(allow_select_none=allow_select_none, searchable=searchable,
                           disabled=disabled, full_width=full_width)
        super().__init__(options, value, props, label, on_change)

    def _convert(self, frontend_value: Any) -> Any:
        if frontend_value in (None, "", []) and not getattr(self, "_allow_none", True):
            raise ValueError("dropdown: a value is required (allow_select_none=False)")
        if frontend_value == "":
            return None
        return super()._convert(frontend_value)


_MAX_OPTIONS = 100000  # marimo's limit


class multiselect(UIElement):
    """Pick several options; ``.value`` is the list of their values."""

    _kind = "multiselect"

    def __init__(
        self,
        options: Options,
        value: Sequence[Any] | None = None,
        max_selections: int | None = None,
        disabled: bool = False,
        *,
        label: str = "",
        on_change: OnChange = None,
        full_width: bool = False,
    ) -> None:
        self._options = options_dict(options)
        if len(self._options) > _MAX_OPTIONS:
            raise ValueError(
                f"The maximum number of options allowed is {_MAX_OPTIONS}, but your multiselect has "
                f"{len(self._options)} options. If you really want to expose that many options, consider "
                "using `mo.ui.text()` to let the user type an option name, and `mo.ui.table()` to present "
                "the options matching the user's query."
            )
        self._max = max_selections
        selected = [label_of(self._options, v, "multiselect") for v in (value or [])]
        props = base_props(options=list(self._options), max_selections=max_selections,
                           disabled=disabled, full_width=full_width)
        props["options"] = list(self._options)
        super().__init__(selected, label=label, on_change=on_change, props=props)

    def _convert(self, frontend_value: Any) -> list[Any]:
        if not isinstance(frontend_value, list):
            raise ValueError(f"multiselect: expected a list of labels, got {frontend_value!r}")
        bad = [v for v in frontend_value if not isinstance(v, str) or v not in self._options]
        if bad:
            raise ValueError(f"multiselect: {bad!r} not among the options")
        if self._max is not None and len(frontend_value) > self._max:
            raise ValueError(f"multiselect: at most {self._max} selections")
        return [self._options[v] for v in frontend_value]

    @property
    def options(self) -> dict[str, Any]:
        return dict(self._options)
