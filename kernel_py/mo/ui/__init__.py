"""``mo.ui``: interactive widgets.

Each widget renders as an ``<rv-ui data-kind=...>`` element (see
``kernel_py/mo/ui/element.py``); its ``.value`` is the current front-end value,
converted to marimo's types.
"""

from __future__ import annotations

from .element import UIElement
from .widgets._charts import altair_chart, plotly
from .widgets._buttons import button, refresh, run_button
from .widgets._choices import dropdown, multiselect, radio
from .widgets._code_editor import code_editor
from .widgets._dataframe import dataframe
from .widgets._data_editor import data_editor, experimental_data_editor
from .widgets._data_explorer import data_explorer
from .widgets._containers import array, batch, dictionary, form, tabs
from .widgets._file import FileUploadResults, file
from .widgets._inputs import checkbox, date, number, range_slider, slider, switch, text, text_area
from .widgets._table import table
from .widgets._anywidget import anywidget
from .widgets._chat import chat
from .widgets._dates import date_range
from .widgets._dates import datetime
from .widgets._file_browser import file_browser
from .widgets._matplotlib import matplotlib
from .widgets._matrix import matrix
from .widgets._microphone import microphone
from .widgets._panel import panel

__all__ = [
    "FileUploadResults",
    "UIElement",
    "altair_chart",
    "array",
    "batch",
    "button",
    "checkbox",
    "code_editor",
    "data_editor",
    "data_explorer",
    "dataframe",
    "date",
    "dictionary",
    "dropdown",
    "file",
    "experimental_data_editor",
    "form",
    "multiselect",
    "number",
    "plotly",
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
    "anywidget",
    "chat",
    "date_range",
    "datetime",
    "file_browser",
    "matplotlib",
    "matrix",
    "microphone",
    "panel",
]
