"""Finding what a notebook needs installed, and recording what the user adds (PEP 723)."""

from __future__ import annotations

import asyncio

import pytest

from kernel_py.notebook import requirements as reqs
from kernel_py.notebook.file_format import parse_notebook, write_notebook
from kernel_py.session import Session

MARIMO_HEADER = """# /// script
# requires-python = ">=3.12"
# dependencies = [
#     "marimo",
#     "numpy==2.2.0",
#     "attrs>=23",
# ]
# ///"""

LOCK = {
    "numpy": {"name": "numpy", "version": "2.4.6", "imports": ["numpy"]},
    "scikit-learn": {"name": "scikit-learn", "version": "1.8.0", "imports": ["sklearn"]},
    "pillow": {"name": "pillow", "version": "12.2.0", "imports": ["PIL"]},
    "attrs": {"name": "attrs", "version": "25.4.0", "imports": ["attr", "attrs"]},
}

NOTEBOOK = '''{header}

import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    x = 1
    return


if __name__ == "__main__":
    app.run()
'''


def nothing_installed(_name: str) -> bool:
    return False


def no_versions(_name: str) -> None:
    return None


def test_imports_anywhere_in_the_code_are_found_relative_ones_are_not():
    code = "import a.b, c as d\nfrom e.f import g\nfrom . import h\ndef k():\n    import inner\n"
    assert reqs.imported_modules([code]) == {"a", "c", "e", "inner"}


def test_a_cell_that_does_not_parse_still_gives_its_import_lines():
    assert reqs.imported_modules(["import attrs\nx = (\n"]) == {"attrs"}


def test_stdlib_and_kernel_provided_names_are_never_installed():
    assert reqs.third_party({"os", "json", "marimo", "micropip", "pyodide", "js", "attrs"}) == ["attrs"]


def test_imports_map_to_distributions_through_the_lock_then_known_names():
    index = reqs.lock_imports(LOCK)
    assert reqs.distribution_for("sklearn", index) == "scikit-learn"
    assert reqs.distribution_for("PIL", index) == "pillow"
    assert reqs.distribution_for("yaml", index) == "pyyaml"  # not in this lock: the known name
    assert reqs.distribution_for("lzstring", index) == "lzstring"


def test_plan_installs_lock_packages_by_their_lock_name_and_others_from_pypi():
    needs = reqs.plan(["import sklearn\nimport lzstring, os\nimport yaml"], "", LOCK, nothing_installed, no_versions)
    by_name = {n.name: n for n in needs}
    assert by_name["scikit-learn"].from_lock and by_name["scikit-learn"].imports == ("sklearn",)
    assert not by_name["lzstring"].from_lock and by_name["lzstring"].requirement == "lzstring"
    assert not by_name["pyyaml"].from_lock and by_name["pyyaml"].imports == ("yaml",)
    assert set(by_name) == {"scikit-learn", "lzstring", "pyyaml"}


def test_plan_skips_what_is_importable():
    assert reqs.plan(["import numpy"], "", LOCK, lambda name: name == "numpy", no_versions) == []


def test_pep723_pins_are_honoured_a_lock_version_that_differs_goes_to_pypi():
    needs = reqs.plan(["import numpy\nimport attrs"], MARIMO_HEADER, LOCK, nothing_installed, no_versions)
    by_name = {n.name: n for n in needs}
    # marimo itself is the kernel: never installed
    assert "marimo" not in by_name
    # numpy==2.2.0 is pinned but the lock has 2.4.6: micropip is asked for the pin (and the import joins it)
    assert by_name["numpy"] == reqs.Need("numpy==2.2.0", "numpy", False, ("numpy",))
    # attrs>=23 is met by the lock's 25.4.0
    assert by_name["attrs"].from_lock and by_name["attrs"].requirement == "attrs>=23"


def test_an_installed_version_that_meets_the_pin_is_not_reinstalled_one_that_does_not_is():
    versions = {"numpy": "2.2.0", "attrs": "22.1.0"}
    needs = reqs.plan([], MARIMO_HEADER, LOCK, nothing_installed, versions.get)
    assert [(n.requirement, n.from_lock) for n in needs] == [("attrs>=23", False)]


@pytest.mark.parametrize(
    ("version", "requirement", "expected"),
    [
        ("2.2.0", "numpy==2.2.0", True),
        ("2.2", "numpy==2.2.0", True),
        ("2.4.6", "numpy==2.2.0", False),
        ("2.4.6", "numpy>=2,<3", True),
        ("3.0", "numpy>=2,<3", False),
        ("25.1.0", "attrs~=25.0", True),
        ("26.0", "attrs~=25.0", False),
        ("1.5.3", "x==1.5.*", True),
        ("1.6.0", "x==1.5.*", False),
        ("1.0", "x[extra]>=1 ; python_version>'3'", True),
        ("1.0", "x", True),
        ("1.0", "x @ https://example.com/x.whl", None),
    ],
)
def test_version_specifiers(version, requirement, expected):
    assert reqs.satisfies(version, requirement) is expected


