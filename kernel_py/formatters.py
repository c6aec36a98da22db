"""Formatters for third-party types, registered by type name (no imports here).

Each formatter imports its library lazily, only when a value of that type is
displayed, so the kernel's start-up cost does not depend on them.
"""

from __future__ import annotations

import base64
import io
from typing import Any

from .display import Bundle, register_formatter


def figure_png(figure: Any) -> Bundle:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight", dpi=100)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return {"image/png": data, "text/plain": f"<{type(figure).__name__}>"}


@register_formatter("matplotlib.figure.Figure")
def _figure(figure: Any) -> Bundle:
    return figure_png(figure)


@register_formatter("matplotlib.axes._base._AxesBase")
def _axes(axes: Any) -> Bundle:
    return figure_png(axes.get_figure())


@register_formatter("PIL.Image.Image")
def _pil_image(image: Any) -> Bundle:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return {"image/png": base64.b64encode(buffer.getvalue()).decode("ascii")}
