"""Completion, signature help and hover docs from the live namespace.

:class:`Completer` answers three questions about a cell's code at a cursor
(1-based line, 0-based column): which names complete it, which call's
signature it is in (with the active parameter), and what docstring the name
under it has.  With jedi (``use_jedi``) it asks ``jedi.Interpreter`` over the
live namespace, with jedi's unsafe executions off (no property of a notebook
object runs); without it, or when jedi fails, it answers from
``completion_static`` (names, builtins, keywords, attribute chains).  A
plain name completes from ``completion_static`` even with jedi (the
namespace, builtins, keywords and the names in the cell's code, at once);
attributes and imports need jedi's inference.
Docstrings are text written by whoever wrote the objects: callers show them
as text, never as HTML.
"""

from __future__ import annotations

import contextlib
import io
import sys
import warnings
from dataclasses import dataclass, field
from typing import Any

from . import completion_static as static
from .completion_static import MAX_DOC, MAX_ITEMS, Item, Signature

__all__ = ["Answer", "Completer", "Item", "Signature"]

WANTS = ("completions", "signature", "hover")
DETAILS_UP_TO = 8  # short signatures for this many completions at most (each costs jedi a look-up)
_KINDS = {
    "module": "module",
    "class": "class",
    "function": "function",
    "keyword": "keyword",
    "property": "property",
    "path": "text",
}


@dataclass(frozen=True)
class Answer:
    want: str
    items: tuple[Item, ...] = ()
    prefix: int = 0  # how many characters before the cursor the items replace
    signature: Signature | None = None
    doc: str | None = None
    source: str = "fallback"  # jedi | fallback

    def to_json(self) -> dict[str, Any]:
        return {
            "want": self.want,
            "items": [i.to_json() for i in self.items],
            "prefix": self.prefix,
            "signature": self.signature.to_json() if self.signature else None,
            "doc": self.doc,
            "source": self.source,
        }


@dataclass
class Completer:
    """Answers about code over a namespace; jedi once ``use_jedi`` gave it."""

    jedi: Any = field(default=None, repr=False)

    def use_jedi(self, module: Any = None) -> bool:
        """Answer with jedi from now on (imported here when not given); False if it cannot be."""
        if module is None:
            try:
                import jedi as module
            except Exception:  # noqa: BLE001 - not installed, or broken
                return False
        self.jedi = module
        return True

    def answer(self, want: str, code: str, line: int, column: int, namespace: dict[str, Any]) -> Answer:
        if want not in WANTS:
            raise ValueError(f"want must be one of {', '.join(WANTS)}, not {want!r}")
        if self.jedi is not None and (want != "completions" or _needs_inference(code, line, column)):
            try:
                with _quiet():
                    return self._with_jedi(want, code, line, column, namespace)
            except Exception as exc:  # noqa: BLE001 - jedi on odd code: the fallback still answers
                print(f"rivulet: completion fell back ({type(exc).__name__}: {exc})", file=sys.__stderr__)
        with _quiet():
            return self._fallback(want, code, line, column, namespace)

    # -- fallback ------------------------------------------------------------
    @staticmethod
    def _fallback(want: str, code: str, line: int, column: int, namespace: dict[str, Any]) -> Answer:
        if want == "completions":
            items, prefix = static.complete(code, line, column, namespace)
            return Answer(want, tuple(items), prefix)
        if want == "signature":
            return Answer(want, signature=static.signature(code, line, column, namespace))
        return Answer(want, doc=static.hover(code, line, column, namespace))

    # -- jedi ------------------------------------------------------------------
    def _script(self, code: str, namespace: dict[str, Any]) -> Any:
        script = self.jedi.Interpreter(code, [namespace])
        # no properties or other descriptors of notebook objects are evaluated
        script._inference_state.allow_unsafe_executions = False
        return script

    def _with_jedi(self, want: str, code: str, line: int, column: int, namespace: dict[str, Any]) -> Answer:
        line, column = _clamp(code, line, column)
        script = self._script(code, namespace)
        if want == "completions":
            found = script.complete(line, column)
            prefix = len(found[0].name) - len(found[0].complete) if found else _partial(code, line, column)
            if not found or not found[0].name[:prefix].startswith("_"):
                found = [c for c in found if not c.name.startswith("_")]  # dunders only when asked for
            found = found[:MAX_ITEMS]
            detail = len(found) <= DETAILS_UP_TO
            items = tuple(Item(c.name, _KINDS.get(c.type, "variable"), _short(c) if detail and c.type in ("function", "class") else "") for c in found)
            return Answer(want, items, prefix, source="jedi")
        if want == "signature":
            signatures = script.get_signatures(line, column)
            if not signatures:
                return Answer(want, source="jedi")
            sig = signatures[0]
            params = tuple(p.to_string() for p in sig.params)
            doc = _text(sig.docstring(raw=True))
            return Answer(want, signature=Signature(sig.to_string(), params, sig.index, doc), source="jedi")
        names = script.help(line, column)
        named = [n for n in names if n.type != "keyword"] or names
        doc = _text(named[0].docstring()) if named else ""
        return Answer(want, doc=doc or None, source="jedi")


@contextlib.contextmanager
def _quiet():
    """Nothing completion prints or warns reaches a running cell's console."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield


def _needs_inference(code: str, line: int, column: int) -> bool:
    """Completing an attribute or an import needs jedi; a plain name does not:
    the namespace, builtins, keywords and the cell's own names answer at once
    (jedi's global scope costs 40-70 ms in CPython, several times that in Pyodide)."""
    line, column = _clamp(code, line, column)
    before = code.split("\n")[line - 1][:column]
    found = static.chain_before(before)
    return found is None or bool(found[0]) or static.in_import(before)


def _clamp(code: str, line: int, column: int) -> tuple[int, int]:
    lines = code.split("\n")
    line = max(1, min(line, len(lines)))
    return line, max(0, min(column, len(lines[line - 1])))


def _partial(code: str, line: int, column: int) -> int:
    found = static.chain_before(code.split("\n")[line - 1][:column])
    return len(found[1]) if found else 0


def _short(completion: Any) -> str:
    try:
        signatures = completion.get_signatures()
    except Exception:  # noqa: BLE001
        return ""
    return signatures[0].to_string()[:200] if signatures else ""


def _text(value: Any) -> str:
    return value[:MAX_DOC] if isinstance(value, str) else ""
