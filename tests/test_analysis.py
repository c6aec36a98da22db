"""Static analysis of a cell: (code, defs, refs) rows, checked against marimo."""

from __future__ import annotations

import sys
import timeit

import pytest

from kernel_py.core.analysis import Analysis, analyze, is_builtin, is_private

# (behaviour, code, defs, refs); defs and refs are space-separated names.
ROWS: list[tuple[str, str, str, str]] = [
    # assignments
    ("plain assignment defines", "x = 1", "x", ""),
    ("assignment reads its value", "y = x + 1", "y", "x"),
    ("chained assignment defines every target", "a = b = c", "a b", "c"),
    ("tuple and list targets define each name", "(a, b), [c, d] = e", "a b c d", "e"),
    ("starred target defines", "a, *rest = xs", "a rest", "xs"),
    ("augmented assignment defines without reading", "z += 1", "z", ""),
    ("annotated assignment reads the annotation", "x: Foo = bar", "x", "Foo bar"),
    ("bare annotation defines", "y: int", "y", ""),
    ("string annotation is not parsed", 'x: "Foo" = 1', "x", ""),
    ("attribute assignment reads the object", "obj.attr = 1", "", "obj"),
    ("subscript assignment reads the container", "d[k] = v", "", "d k v"),
    ("self-update both defines and reads", "x = x + 1", "x", "x"),
    ("name read before its definition is a ref", "print(x)\nx = 1", "x", "x"),
    ("name defined before use is not a ref", "x = 1\nprint(x)", "x", ""),
    ("soft keywords are ordinary names", "match = 1; case = 2; type = 3", "case match type", ""),
    ("f-string parts are read", 'f"{a!r:>{width}}"', "", "a width"),
    ("attribute chain reads only its root", "os.path.join(a, b)", "", "a b os"),
    ("top-level await reads", "await fetch(url)", "", "fetch url"),
    # imports
    ("import defines its top package", "import a.b.c", "a", ""),
    ("import as defines the alias", "import a.b as c", "c", ""),
    ("from import defines the name or alias", "from x import y, z as w", "w y", ""),
    ("relative import defines the name", "from . import k\nfrom ..m import n", "k n", ""),
    ("future import binds its feature name", "from __future__ import annotations", "annotations", ""),
    ("imported module is then not a ref", "import os\nos.getcwd()", "os", ""),
    ("conditional import defines", "if c:\n    import numpy as np\nelse:\n    np = None", "np", "c"),
    # functions and lambdas
    ("function name is defined, parameters are local", "def f(a, b):\n    return a + b + c", "f", "c"),
    ("all kinds of parameters are local",
     "def f(a, /, b, *args, c=d, **kw):\n    return a, b, c, args, kw", "f", "d"),
    ("default values are refs", "def f(x=default):\n    pass", "f", "default"),
    ("decorators are refs", "@functools.cache\ndef f():\n    pass", "f", "functools"),
    ("annotations are refs", "def f(x: np.ndarray) -> pd.DataFrame:\n    pass", "f", "np pd"),
    ("recursive function does not read itself", "def f(n):\n    return f(n - 1)", "f", ""),
    ("function body reading a later top-level name is a capture",
     "def f():\n    return x\nx = 1", "f x", ""),
    ("closure reading a later local is a capture",
     "def f():\n    def g():\n        return y\n    y = 1\n    return g", "f", ""),
    ("local read before local assignment is a ref", "def f():\n    print(y)\n    y = 1", "f", "y"),
    ("names bound in a function stay local", "def f():\n    import os\n    z = 1\n    return z, os", "f", ""),
    ("nonlocal rebinding stays local",
     "def f():\n    v = 1\n    def g():\n        nonlocal v\n        v = 2", "f", ""),
    ("async function, for and with", "async def f():\n    async for x in y:\n        await z\n"
     "    async with w as q:\n        pass", "f", "w y z"),
    ("lambda parameters are local, defaults and free names are refs",
     "f = lambda a, b=c: a + b + d", "f", "c d"),
    ("lambda in a default is a ref to its free names", "def f(x=lambda: y):\n    pass", "f", "y"),
    # global
    ("global assigned in a function is a def", "def f():\n    global x\n    x = 1", "f x", ""),
    ("global declared but not assigned is a ref", "def f():\n    global x\n    return x", "f", "x"),
    ("global read then defined later at top level is a capture",
     "def f():\n    global x\n    print(x)\nx = 2", "f x", ""),
    # classes
    ("class name is defined, bases and keywords are refs",
     "class A(Base, metaclass=Meta):\n    y = z", "A", "Base Meta z"),
    ("class decorator is a ref", "@dataclass\nclass A:\n    x: int = 0", "A", "dataclass"),
    ("class attributes are local to the class", "class A:\n    n = 1\n    m = n + 1", "A", ""),
    ("methods see class attributes (marimo)", "class A:\n    x = 1\n    def f(self):\n        return x", "A", ""),
    ("methods may name their own class", "class A:\n    def f(self) -> A:\n        return A()", "A", ""),
    ("comprehension in class body reads class attributes",
     "class A:\n    xs = [1]\n    ys = [x for x in xs]", "A", ""),
    # comprehensions
    ("comprehension variable is local", "[i for i in range(3)]", "", ""),
    ("comprehension variable does not leak", "[i for i in range(3)]\nprint(i)", "", "i"),
    ("comprehension reads its iterable", "[x * k for x in xs if x > t]", "", "k t xs"),
    ("comprehension iterable of the same name is a ref", "[x for x in x]", "", "x"),
    ("dict comprehension", "{k: v for k, v in items}", "", "items"),
    ("set comprehension and generator", "{a for a in s}\n(b for b in g)", "", "g s"),
    ("nested comprehensions", "[[c for c in row] for row in grid]", "", "grid"),
    ("walrus in a comprehension binds in the cell", "[y := f(v) for v in vs]", "y", "f vs"),
    ("walrus in a comprehension inside a function stays local",
     "def f():\n    return [(w := i) for i in range(2)]", "f", ""),
    ("walrus at cell level defines", "(x := 5)\nprint(x)", "x", ""),
    ("walrus in a lambda stays local", "g = lambda: (q := 1)", "g", ""),
    # control flow
    ("for target defines, iterable is read", "for k, v in d.items():\n    pass", "k v", "d"),
    ("for target is bound before its iterable is read (marimo)", "for x in x:\n    pass", "x", ""),
    ("with target defines", "with open(p) as (fh, gh):\n    pass", "fh gh", "p"),
    ("with target of the same name is read first", "with open(f) as f:\n    pass", "f", "f"),
    ("except name is hidden inside its handler", "try:\n    pass\nexcept Exception as e:\n    print(e)", "", ""),
    ("except name is not a def", "try:\n    pass\nexcept (A, B) as e:\n    y = e", "y", "A B"),
    ("except name read after the handler is a ref",
     "try:\n    pass\nexcept Exception as e:\n    pass\nprint(e)", "", "e"),
    ("names bound in try, else and finally are defs",
     "try:\n    import foo\nexcept ImportError:\n    foo = None\nelse:\n    a = 1\nfinally:\n    b = 2",
     "a b foo", ""),
    ("if and while read their tests", "if c:\n    x = 1\nwhile w:\n    y = 2", "x y", "c w"),
    # match
    ("match mapping, sequence and rest patterns define",
     'match p:\n    case {"k": v, **rest}:\n        pass\n    case [a, *others]:\n        pass',
     "a others rest v", "p"),
    ("match class pattern reads the class, defines captures",
     "match p:\n    case Point(x=px, y=0) as pt:\n        pass", "pt px", "Point p"),
    ("match value pattern reads its dotted name", "match c:\n    case Color.RED:\n        pass", "", "Color c"),
    ("match or-pattern and guard", "match v:\n    case int(n) | float(n) if n > lim:\n        pass", "n", "lim v"),
    # del
    ("del of another cell's name is a ref", "del x", "", "x"),
    ("del of an own name is neither", "x = 1\ndel x", "x", ""),
    ("del of attribute or item reads the object", "del a.b, c[0]", "", "a c"),
    # private and dunder names
    ("underscore names are private", "_x = 1\nprint(_x, _y)", "", ""),
    ("single and double underscore alone are private", "_ = 1\n__ = 2\nfor _ in r:\n    pass", "", "r"),
    ("dunder and double-underscore names are public (marimo)", "__x = 1\n__all__ = []", "__all__ __x", ""),
    ("private function still reads refs", "def _f():\n    return x", "", "x"),
    ("private imports are not defs", "import _thread\nfrom m import _h\nimport m as _m", "", ""),
    # builtins
    ("builtins are not refs", "print(len(xs), list, __name__, __file__)", "", "xs"),
    ("a builtin the cell assigns is a def", "list = [1]\nprint(list)", "list", ""),
    ("a builtin assigned after use is still a def", "print(list)\nlist = [1]", "list", ""),
    ("dynamic definitions are invisible", 'exec("x = 1")\nglobals()["y"] = 2', "", ""),
    # misc
    ("empty cell", "", "", ""),
    ("comments only", "# nothing here\n", "", ""),
    ("non-breaking spaces are read as spaces", "x\u00a0=\u00a01", "x", ""),
]

