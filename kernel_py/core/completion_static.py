"""The fast completion fallback: no jedi, no evaluation of notebook code.

Names come from the live namespace, builtins and keywords; ``a.b.c``
completes from ``dir()`` of the object the chain names, found with
``inspect.getattr_static`` (no property, ``__getattr__`` or descriptor runs).
Anything past a call, a subscript or a literal is not completed here.
Notebook objects are treated as hostile: every look-up is guarded.
"""

from __future__ import annotations

import builtins
import inspect
import io
import keyword
import re
import tokenize
import types
from dataclasses import dataclass
from typing import Any

MAX_ITEMS = 500
MAX_DOC = 4000

_CHAIN = re.compile(r"((?:[^\W\d]\w*\s*\.\s*)*)([^\W\d]\w*)?$")
_IDENT_AFTER = re.compile(r"^\w*")
_IMPORT = re.compile(r"^\s*(import\s|from\s)")
_KEYWORD_ARG = re.compile(r"^\s*([^\W\d]\w*)\s*=(?!=)")
_MISSING = object()
_OPEN, _CLOSE = "([{", ")]}"


@dataclass(frozen=True)
class Item:
    name: str
    kind: str  # module | class | function | property | keyword | variable | text
    detail: str = ""

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "kind": self.kind, **({"detail": self.detail} if self.detail else {})}


@dataclass(frozen=True)
class Signature:
    label: str  # name(params)
    params: tuple[str, ...]
    active: int | None  # the parameter the cursor is on
    doc: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "params": list(self.params), "active": self.active, "doc": self.doc}


def offset_of(code: str, line: int, column: int) -> int:
    """(1-based line, 0-based column) -> an index into ``code`` (clamped)."""
    lines = code.split("\n")
    line = max(1, min(line, len(lines)))
    return sum(len(text) + 1 for text in lines[: line - 1]) + max(0, min(column, len(lines[line - 1])))


def chain_before(text: str) -> tuple[list[str], str] | None:
    """The ``a.b.`` chain and the partial name at the end of ``text``:
    ``(["a", "b"], "c")`` for ``x = a.b.c``; None when the chain follows
    something that is not a name (a call, a subscript, a literal)."""
    match = _CHAIN.search(text)
    if match is None:
        return None
    dotted, partial = match.group(1), match.group(2) or ""
    start = match.start()
    if start > 0 and dotted and text[start - 1] in ")]}'\".0123456789":
        return None
    if start > 0 and not dotted and (text[start - 1] == "." or text[start - 1].isalnum()):
        return None  # `f().x`, `"s".x`, `1.5`: not a plain name
    chain = [part.strip() for part in dotted.split(".")[:-1]] if dotted else []
    return chain, partial


def resolve(chain: list[str], namespace: dict[str, Any]) -> Any:
    """The object ``a.b.c`` names, found without running notebook code; _MISSING if unknown."""
    if not chain:
        return _MISSING
    try:
        obj = namespace[chain[0]] if chain[0] in namespace else getattr(builtins, chain[0], _MISSING)
    except Exception:  # noqa: BLE001 - a hostile dict subclass
        return _MISSING
    for attr in chain[1:]:
        if obj is _MISSING or isinstance(obj, property):
            return _MISSING
        try:
            value = inspect.getattr_static(obj, attr)
        except Exception:  # noqa: BLE001 - AttributeError, or hostile metaclasses
            return _MISSING
        if isinstance(value, (classmethod, staticmethod)):
            value = value.__func__
        obj = value
    return obj


def kind_of(value: Any) -> str:
    try:
        if isinstance(value, types.ModuleType):
            return "module"
        if isinstance(value, type):
            return "class"
        if isinstance(value, (property, types.MemberDescriptorType, types.GetSetDescriptorType)):
            return "property"
        if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, types.MethodType,
                              types.MethodDescriptorType, types.WrapperDescriptorType,
                              types.MethodWrapperType, types.ClassMethodDescriptorType,
                              classmethod, staticmethod)):
            return "function"
    except Exception:  # noqa: BLE001
        pass
    return "variable"


def _names_of(obj: Any) -> list[str]:
    try:
        names = dir(obj)
    except Exception:  # noqa: BLE001 - a hostile __dir__
        return []
    return [n for n in names if isinstance(n, str)] if isinstance(names, list) else []


def _wanted(name: str, partial: str) -> bool:
    if not name.startswith(partial):
        return False
    return partial.startswith("_") or not name.startswith("_")


def complete(code: str, line: int, column: int, namespace: dict[str, Any]) -> tuple[list[Item], int]:
    """Completions at the cursor and how many characters before it they replace."""
    text = code[: offset_of(code, line, column)]
    found = chain_before(text.rsplit("\n", 1)[-1])
    if found is None:
        return [], 0
    chain, partial = found
    items: dict[str, Item] = {}
    if chain:
        owner = resolve(chain, namespace)
        if owner is _MISSING:
            return [], len(partial)
        for name in _names_of(owner):
            if _wanted(name, partial):
                items[name] = Item(name, kind_of(_static(owner, name)))
    else:
        for name in code_names(code, partial):
            items.setdefault(name, Item(name, kind_of(namespace.get(name, builtins.__dict__.get(name)))))
        for name in list(namespace):
            if isinstance(name, str) and _wanted(name, partial) and name != "__builtins__":
                items.setdefault(name, Item(name, kind_of(namespace.get(name))))
        for name in dir(builtins):
            if _wanted(name, partial):
                items.setdefault(name, Item(name, kind_of(getattr(builtins, name, None))))
        for name in keyword.kwlist + keyword.softkwlist:
            if name.startswith(partial) and name != "_":
                items.setdefault(name, Item(name, "keyword"))
    return sorted(items.values(), key=lambda i: (i.name.lower(), i.name))[:MAX_ITEMS], len(partial)


