"""A notebook's own settings, kept in its file where marimo keeps them.

- ``width`` and ``app_title`` are keywords of ``app = marimo.App(...)``;
  marimo writes only the ones that differ from its defaults, in its
  ``_AppConfig`` order, so that is how they are written here.
- ``on_cell_change`` and ``auto_instantiate`` live in the PEP 723 script
  header as ``[tool.marimo.runtime]`` (marimo reads ``on_cell_change`` from
  there; marimo 0.25 ignores ``auto_instantiate`` in a script header, for
  its own security reasons, and Rivulet honours it: not running is safe).

A change touches only the keyword or the header line it is about: every
other byte of the file stays as it was. A header this module cannot edit
safely (its TOML would read differently afterwards) raises
``SettingsError`` and changes nothing.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, replace
from typing import Any

from .file_format import Notebook
from .requirements import script_block, script_metadata

WIDTHS = ("compact", "medium", "full", "columns")
ON_CELL_CHANGE = ("autorun", "lazy")
# marimo's _AppConfig fields, in the order its code generator writes them
APP_ORDER = ("width", "app_title", "layout_file", "css_file", "html_head_file", "auto_download", "sql_output")
MAX_TITLE = 200


class SettingsError(ValueError):
    """A setting that is not valid, or a header that cannot be edited safely."""


@dataclass(frozen=True)
class Settings:
    width: str = "compact"
    app_title: str = ""
    on_cell_change: str = "autorun"
    auto_instantiate: bool = True

    def app_json(self) -> dict[str, Any]:
        return {"width": self.width, "app_title": self.app_title}

    def runtime_json(self) -> dict[str, Any]:
        return {"on_cell_change": self.on_cell_change, "auto_instantiate": self.auto_instantiate}

    def to_json(self) -> dict[str, Any]:
        """All of them, as the settings dialog shows them (an ``error`` reply's ``settings``)."""
        return {**self.app_json(), **self.runtime_json()}


DEFAULTS = Settings()


# --------------------------------------------------------------------- reading


def read_settings(notebook: Notebook) -> Settings:
    """The settings a notebook's file holds (defaults for what it lacks or gets wrong)."""
    app = dict(notebook.app_options)
    width = _literal(app.get("width"))
    title = _literal(app.get("app_title"))
    runtime = runtime_table(notebook.header)
    on_change = runtime.get("on_cell_change")
    instantiate = runtime.get("auto_instantiate")
    return Settings(
        width=width if width in WIDTHS else DEFAULTS.width,
        app_title=title if isinstance(title, str) else "",
        on_cell_change=on_change if on_change in ON_CELL_CHANGE else DEFAULTS.on_cell_change,
        auto_instantiate=instantiate if isinstance(instantiate, bool) else DEFAULTS.auto_instantiate,
    )


def runtime_table(header: str) -> dict[str, Any]:
    """``[tool.marimo.runtime]`` of the header's script block ({} if none)."""
    table: Any = script_metadata(header)
    for key in ("tool", "marimo", "runtime"):
        table = table.get(key) if isinstance(table, dict) else None
    return table if isinstance(table, dict) else {}


def _literal(source: str | None) -> Any:
    if source is None:
        return None
    try:
        return ast.literal_eval(source)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None


# --------------------------------------------------------------------- writing


def apply_settings(notebook: Notebook, changes: dict[str, Any]) -> Notebook:
    """The notebook with these settings changed (only these keys touch the file)."""
    unknown = set(changes) - set(Settings.__dataclass_fields__)
    if unknown:
        raise SettingsError(f"unknown notebook setting {sorted(unknown)[0]!r}")
    options, header = notebook.app_options, notebook.header
    if "width" in changes:
        width = changes["width"]
        if width not in WIDTHS:
            raise SettingsError(f"width must be one of {', '.join(WIDTHS)}, not {str(width)[:40]!r}")
        options = with_app_option(options, "width", None if width == DEFAULTS.width else width)
    if "app_title" in changes:
        title = changes["app_title"]
        if not isinstance(title, str):
            raise SettingsError("app_title must be a string")
        title = " ".join(title.split())[:MAX_TITLE]  # one line, as a title is shown
        options = with_app_option(options, "app_title", title or None)
    if "on_cell_change" in changes:
        mode = changes["on_cell_change"]
        if mode not in ON_CELL_CHANGE:
            raise SettingsError(f"on_cell_change must be 'autorun' or 'lazy', not {str(mode)[:40]!r}")
        header = with_runtime_option(header, "on_cell_change", None if mode == DEFAULTS.on_cell_change else mode)
    if "auto_instantiate" in changes:
        value = changes["auto_instantiate"]
        if not isinstance(value, bool):
            raise SettingsError("auto_instantiate must be true or false")
        header = with_runtime_option(header, "auto_instantiate", None if value else False)
    return replace(notebook, app_options=options, header=header)


def with_app_option(
    options: tuple[tuple[str, str], ...], key: str, value: str | None
) -> tuple[tuple[str, str], ...]:
    """``marimo.App(...)``'s keywords with ``key`` set to ``value`` (None: removed).

    A keyword already there keeps its place; a new one goes where marimo's
    writer would put it."""
    if value is None:
        return tuple((k, v) for k, v in options if k != key)
    source = _python_string(value)
    if any(k == key for k, _ in options):
        return tuple((k, source if k == key else v) for k, v in options)
    rank = APP_ORDER.index(key)
    earlier = [i for i, (k, _) in enumerate(options) if k in APP_ORDER and APP_ORDER.index(k) < rank]
    later = [i for i, (k, _) in enumerate(options) if k in APP_ORDER and APP_ORDER.index(k) > rank]
    at = earlier[-1] + 1 if earlier else later[0] if later else len(options)
    return options[:at] + ((key, source),) + options[at:]


def _python_string(value: str) -> str:
    """A Python string literal, as marimo writes one (``"..."``), escaped where marimo would not be safe."""
    return json.dumps(value, ensure_ascii=False)


_TABLE = re.compile(r"^#\s*\[\s*tool\s*\.\s*marimo\s*\.\s*runtime\s*\]\s*(#.*)?$")
_ANY_TABLE = re.compile(r"^#\s*\[")
_BLANK = re.compile(r"^#\s*$")


def with_runtime_option(header: str, key: str, value: str | bool | None) -> str:
    """The header with ``[tool.marimo.runtime] key`` set to ``value`` (None: removed).

    Only that line changes (and the table's header line, when the table is
    new or becomes empty); a script block made only for it goes away with it."""
    before = script_metadata(header)
    expected = _with_key(before, key, value)
    match = script_block(header)
    line = f"# {key} = {_toml_value(value)}" if value is not None else ""
    if match is None:
        if value is None:
            new = header
        else:
            block = "\n".join(["# /// script", "# [tool.marimo.runtime]", line, "# ///"])
            # a blank line keeps comment lines below out of the block (PEP 723's regex is greedy)
            gap = "\n\n" if header.startswith("#") else "\n"
            new = block + (gap + header if header.strip() else "")
    else:
        lines = _edit_lines(match.group("content").splitlines(), key, line)
        if lines and all(_BLANK.match(x) for x in lines):
            lines = []
        if lines:
            body = "# /// script\n" + "".join(x + "\n" for x in lines) + "# ///"
            new = header[: match.start()] + body + header[match.end() :]
        else:  # the block held only this setting
            before, after = header[: match.start()], header[match.end() :].lstrip("\n")
            new = before + after if after else before.rstrip("\n")
    if _pruned(script_metadata(new)) != _pruned(expected):
        raise SettingsError(
            "the notebook's script header (# /// script) is written in a way Rivulet cannot edit safely; "
            f"set {key} there by hand under [tool.marimo.runtime]"
        )
    return new


def _edit_lines(lines: list[str], key: str, line: str) -> list[str]:
    """The script block's lines (each starting with #) with the key's line set ('' removes it)."""
    key_line = re.compile(rf"^#\s*{re.escape(key)}\s*=")
    table = next((i for i, x in enumerate(lines) if _TABLE.match(x)), None)
    if table is None:
        if not line:
            return lines
        gap = ["#"] if lines and not _BLANK.match(lines[-1]) else []
        return lines + gap + ["# [tool.marimo.runtime]", line]
    end = next((i for i in range(table + 1, len(lines)) if _ANY_TABLE.match(lines[i])), len(lines))
    at = next((i for i in range(table + 1, end) if key_line.match(lines[i])), None)
    if at is not None:
        lines = lines[:at] + ([line] if line else []) + lines[at + 1 :]
        end += 0 if line else -1
    elif line:
        last = max([i for i in range(table + 1, end) if not _BLANK.match(lines[i])], default=table)
        lines = lines[: last + 1] + [line] + lines[last + 1 :]
        end += 1
    if not line and all(_BLANK.match(x) for x in lines[table + 1 : end]):  # the table is empty: it goes
        start = table - 1 if table > 0 and _BLANK.match(lines[table - 1]) else table
        tail = lines[end:]
        lines = lines[:start] + (lines[table + 1 : end] if tail else []) + tail
    return lines


def _toml_value(value: str | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)


def _with_key(data: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    """The script metadata as it should read after the edit."""
    out = _pruned(data)
    tool = out.setdefault("tool", {})
    marimo = tool.setdefault("marimo", {}) if isinstance(tool, dict) else {}
    runtime = marimo.setdefault("runtime", {}) if isinstance(marimo, dict) else {}
    if value is None:
        runtime.pop(key, None)
    else:
        runtime[key] = value
    return out


def _pruned(data: Any) -> Any:
    """A deep copy without empty tables (TOML dates as strings): what two readings compare by."""
    if isinstance(data, dict):
        kept = {k: _pruned(v) for k, v in data.items()}
        return {k: v for k, v in kept.items() if v != {}}
    if isinstance(data, list):
        return [_pruned(v) for v in data]
    return data if isinstance(data, (str, int, float, bool)) else str(data)