# Python 3.12+ syntax: only parsed where the interpreter parses it.
ROWS_312: list[tuple[str, str, str, str]] = [
    ("generic function parameters are local", "def f[T](x: T) -> T:\n    return x", "f", ""),
    ("type alias defines its name and reads its value", "type Pair = tuple[A, A]", "Pair", "A"),
    ("generic type alias parameters are local", "type Box[T] = list[T]", "Box", ""),
    ("recursive type alias does not read itself", "type Tree = list[Tree]", "Tree", ""),
    ("nested quotes in f-strings", 'mo.md(f"{s} {"g" * s.value}")', "", "mo s"),
    ("generic class parameters are local", "class Box[T](Base[T]):\n    item: T", "Box", "Base"),
]
# Rows where Rivulet knowingly differs from marimo 0.25 (which visits a class's
# bases before binding its type parameters, so reads `T` as a ref).
MARIMO_DIFFERS = {"generic class parameters are local"}
if sys.version_info >= (3, 12):
    ROWS += ROWS_312


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


@pytest.mark.parametrize(("behaviour", "code", "defs", "refs"), ROWS, ids=[r[0] for r in ROWS])
def test_defs_and_refs(behaviour: str, code: str, defs: str, refs: str) -> None:
    result = analyze(code)
    assert result.error is None
    assert (result.defs, result.refs) == (_names(defs), _names(refs))


