"""A code editor; ``.value`` is its text."""

from __future__ import annotations

from typing import Any, Callable

from ..element import UIElement
from ._common import base_props

OnChange = Callable[[Any], None] | None


class code_editor(UIElement):
    _kind = "code_editor"

    def __init__(
        self,
        value: str = "",
        language: str = "python",
        placeholder: str = "",
        theme: str | None = None,
        disabled: bool = False,
        min_height: int | None = None,
        max_height: int | None = None,
        show_copy_button: bool = True,
        debounce: bool | int = False,
        *,
        label: str = "",
        on_change: OnChange = None,
    ) -> None:
        props = base_props(language=language, placeholder=placeholder or None, theme=theme,
                           disabled=disabled, min_height=min_height, max_height=max_height,
                           show_copy_button=show_copy_button)
        props["debounce"] = debounce
        super().__init__(value, label=label, on_change=on_change, props=props)

    def _convert(self, frontend_value: Any) -> str:
        if not isinstance(frontend_value, str):
            raise ValueError(f"code_editor: expected a string, got {frontend_value!r}")
        return frontend_value
