"""``mo.ui.microphone``: record audio in the page (MediaRecorder); the
recording reaches Python as base64 and ``.value`` is an ``io.BytesIO``
(empty before the first recording), as in marimo."""

from __future__ import annotations

import base64
import binascii
import io
from typing import Any, Callable

from ..element import UIElement


class microphone(UIElement):
    """An audio recorder; ``.value`` is the recording as ``io.BytesIO``."""

    _kind = "microphone"

    def __init__(self, *, label: str = "", on_change: Callable[[io.BytesIO], None] | None = None) -> None:
        super().__init__("", label=label, on_change=on_change, props={})

    def _convert(self, frontend_value: Any) -> io.BytesIO:
        if not isinstance(frontend_value, str):
            raise ValueError(f"microphone: expected the recording as base64 text, got {type(frontend_value).__name__}")
        try:
            return io.BytesIO(base64.b64decode(frontend_value, validate=True))
        except (binascii.Error, ValueError):
            raise ValueError("microphone: the recording is not base64") from None

    def _html(self) -> str:
        # the markup does not carry the recording (it may be large)
        saved, self._frontend_value = self._frontend_value, ""
        try:
            return super()._html()
        finally:
            self._frontend_value = saved
