"""``mo.islands``: marimo's generator of "islands" (notebook cells embedded
in another web page, run by marimo's front end from a CDN).  It is a
build-time tool for a Python host; in a notebook in the browser it cannot
fetch marimo's front end, so it exists for imports and explains itself when
used.  Rivulet makes islands with ``rivulet export PATH --islands`` and
embeds notebooks with its own ``embed.js`` (see the README, "Embedding").
"""

from __future__ import annotations

from typing import Any

WHY = (
    "mo.islands.MarimoIslandGenerator builds pages for marimo's own front end (loaded from a CDN "
    "by a Python build step); Rivulet does not include it. To put a notebook's outputs in a page, "
    "use `rivulet export PATH --islands`, or Rivulet's embed.js (see the README)."
)


class MarimoIslandStub:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError(WHY)


class MarimoIslandGenerator:
    """Exists so ``from marimo import MarimoIslandGenerator`` works; its
    methods explain that islands are not available here."""

    def __init__(self, app_id: str = "main") -> None:
        self.app_id = app_id

    @staticmethod
    def from_file(filename: str, display_code: bool = False) -> "MarimoIslandGenerator":
        raise NotImplementedError(WHY)

    def _unavailable(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(WHY)

    add_code = build = render_body = render_head = render_html = _unavailable
    render_init_island = render_payload = render_payload_script = stubs = _unavailable


__all__ = ["MarimoIslandGenerator", "MarimoIslandStub"]
