"""The notebook-facing API, importable as ``marimo`` inside a running notebook.

``import marimo as mo`` in a cell gives this module.
"""

from __future__ import annotations

from ._control import output, state, stop
from ._html import Html, as_html
from ._md import md
from . import ui
from ..ui_element import UIElement

__version__ = "0.25.2"  # the marimo API version this module follows

__all__ = ["Html", "UIElement", "as_html", "md", "output", "state", "stop", "ui"]