def code_names(code: str, partial: str) -> list[str]:
    """Names written in the cell's code (not in its strings or comments) that
    start with ``partial``: its assignments, functions, parameters, imports."""
    found: dict[str, int] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type == tokenize.NAME and _wanted(token.string, partial) and not keyword.iskeyword(token.string):
                found[token.string] = found.get(token.string, 0) + 1
    except (tokenize.TokenError, SyntaxError, ValueError):
        pass  # code being typed: the names before the error still count
    if found.get(partial) == 1:
        del found[partial]  # the word being typed, seen once: itself
    return list(found)


def in_import(line_before: str) -> bool:
    """Is the cursor in an import statement (module names: jedi's job)?"""
    return bool(_IMPORT.match(line_before))


def _static(owner: Any, name: str) -> Any:
    try:
        return inspect.getattr_static(owner, name)
    except Exception:  # noqa: BLE001
        return None


def call_at(code: str, offset: int) -> tuple[str, int, str | None] | None:
    """The call the cursor is inside: (text before its ``(``, index of the
    argument the cursor is on, the keyword being written or None)."""
    depth, commas, i = 0, 0, offset
    quote = None
    while i > 0:
        i -= 1
        ch = code[i]
        if quote:
            if ch == quote:
                quote = None
            continue
        if ch in "'\"":
            quote = ch  # strings on one line are skipped (good enough for help)
        elif ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            if depth == 0:
                if ch != "(":
                    return None
                current = code[code.rfind(",", i, offset) + 1 if commas else i + 1 : offset]
                match = _KEYWORD_ARG.match(current)
                return code[:i], commas, match.group(1) if match else None
            depth -= 1
        elif ch == "," and depth == 0:
            commas += 1
        elif ch == "\n" and depth == 0 and offset - i > 2000:
            return None
    return None


def signature(code: str, line: int, column: int, namespace: dict[str, Any]) -> Signature | None:
    """The signature of the call the cursor is in, with the active parameter."""
    call = call_at(code, offset_of(code, line, column))
    if call is None:
        return None
    before, index, name = call
    found = chain_before(before.rstrip())
    if found is None or not found[1]:
        return None
    chain, last = found
    target = resolve(chain + [last], namespace)
    if target is _MISSING or not _describable(target):
        return None
    try:
        sig = inspect.signature(target)
    except Exception:  # noqa: BLE001 - builtins without text signatures, hostile callables
        return None
    params = tuple(str(p) for p in sig.parameters.values())
    names = list(sig.parameters)
    active: int | None = index
    if name is not None and name in names:
        active = names.index(name)
    elif index >= len(params):
        var = [i for i, p in enumerate(sig.parameters.values()) if p.kind is inspect.Parameter.VAR_POSITIONAL]
        active = var[0] if var else None
    return Signature(f"{last}{sig}", params, active, doc_of(target))


def word_at(code: str, offset: int) -> tuple[list[str], str] | None:
    """The name under the cursor (the identifier it touches) with the chain before it."""
    end = offset + len(_IDENT_AFTER.match(code[offset:]).group(0))
    found = chain_before(code[:end].rsplit("\n", 1)[-1])
    if found is None or not found[1]:
        return None
    return found


def hover(code: str, line: int, column: int, namespace: dict[str, Any]) -> str | None:
    """The docstring (with a header line) of what the name under the cursor names."""
    found = word_at(code, offset_of(code, line, column))
    if found is None:
        return None
    chain, name = found
    if not chain and keyword.iskeyword(name):
        return None
    target = resolve(chain + [name], namespace)
    if target is _MISSING:
        return None
    return describe(name, target)


def _describable(value: Any) -> bool:
    return kind_of(value) in ("function", "class", "module")


def describe(name: str, value: Any) -> str:
    """``name(signature)`` or ``name: type``, then the docstring."""
    if _describable(value):
        header = name
        if kind_of(value) != "module":
            try:
                header = f"{name}{inspect.signature(value)}"
            except Exception:  # noqa: BLE001
                header = name
        doc = doc_of(value)
    else:
        header = f"{name}: {type(value).__name__}"
        doc = doc_of(value) if isinstance(value, property) else ""
    return (header + ("\n\n" + doc if doc else ""))[:MAX_DOC]


def doc_of(value: Any) -> str:
    """A function's, class's, module's or property's own docstring, cleaned (never raises)."""
    try:
        raw = value.__doc__ if _describable(value) or isinstance(value, property) else None
        return inspect.cleandoc(raw)[:MAX_DOC] if isinstance(raw, str) else ""
    except Exception:  # noqa: BLE001
        return ""
