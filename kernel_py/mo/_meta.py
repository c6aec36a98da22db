"""``mo.app_meta()`` and ``mo.query_params()``: what the notebook knows of
where it runs (read from ``Kernel.meta``, which the session fills in)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Literal

from ..core import context

# Rivulet's URL modes -> marimo's names for them.
_MODES = {"edit": "edit", "read": "run", "run": "run", "script": "script", "test": "test"}


def _meta() -> dict[str, Any]:
    kernel = context.current_kernel()
    return kernel.meta if kernel is not None else {}


class AppMeta:
    """Where the notebook runs: ``theme`` ("light", "dark" or "system") and
    ``mode`` ("edit" in the editor, "run" in the app view, "script" headless)."""

    @property
    def theme(self) -> Literal["light", "dark", "system"]:
        theme = _meta().get("theme", "light")
        return theme if theme in ("light", "dark", "system") else "light"

    @property
    def mode(self) -> str | None:
        kernel = context.current_kernel()
        if kernel is None:
            return "script"
        return _MODES.get(str(kernel.meta.get("mode", "edit")), str(kernel.meta.get("mode")))

    @property
    def request(self) -> None:
        """No HTTP request reaches a notebook running in the browser."""
        return None

    def __repr__(self) -> str:
        return f"AppMeta(theme={self.theme!r}, mode={self.mode!r})"


def app_meta() -> AppMeta:
    return AppMeta()


class QueryParams:
    """The page's URL query parameters, like a read-mostly dict of str (or a
    list of str for a repeated key).  Changes stay in this kernel."""

    def __init__(self, params: dict[str, Any]) -> None:
        self._params = params

    def get(self, key: str, default: Any = None) -> Any:
        return self._params.get(key, default)

    def get_all(self, key: str) -> list[str]:
        value = self._params.get(key)
        if value is None:
            return []
        return list(value) if isinstance(value, list) else [value]

    def __getitem__(self, key: str) -> Any:
        return self._params.get(key)  # None when missing, as marimo

    def __contains__(self, key: object) -> bool:
        return key in self._params

    def __iter__(self) -> Iterator[str]:
        return iter(self._params)

    def __len__(self) -> int:
        return len(self._params)

    def set(self, key: str, value: str | list[str]) -> None:
        self._params[key] = value

    __setitem__ = set

    def append(self, key: str, value: str) -> None:
        self._params[key] = [*self.get_all(key), value]

    def remove(self, key: str, value: str | None = None) -> None:
        if value is None:
            self._params.pop(key, None)
            return
        rest = [v for v in self.get_all(key) if v != value]
        if not rest:
            self._params.pop(key, None)
        else:
            self._params[key] = rest if len(rest) > 1 else rest[0]

    __delitem__ = remove

    def to_dict(self) -> dict[str, Any]:
        return dict(self._params)

    def __repr__(self) -> str:
        return f"QueryParams({self._params!r})"


def query_params() -> QueryParams:
    meta = _meta()
    params = meta.setdefault("query_params", {}) if isinstance(meta, dict) else {}
    return QueryParams(params)


def notebook_dir() -> Path | None:
    """The folder of the notebook file: where its data files are.

    Under CPython (``rivulet run``, ``rivulet export``) the file's folder; in
    the browser the folder the page's data files were written to (an export
    puts them there, at the same relative paths), which is also the working
    directory.  Falls back to the working directory when nothing better is known.
    """
    known = _meta().get("notebook_dir")
    return Path(known) if known else Path.cwd()


def notebook_location() -> Path | None:
    """Where the notebook lives. marimo returns a URL in the browser; here the
    notebook's data files are real files in the browser too, so this is
    :func:`notebook_dir` everywhere (``open(mo.notebook_location() / "data.csv")``
    works under CPython and in an exported page alike)."""
    return notebook_dir()
