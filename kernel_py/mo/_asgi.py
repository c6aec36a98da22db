"""``mo.create_asgi_app``: marimo serves notebooks from a Python web server
(FastAPI, Starlette).  Rivulet notebooks are static files run by the
browser, so there is no server to mount them in: the function exists and
explains this when called."""

from __future__ import annotations

WHY = (
    "mo.create_asgi_app mounts notebooks in a Python web server; Rivulet runs notebooks in the "
    "browser from static files, so there is nothing to mount. Publish a notebook with "
    "`rivulet export` (static files any web server can host) instead."
)


def create_asgi_app(
    *,
    quiet: bool = False,
    include_code: bool = False,
    token: str | None = None,
    skew_protection: bool = False,
    session_ttl: int = 120,
    asset_url: str | None = None,
    redirect_console_to_browser: bool = False,
    show_tracebacks: bool = False,
    html_head: str | None = None,
    execute_opengraph_generators: bool = False,
) -> None:
    """Not available in Rivulet: raises NotImplementedError saying why."""
    raise NotImplementedError(WHY)