CHECKED = [r for r in ROWS if r[0] not in MARIMO_DIFFERS]


@pytest.mark.parametrize(("behaviour", "code", "defs", "refs"), CHECKED, ids=[r[0] for r in CHECKED])
def test_rows_agree_with_marimo(behaviour: str, code: str, defs: str, refs: str) -> None:
    pytest.importorskip("marimo")
    from marimo._ast.compiler import compile_cell
    from marimo._ast.variables import BUILTINS

    cell = compile_cell(code, cell_id="c")
    assert (set(cell.defs), set(cell.refs) - BUILTINS) == (_names(defs), _names(refs))
    assert set(analyze(code).deleted) == set(cell.deleted_refs)


def test_private_names_are_collected_for_mangling() -> None:
    code = "_a = 1\ndef _f(): pass\nclass _C: pass\nimport m as _m\nfor _ in r: pass\n__ = 2\nb = 3"
    assert analyze(code).private == {"_a", "_f", "_C", "_m", "_", "__"}


def test_private_names_bound_in_nested_scopes_are_not_collected() -> None:
    assert analyze("def f():\n    _x = 1\n[_y for _y in r]").private == frozenset()


def test_private_global_assigned_in_a_function_is_collected() -> None:
    assert analyze("def f():\n    global _g\n    _g = 1").private == {"_g"}


def test_del_of_another_cells_name_is_deleted() -> None:
    assert analyze("del x, y").deleted == {"x", "y"}


def test_del_of_an_own_name_is_not_deleted() -> None:
    assert analyze("x = 1\ndel x").deleted == frozenset()


def test_del_of_a_global_in_a_function_is_deleted() -> None:
    assert analyze("def f():\n    global x\n    del x").deleted == {"x"}


def test_del_after_read_marks_the_ref_deleted() -> None:
    result = analyze("print(x)\ndel x")
    assert result.refs == {"x"} and result.deleted == {"x"}


@pytest.mark.parametrize(
    "code",
    [
        "x = ",
        "def f(:\n    pass",
        "  indented = 1",
        'mo.md(f"{slider} {"🟢" * slider.value}")' if sys.version_info < (3, 12) else "x = (",
        "from x import *",
        "a\x00b",
        "(" * 300 + ")" * 300,
    ],
)
def test_unparsable_code_sets_error_and_never_raises(code: str) -> None:
    result = analyze(code)
    assert isinstance(result.error, SyntaxError)
    assert result.tree is None
    assert not (result.defs or result.refs or result.private or result.deleted)


def test_syntax_error_keeps_its_position() -> None:
    error = analyze("x = 1\ny = (").error
    assert error is not None and error.lineno == 2


def test_parsed_tree_is_returned() -> None:
    result = analyze("x = 1")
    assert result.tree is not None and len(result.tree.body) == 1


def test_analysis_is_memoized() -> None:
    code = "memo_check = 1"
    assert analyze(code) is analyze(code)


def test_analysis_equality_ignores_the_tree() -> None:
    assert analyze("a = 1") == Analysis(frozenset({"a"}), frozenset(), frozenset(), frozenset())


def test_is_builtin() -> None:
    assert is_builtin("print") and is_builtin("__file__") and is_builtin("__class__")
    assert not is_builtin("numpy")


def test_is_private() -> None:
    assert is_private("_x") and is_private("_") and is_private("__")
    assert not any(is_private(n) for n in ("x", "__x", "__x__"))


def test_long_operator_chain_that_python_compiles_is_analyzed() -> None:
    code = "total = " + " + ".join(f"a{i}" for i in range(800))
    result = analyze(code)
    assert result.error is None and len(result.refs) == 800


def test_one_line_cell_is_analyzed_in_well_under_50_microseconds() -> None:
    uncached = analyze.__wrapped__  # type: ignore[attr-defined]
    codes = [f"y{i} = x{i} + 1" for i in range(200)]
    best = min(timeit.repeat(lambda: [uncached(c) for c in codes], number=1, repeat=7))
    assert best / len(codes) < 50e-6 * 2  # about 20 µs here; slack for noisy CI
