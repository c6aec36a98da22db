"""``mo.ui``: interactive widgets.

Each widget renders as an ``<rv-ui data-kind=...>`` element (see
``kernel_py/ui_element.py``); its ``.value`` is the current front-end value,
converted to marimo's types.
"""

from __future__ import annotations

from ...ui_element import UIElement
from ._buttons import button, refresh, run_button
from ._choices import dropdown, multiselect, radio
from ._code_editor import code_editor
from ._containers import array, batch, dictionary, form, tabs
from ._file import FileUploadResults, file
from ._inputs import checkbox, date, number, range_slider, slider, switch, text, text_area
from ._table import table

__all__ = [
    "FileUploadResults",
    "UIElement",
    "array",
    "batch",
    "button",
    "checkbox",
    "code_editor",
    "date",
    "dictionary",
    "dropdown",
    "file",
    "form",
    "multiselect",
    "number",
    "radio",
    "range_slider",
    "refresh",
    "run_button",
    "slider",
    "switch",
    "table",
    "tabs",
    "text",
    "text_area",
]
