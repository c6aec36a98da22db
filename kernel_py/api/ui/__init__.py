"""``mo.ui``: interactive widgets."""

from __future__ import annotations

from ...ui_element import UIElement

__all__ = ["UIElement"]
