"""The notebook-facing API, importable as ``marimo`` inside a running notebook.

``import marimo as mo`` in a cell gives this module.
"""

from __future__ import annotations

from ._control import output, state, stop
from ._html import Html, as_html
from ._layout import (
    accordion,
    callout,
    center,
    hstack,
    json,
    lazy,
    left,
    plain_text,
    right,
    stat,
    tabs,
    tree,
    vstack,
)
from ._md import md
from ._media import audio, download, icon, image, pdf, video
from ._meta import AppMeta, QueryParams, app_meta, notebook_dir, notebook_location, query_params
from . import _status as status
from . import ui
from .ui.element import UIElement

__version__ = "0.25.2"  # the marimo API version this module follows

__all__ = [
    "AppMeta",
    "Html",
    "QueryParams",
    "UIElement",
    "accordion",
    "app_meta",
    "as_html",
    "audio",
    "callout",
    "center",
    "download",
    "hstack",
    "icon",
    "image",
    "json",
    "lazy",
    "left",
    "md",
    "notebook_dir",
    "notebook_location",
    "output",
    "pdf",
    "plain_text",
    "query_params",
    "right",
    "stat",
    "state",
    "status",
    "stop",
    "tabs",
    "tree",
    "ui",
    "video",
    "vstack",
]
