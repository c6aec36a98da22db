"""Completion, signature help and hover docs from the live namespace
(kernel_py/core/completion.py), with jedi and with the fast fallback."""

from __future__ import annotations

import asyncio
import math

import pytest

from kernel_py.core.completion import Completer
from kernel_py.session import Session


def area(width: float, height: float = 1.0, *, unit: str = "m") -> float:
    """The area of a rectangle."""
    return width * height


class Trap:
    """A notebook object that must never be evaluated by completion."""

    def __init__(self) -> None:
        self.touched: list[str] = []

    @property
    def boom(self) -> int:
        self.touched.append("boom")
        raise RuntimeError("a property ran")

    def __getattr__(self, name: str) -> int:
        if name != "__wrapped__":  # jedi's unwrap() asks for this one (harmless)
            self.touched.append(name)
        raise AttributeError(name)


class HostileDir:
    def __dir__(self):
        raise RuntimeError("dir() exploded")


def namespace() -> dict:
    return {"math": math, "area": area, "width_cm": 12, "trap": Trap(), "odd": HostileDir()}


@pytest.fixture(params=["jedi", "fallback"])
def completer(request) -> Completer:
    c = Completer()
    if request.param == "jedi":
        pytest.importorskip("jedi")
        assert c.use_jedi()
    return c


def names(answer) -> list[str]:
    return [i.name for i in answer.items]


@pytest.mark.parametrize(
    "code, column, expected, prefix",
    [
        ("math.sq", 7, "sqrt", 2),
        ("x = math.", 9, "pi", 0),
        ("wid", 3, "width_cm", 3),
        ("y = (are", 8, "area", 3),
        ("pri", 3, "print", 3),
        ("whi", 3, "while", 3),
    ],
)
def test_completions_come_from_the_live_namespace_builtins_and_keywords(completer, code, column, expected, prefix):
    answer = completer.answer("completions", code, 1, column, namespace())
    assert expected in names(answer)
    assert answer.prefix == prefix
    # attributes are jedi's; plain names are answered at once even with jedi
    assert answer.source == ("jedi" if completer.jedi and "." in code else "fallback")


def test_attribute_completion_is_not_builtins(completer):
    answer = completer.answer("completions", "math.", 1, 5, namespace())
    assert "sqrt" in names(answer) and "print" not in names(answer)
    assert all(not n.startswith("_") for n in names(answer))


def test_completion_kinds_say_what_a_name_is(completer):
    kinds = {i.name: i.kind for i in completer.answer("completions", "math.", 1, 5, namespace()).items}
    assert kinds["sqrt"] == "function" and kinds["pi"] in ("variable", "property")


def test_completion_on_a_later_line_of_the_cell(completer):
    code = "import math\nr = 2\nmath.sq"
    assert names(completer.answer("completions", code, 3, 7, namespace())) == ["sqrt"]


def test_no_property_or_getattr_of_a_notebook_object_runs(completer):
    ns = namespace()
    for code in ("trap.", "trap.boom.", "trap.boom.x", "trap.nothing.", "odd.", "odd.x"):
        completer.answer("completions", code, 1, len(code), ns)
        completer.answer("hover", code, 1, len(code), ns)
        completer.answer("signature", code + "(", 1, len(code) + 1, ns)
    assert ns["trap"].touched == []
    assert "boom" in names(completer.answer("completions", "trap.bo", 1, 7, ns))


def test_a_hostile_dir_gives_no_completions_and_no_error():
    answer = Completer().answer("completions", "odd.", 1, 4, namespace())
    assert answer.items == ()


@pytest.mark.parametrize(
    "code, active",
    [("area(", 0), ("area(3, ", 1), ("area(3, unit=", 2), ("area(3, height=2, ", None)],
)
def test_signature_help_names_the_call_and_the_active_parameter(completer, code, active):
    answer = completer.answer("signature", code, 1, len(code), namespace())
    sig = answer.signature
    assert sig is not None and sig.label.startswith("area(")
    assert [p.split(":")[0].split("=")[0].strip() for p in sig.params] == ["width", "height", "unit"]
    if active is not None:
        assert sig.active == active
    assert sig.doc == "The area of a rectangle."


def test_signature_help_of_a_builtin_module_function(completer):
    sig = completer.answer("signature", "math.sqrt(", 1, 10, namespace()).signature
    assert sig is not None and "sqrt(" in sig.label and sig.active == 0


def test_no_signature_outside_a_call(completer):
    assert completer.answer("signature", "x = 1", 1, 5, namespace()).signature is None


def test_hover_gives_the_docstring_of_the_name_under_the_cursor(completer):
    doc = completer.answer("hover", "y = area(2)", 1, 6, namespace()).doc
    assert doc is not None and "The area of a rectangle." in doc and doc.startswith("area(")
    doc = completer.answer("hover", "math.sqrt(2)", 1, 7, namespace()).doc
    assert doc is not None and "square root" in doc


def test_hover_on_nothing_known_is_none(completer):
    assert completer.answer("hover", "nowhere_defined", 1, 3, namespace()).doc is None


def test_an_unknown_want_is_refused():
    with pytest.raises(ValueError):
        Completer().answer("everything", "x", 1, 1, {})


def test_the_fallback_answers_when_jedi_breaks():
    class Broken:
        def Interpreter(self, *a, **k):  # noqa: N802 - jedi's name
            raise RuntimeError("jedi broke")

    answer = Completer(jedi=Broken()).answer("completions", "math.sq", 1, 7, namespace())
    assert names(answer) == ["sqrt"] and answer.source == "fallback"


def test_names_written_in_the_cell_are_offered_but_not_words_in_its_strings(completer):
    code = "def area_of(width_px):\n    label = 'widescreen wizardry'\n    return wi"
    answer = completer.answer("completions", code, 3, 13, namespace())
    assert "width_px" in names(answer) and "width_cm" in names(answer)
    assert "widescreen" not in names(answer) and "wizardry" not in names(answer)


def test_imports_complete_module_names_with_jedi():
    pytest.importorskip("jedi")
    c = Completer()
    c.use_jedi()
    answer = c.answer("completions", "import collec", 1, 13, {})
    assert "collections" in names(answer) and answer.source == "jedi"


def test_the_fallback_does_not_guess_past_a_call_or_a_literal():
    c = Completer()
    for code in ("area(1).", "'abc'.up", "[1][0].", "1.5"):
        assert c.answer("completions", code, 1, len(code), namespace()).items == ()


def test_a_session_answers_complete_with_a_completions_event_and_no_done():
    events: list[dict] = []
    session = Session(events.append)
    try:
        asyncio.run(session.handle({"v": 1, "type": "run", "cells": [{"id": "a", "code": "import math\nradius = 2"}]}))
        events.clear()
        asyncio.run(session.handle(
            {"v": 1, "type": "complete", "id": "c1", "code": "math.sq", "line": 1, "column": 7}
        ))
        answer = session.complete({"v": 1, "type": "complete", "id": "c2", "code": "rad", "line": 1, "column": 3})
        bad = session.complete({"v": 1, "type": "complete", "id": "c3", "code": "x", "line": -1, "column": 0})
    finally:
        session.close()
    assert [e["type"] for e in events] == ["completions"]
    assert events[0]["id"] == "c1" and [i["name"] for i in events[0]["items"]] == ["sqrt"]
    assert answer["id"] == "c2" and "radius" in [i["name"] for i in answer["items"]]
    assert bad["type"] == "error" and bad["id"] == "c3" and "line" in bad["message"]