def test_script_dependencies_are_read_from_a_marimo_header():
    assert reqs.script_dependencies(MARIMO_HEADER) == ["marimo", "numpy==2.2.0", "attrs>=23"]
    assert reqs.script_dependencies("# just a comment") == []
    assert reqs.script_dependencies("# /// script\n# dependencies = [ 1\n# ///") == []  # not TOML


def test_adding_a_dependency_changes_only_the_dependencies_lines():
    header = "# a comment\n" + MARIMO_HEADER + "\n# after"
    new = reqs.add_dependency(header, "lzstring==1.0.4")
    assert new == header.replace('#     "attrs>=23",\n', '#     "attrs>=23",\n#     "lzstring==1.0.4",\n')
    # the same distribution is replaced, not listed twice
    assert reqs.script_dependencies(reqs.add_dependency(new, "LZString>=1")) == [
        "marimo", "numpy==2.2.0", "attrs>=23", "LZString>=1",
    ]


def test_removing_a_dependency_and_a_header_without_a_block():
    assert reqs.script_dependencies(reqs.remove_dependency(MARIMO_HEADER, "NumPy")) == ["marimo", "attrs>=23"]
    assert reqs.remove_dependency(MARIMO_HEADER, "pandas") == MARIMO_HEADER
    assert reqs.add_dependency("", "attrs") == '# /// script\n# dependencies = [\n#     "attrs",\n# ]\n# ///'
    assert reqs.add_dependency("# hello", "attrs").endswith("# ///\n# hello")
    one_line = '# /// script\n# dependencies = ["a"]\n# requires-python = ">=3.12"\n# ///'
    assert reqs.add_dependency(one_line, "b") == (
        '# /// script\n# dependencies = [\n#     "a",\n#     "b",\n# ]\n# requires-python = ">=3.12"\n# ///'
    )


def test_a_file_written_after_adding_a_package_keeps_every_other_byte():
    text = NOTEBOOK.format(header=MARIMO_HEADER)
    assert write_notebook(parse_notebook(text)) == text  # byte-stable when nothing is added
    session = Session(lambda _e: None, packages=FakeInstaller())
    try:
        asyncio.run(session.handle({"v": 1, "type": "open", "text": text, "run": False}))
        asyncio.run(session.handle({"v": 1, "type": "packages", "action": "add", "name": "lzstring"}))
        assert session.file_text() == text.replace('#     "attrs>=23",\n', '#     "attrs>=23",\n#     "lzstring",\n')
    finally:
        session.close()


class FakeInstaller:
    def __init__(self, fail: dict[str, str] | None = None) -> None:
        self.fail = fail or {}
        self.added: list[str] = []

    def installed(self) -> list[dict[str, str]]:
        return [{"name": n, "version": "1.0"} for n in sorted(self.added)]

    async def add(self, requirement: str) -> str | None:
        if requirement in self.fail:
            return self.fail[requirement]
        self.added.append(requirement)
        return None

    async def remove(self, name: str) -> str | None:
        self.added.remove(name)
        return None


def _packages(session: Session, **request) -> dict:
    events: list[dict] = []
    session.emit = events.append
    asyncio.run(session.handle({"v": 1, "type": "packages", **request}))
    return next(e for e in events if e["type"] == "packages")


def test_the_packages_request_adds_lists_and_removes_and_says_why_an_add_failed():
    session = Session(lambda _e: None, packages=FakeInstaller({"nope_xyz": "PyPI could not be reached (offline?)"}))
    try:
        reply = _packages(session, action="add", name="attrs")
        assert reply["installed"] == [{"name": "attrs", "version": "1.0"}]
        assert reply["dependencies"] == ["attrs"] and reply["error"] is None
        failed = _packages(session, action="add", name="nope_xyz")
        assert failed["error"] == "Could not install 'nope_xyz': PyPI could not be reached (offline?)"
        assert failed["dependencies"] == ["attrs"]  # a failed add is not recorded
        bad = _packages(session, action="add", name="rm -rf /")
        assert "is not a package name" in bad["error"]
        assert "part of the notebook's kernel" in _packages(session, action="remove", name="marimo")["error"]
        removed = _packages(session, action="remove", name="attrs")
        assert removed["installed"] == [] and removed["dependencies"] == []
    finally:
        session.close()


def test_without_an_installer_packages_are_listed_and_adding_says_where_it_works():
    session = Session(lambda _e: None)
    try:
        reply = _packages(session, action="list")
        assert any(p["name"] == "pytest" for p in reply["installed"])
        assert "only possible in the browser" in _packages(session, action="add", name="attrs")["error"]
    finally:
        session.close()
