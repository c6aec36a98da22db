"""``mo.status``: a spinner and a progress bar that update the running cell's
output while it runs (through ``Kernel.show_output``).

Each indicator shows after whatever the cell had already output
(``mo.output.append``); on exit a spinner goes away (unless
``remove_on_exit=False``), a progress bar stays, completed.
"""

from __future__ import annotations

import time
from typing import Any, Generic, Iterable, Iterator, TypeVar

from ..core import context
from ..display.escape import escape
from ._html import bundle_to_html
from ._layout import _SPINNER_SVG

S = TypeVar("S")


class _Indicator:
    """Shows ``_html()`` after the output the cell had when it started."""

    def __init__(self, remove_on_exit: bool) -> None:
        self.remove_on_exit = remove_on_exit
        self._ctx = context.current()
        self._before: tuple[Any, bool] = (None, False)
        self._shown = False

    def _start(self) -> None:
        if self._ctx is not None and not self._shown:
            self._before = (self._ctx.output, self._ctx.output_set)
            self._shown = True
        self._show()

    def _show(self) -> None:
        ctx = self._ctx
        if ctx is None or not self._shown:
            return
        output, was_set = self._before
        prefix = bundle_to_html(output) if was_set else ""
        ctx.output = {"text/html": prefix + self._html()}
        ctx.output_set = True
        ctx.kernel.show_output(ctx.cell_id, ctx.output)

    def _finish(self) -> None:
        ctx = self._ctx
        if ctx is None or not self._shown:
            return
        if self.remove_on_exit:
            ctx.output, ctx.output_set = self._before
            ctx.kernel.show_output(ctx.cell_id, ctx.output if ctx.output_set else None)
        else:
            self._show()
        self._shown = False

    def _html(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError


class spinner(_Indicator):
    """``with mo.status.spinner(title="Loading...") as s: ...; s.update("Almost")``"""

    def __init__(self, title: str | None = None, subtitle: str | None = None, remove_on_exit: bool = True) -> None:
        super().__init__(remove_on_exit)
        self.title = title
        self.subtitle = subtitle

    def update(self, title: str | None = None, subtitle: str | None = None) -> None:
        if title is not None:
            self.title = title
        if subtitle is not None:
            self.subtitle = subtitle
        self._show()

    def __enter__(self) -> "spinner":
        self._start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._finish()

    def _html(self) -> str:
        title = escape(self.title or "Loading...")
        sub = f'<div style="color:#666;font-size:.85rem">{escape(self.subtitle)}</div>' if self.subtitle else ""
        return (
            f'<div class="rv-spinner" role="status" aria-live="polite" '
            f'style="display:flex;gap:.6rem;align-items:center;padding:.4rem 0">'
            f"{_SPINNER_SVG}<div><div>{title}</div>{sub}</div></div>"
        )


class progress_bar(_Indicator, Generic[S]):
    """Iterate with progress (``for x in mo.status.progress_bar(xs): ...``) or
    drive it by hand (``with mo.status.progress_bar(total=n) as bar: bar.update()``)."""

    def __init__(
        self,
        collection: Iterable[S] | None = None,
        *,
        title: str | None = None,
        subtitle: str | None = None,
        completion_title: str | None = None,
        completion_subtitle: str | None = None,
        total: int | None = None,
        show_rate: bool = True,
        show_eta: bool = True,
        remove_on_exit: bool = False,
        disabled: bool = False,
    ) -> None:
        super().__init__(remove_on_exit)
        if total is None and collection is not None:
            try:
                total = len(collection)  # type: ignore[arg-type]
            except TypeError:
                total = None
        if total is None and collection is None:
            raise ValueError("progress_bar needs a collection or a total")
        self.collection = collection
        self.total = total
        self.current = 0
        self.title = title
        self.subtitle = subtitle
        self.completion_title = completion_title
        self.completion_subtitle = completion_subtitle
        self.show_rate = show_rate
        self.show_eta = show_eta
        self.disabled = disabled
        self._started = time.monotonic()
        self._done = False

    def update(self, increment: int = 1, title: str | None = None, subtitle: str | None = None) -> None:
        self.current += increment
        if title is not None:
            self.title = title
        if subtitle is not None:
            self.subtitle = subtitle
        if not self.disabled:
            self._show()

    def __iter__(self) -> Iterator[S]:
        if self.collection is None:
            raise TypeError("this progress bar has no collection to iterate over")
        self._begin()
        try:
            for item in self.collection:
                yield item
                self.update()
        finally:
            self._end()

    def __enter__(self) -> "progress_bar[S]":
        self._begin()
        return self

    def __exit__(self, *exc: object) -> None:
        self._end()

    def _begin(self) -> None:
        self._started = time.monotonic()
        if not self.disabled:
            self._start()

    def _end(self) -> None:
        self._done = True
        if not self.disabled:
            self._finish()

    def _html(self) -> str:
        done = self._done
        title = (self.completion_title if done and self.completion_title else self.title) or ""
        subtitle = (self.completion_subtitle if done and self.completion_subtitle else self.subtitle) or ""
        elapsed = max(time.monotonic() - self._started, 1e-9)
        facts = [f"{self.current}/{self.total}" if self.total is not None else str(self.current)]
        if self.show_rate and self.current:
            facts.append(f"{self.current / elapsed:.2f} it/s")
        if self.show_eta and self.total and self.current and not done:
            eta = (self.total - self.current) * elapsed / self.current
            facts.append(f"ETA {eta:.1f}s")
        if done:
            facts.append(f"{elapsed:.1f}s")
        bar_attrs = f'value="{self.current}"' + (f' max="{self.total}"' if self.total is not None else "")
        label = escape(title or "Progress")
        return (
            f'<div class="rv-progress" style="padding:.4rem 0">'
            + (f"<div style=\"font-weight:600\">{escape(title)}</div>" if title else "")
            + (f'<div style="color:#666;font-size:.85rem">{escape(subtitle)}</div>' if subtitle else "")
            + f'<div style="display:flex;gap:.6rem;align-items:center">'
            f'<progress {bar_attrs} aria-label="{label}" style="flex:1;max-width:28rem"></progress>'
            f'<span class="rv-progress-facts" style="font-size:.85rem;color:#555">{" · ".join(facts)}</span>'
            f"</div></div>"
        )
