"""Malformed notebook files open with a clear message and keep every byte.

The files are in tests/fixtures/malformed/ (made by _make_malformed.py there);
the 10 MB one is made here. Each row says what `rivulet check` and `rivulet
run` print (at file:line) and what `rivulet fmt` does: leave the file as it
is, or refuse with a message; in both cases the file's bytes do not change.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kernel_py.notebook.file_format import parse_notebook, write_notebook
import run_cli

MALFORMED = Path(__file__).parent / "fixtures" / "malformed"
NOT_A_NOTEBOOK = "not a marimo notebook"
NO_PARSE = "does not parse under Python"

CASES = [
    # (file, check exit code, message in check's and run's stderr (file:line: ...), fmt refuses with)
    ("no_app.py", 0, ":1: not a marimo notebook (no `app = marimo.App()` after `import marimo`)", "writing it back would change its text"),
    ("duplicate_names.py", 0, ":13: cell name 'same' is also the name of the cell at line 7", None),
    ("broken_decorator.py", 1, ":13: " + NO_PARSE, None),
    ("mixed_tabs.py", 1, ":10: syntax: SyntaxError: inconsistent use of tabs and spaces in indentation", None),
    ("crlf.py", 0, None, None),
    ("bom.py", 0, None, None),
    ("latin1.py", 2, ":9: not UTF-8 text (invalid continuation byte at byte 95)", "not UTF-8 text"),
    ("python2.py", 1, ":9: syntax: SyntaxError: Missing parentheses in call to 'print'", None),
    ("comment_only.py", 0, None, None),
    ("empty.py", 0, ":1: empty file: it opens as a new notebook", "empty file; not rewriting it"),
    ("not_python.py", 1, ":1: not a marimo notebook (no `import marimo`)", "writing it back would change its text"),
]
IDS = [c[0].removesuffix(".py") for c in CASES]


def rivulet(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli.rivulet(*args, cwd=cwd, timeout=120)


@pytest.fixture
def copy(tmp_path: Path):
    def copy(name: str) -> bytes:
        data = (MALFORMED / name).read_bytes()
        (tmp_path / name).write_bytes(data)
        return data

    return copy


@pytest.mark.parametrize("name, code, message, refusal", CASES, ids=IDS)
def test_check_gives_a_clear_message_and_does_not_crash(name, code, message, refusal, copy, tmp_path) -> None:
    copy(name)
    result = rivulet("check", name, cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == code, result.stderr
    if message is not None:
        assert f"{name}{message}" in result.stderr
    else:
        assert result.stderr == ""


@pytest.mark.parametrize("name, code, message, refusal", CASES, ids=IDS)
def test_run_gives_a_clear_message_and_does_not_crash(name, code, message, refusal, copy, tmp_path) -> None:
    copy(name)
    result = rivulet("run", name, cwd=tmp_path)
    assert "Traceback" not in result.stderr
    if message is not None:
        assert f"{name}{message.replace(' syntax:', '')}" in result.stderr
    if code == 0 and name != "no_app.py":
        assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name, code, message, refusal", CASES, ids=IDS)
def test_fmt_keeps_every_byte_or_refuses_and_writes_nothing(name, code, message, refusal, copy, tmp_path) -> None:
    before = copy(name)
    result = rivulet("fmt", name, cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert (tmp_path / name).read_bytes() == before
    if refusal is not None:
        assert result.returncode == 2
        assert refusal in result.stderr and name in result.stderr
    else:
        assert (result.returncode, result.stdout) == (0, "")


@pytest.mark.parametrize("name", [c[0] for c in CASES if c[0] != "latin1.py"], ids=[i for i in IDS if i != "latin1"])
def test_reading_keeps_the_text_of_every_cell(name: str) -> None:
    """What the editor shows and writes back: the same bytes, or (for a file
    Rivulet will not rewrite) one cell holding the whole text."""
    text = (MALFORMED / name).read_bytes().decode("utf-8")
    notebook = parse_notebook(text)
    if any(p.blocks_rewrite for p in notebook.problems):
        assert [c.code for c in notebook.cells] == [text.strip("\n")]
    elif text:
        assert write_notebook(notebook) == text


def test_a_bom_and_crlf_line_ends_survive_a_rewrite(tmp_path: Path) -> None:
    crlf = (MALFORMED / "crlf.py").read_bytes()
    messy = b"\xef\xbb\xbf" + crlf.replace(b"def _(x):", b"def _(x, unused):")
    (tmp_path / "nb.py").write_bytes(messy)
    result = rivulet("fmt", "nb.py", cwd=tmp_path)
    assert result.returncode == 0 and "reformatted" in result.stdout
    assert (tmp_path / "nb.py").read_bytes() == b"\xef\xbb\xbf" + crlf


def test_unknown_options_are_not_dropped_by_fmt(tmp_path: Path) -> None:
    text = (MALFORMED / "bom.py").read_bytes().decode("utf-8-sig").replace("@app.cell\n", "@app.cell(colour=3)\n", 1)
    (tmp_path / "nb.py").write_text(text, encoding="utf-8")
    result = rivulet("fmt", "nb.py", cwd=tmp_path)
    assert result.returncode == 2
    assert "nb.py:7: unknown cell option colour= is dropped" in result.stderr
    assert (tmp_path / "nb.py").read_text(encoding="utf-8") == text


def test_a_10_mb_notebook_is_checked_and_kept(tmp_path: Path) -> None:
    good = (MALFORMED / "bom.py").read_bytes().decode("utf-8-sig")
    row = "    'abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789',\n"
    data = "    data = [\n" + row * (10_000_000 // len(row)) + "    ]\n    len(data)\n"
    text = good.replace("    x = 1\n", data + "    x = 1\n")
    assert len(text) > 10_000_000
    (tmp_path / "big.py").write_text(text, encoding="utf-8")
    check = rivulet("check", "big.py", cwd=tmp_path)
    assert (check.returncode, check.stderr) == (0, "")
    fmt = rivulet("fmt", "big.py", cwd=tmp_path)
    assert (fmt.returncode, fmt.stderr) == (0, "")
    assert (tmp_path / "big.py").read_text(encoding="utf-8") == text
