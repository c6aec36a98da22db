"""File upload: contents reach Python as bytes."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from ..element import UIElement
from ._common import base_props

OnChange = Callable[[Any], None] | None


@dataclass(frozen=True)
class FileUploadResults:
    """One uploaded file: its name and its contents as bytes."""

    name: str
    contents: bytes

    def __repr__(self) -> str:
        return f"FileUploadResults(name={self.name!r}, contents=<{len(self.contents)} bytes>)"


class file(UIElement):
    """An upload button or drop area; ``.value`` is a list of ``FileUploadResults``.

    The front end sends ``[{"name", "contents"}]`` with contents in base64."""

    _kind = "file"

    def __init__(
        self,
        filetypes: Sequence[str] | None = None,
        multiple: bool = False,
        kind: str = "button",
        max_size: int = 100_000_000,
        *,
        label: str = "",
        on_change: OnChange = None,
    ) -> None:
        if kind not in ("button", "area"):
            raise ValueError(f"file: kind must be 'button' or 'area', not {kind!r}")
        self._multiple = multiple
        self._max_size = max_size
        props = base_props(filetypes=list(filetypes) if filetypes else None, multiple=multiple,
                           kind=kind, max_size=max_size)
        super().__init__([], label=label or ("Drop a file here" if kind == "area" else "Upload"),
                         on_change=on_change, props=props)

    def _convert(self, frontend_value: Any) -> list[FileUploadResults]:
        if not isinstance(frontend_value, list):
            raise ValueError(f"file: expected a list of files, got {type(frontend_value).__name__}")
        if len(frontend_value) > 1 and not self._multiple:
            raise ValueError("file: one file expected (multiple=False)")
        results = []
        for item in frontend_value:
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                raise ValueError("file: each file must be {name, contents}")
            try:
                contents = base64.b64decode(str(item.get("contents", "")), validate=True)
            except (binascii.Error, ValueError):
                raise ValueError(f"file: contents of {item['name']!r} are not base64") from None
            if len(contents) > self._max_size:
                raise ValueError(f"file: {item['name']!r} is larger than max_size={self._max_size}")
            results.append(FileUploadResults(item["name"], contents))
        return results

    def _update(self, frontend_value: Any) -> None:
        super()._update(frontend_value)
        # keep the markup small: the page already has the bytes
        self._frontend_value = [{"name": f.name, "size": len(f.contents)} for f in self._value]

    def name(self, index: int = 0) -> str | None:
        return self._value[index].name if index < len(self._value) else None

    def contents(self, index: int = 0) -> bytes | None:
        return self._value[index].contents if index < len(self._value) else None
