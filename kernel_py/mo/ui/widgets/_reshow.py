"""Show a widget's new state in the output of the cell that made it, without
re-running that cell (which would make a fresh widget): its last output is
sent again with the widget's markup replaced.  The page adopts the live
widget and hands it the new ``data-value`` (``refresh`` in element.js)."""

from __future__ import annotations

from typing import Any

from ....core import context
from ....display.escape import escape


def reshow(element: Any, before: str) -> bool:
    """Replace ``before`` (the element's markup as last shown) in its owner's
    output; False when there is no kernel or the markup is not found."""
    kernel = context.current_kernel()
    if kernel is None or not hasattr(kernel, "reshow"):
        return False
    owner = kernel.ui.owner(element._id)
    bundle = kernel.shown.get(owner) if owner else None
    html = (bundle or {}).get("text/html")
    if not html:
        return False
    after = element._html()
    if before in html:
        html = html.replace(before, after)
    elif escape(before, quote=True) in html:  # inside an attribute (mo.md keeps its source there)
        html = html.replace(escape(before, quote=True), escape(after, quote=True))
    else:
        return False
    kernel.reshow(owner, {**bundle, "text/html": html})
    return True
