"""``rivulet export``: a static folder (or one HTML file) that runs a notebook
with no network, its outputs pre-rendered into the page.

- :mod:`.prerun` runs the notebook under CPython and records the data files it reads;
- :mod:`.static_html` turns outputs into plain HTML (readable without JavaScript);
- :mod:`.wheels` vendors the pure-Python packages the notebook imports;
- :mod:`.folder` assembles the folder from the built site.
"""

from __future__ import annotations

from .folder import ExportError, ExportSummary, export_folder

__all__ = ["ExportError", "ExportSummary", "export_folder"]
