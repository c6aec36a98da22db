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
    left,
    plain_text,
    right,
    stat,
    tabs,
    tree,
    vstack,
)
from ._md import md
from ._lazy import lazy
from ._extras import (
    carousel,
    doc,
    iframe,
    image_compare,
    inspect,
    latex,
    mermaid,
    nav_menu,
    outline,
    plain,
    routes,
    show_code,
    sidebar,
    style,
)
from ._runtime import (
    MarimoStopError,
    Thread,
    cache,
    capture_stderr,
    capture_stdout,
    cli_args,
    current_thread,
    defs,
    lru_cache,
    persistent_cache,
    redirect_stderr,
    redirect_stdout,
    refs,
    running_in_notebook,
)
from ._sql import sql
from ._app import App, Cell
from ._media import audio, download, icon, image, pdf, video
from ._meta import AppMeta, QueryParams, app_meta, notebook_dir, notebook_location, query_params
from . import _status as status
from . import ui
from .ui.element import UIElement
from . import ai
from . import islands
from . import mpl
from . import watch
from ._asgi import create_asgi_app
from .islands import MarimoIslandGenerator

__version__ = "0.25.2"  # the marimo API version this module follows

__all__ = [
    "App",
    "AppMeta",
    "Cell",
    "Html",
    "MarimoStopError",
    "QueryParams",
    "Thread",
    "UIElement",
    "accordion",
    "app_meta",
    "as_html",
    "audio",
    "cache",
    "callout",
    "capture_stderr",
    "capture_stdout",
    "carousel",
    "center",
    "cli_args",
    "current_thread",
    "defs",
    "doc",
    "download",
    "hstack",
    "icon",
    "iframe",
    "image",
    "image_compare",
    "inspect",
    "json",
    "latex",
    "lazy",
    "left",
    "lru_cache",
    "md",
    "mermaid",
    "nav_menu",
    "notebook_dir",
    "notebook_location",
    "outline",
    "output",
    "pdf",
    "persistent_cache",
    "plain",
    "plain_text",
    "query_params",
    "redirect_stderr",
    "redirect_stdout",
    "refs",
    "right",
    "routes",
    "running_in_notebook",
    "show_code",
    "sidebar",
    "sql",
    "stat",
    "state",
    "status",
    "stop",
    "style",
    "tabs",
    "tree",
    "ui",
    "video",
    "vstack",
    "MarimoIslandGenerator",
    "ai",
    "create_asgi_app",
    "islands",
    "mpl",
    "watch",
]
