"""marimo's runtime helpers: caching, stdout/stderr capture and redirection,
threads, the running cell's defs and refs, ``running_in_notebook``, ``cli_args``.

Caches are keyed by the function's code (its bytecode, constants and the
values of the globals it reads) and its arguments, so re-running the cell
that defines a cached function keeps its results while the code is unchanged
(as marimo does).  ``persistent_cache`` pickles results to files under
``__marimo__/cache`` beside the notebook; in the browser, whose file system
is in memory, the page also keeps them in its storage for that notebook, so
they outlive a reload or a restart.  The block form ``with mo.cache("name"):`` runs the
block uncached (marimo skips the block on a hit).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import inspect
import io
import pickle
import sys
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Callable, Iterator

from ..core import context
from ..core.runner import StopCell

MarimoStopError = StopCell

# --------------------------------------------------------------------- caching

_MISSING = object()
_memory: dict[str, "OrderedDict[str, Any]"] = {}  # function key -> args key -> result


def _stable(value: Any) -> bytes:
    try:
        return pickle.dumps(value, protocol=4)
    except Exception:  # noqa: BLE001 - unpicklable: fall back to the repr
        return repr(value).encode("utf-8", "replace")


def _code_key(fn: Callable[..., Any]) -> str:
    code = getattr(fn, "__code__", None)
    h = hashlib.sha256(getattr(fn, "__qualname__", repr(fn)).encode())
    if code is None:
        return h.hexdigest()

    def walk(c: Any) -> None:
        h.update(c.co_code)
        for const in c.co_consts:
            if inspect.iscode(const):
                walk(const)
            else:
                h.update(repr(const).encode())
        h.update(" ".join(c.co_names).encode())

    walk(code)
    glob = getattr(fn, "__globals__", {})
    for name in code.co_names:
        value = glob.get(name, _MISSING)
        if not _immutable(value):
            continue  # mutable state (a list it appends to) is not part of the code
        h.update(name.encode() + b"=" + _stable(value))
    return h.hexdigest()


def _immutable(value: Any) -> bool:
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes)):
        return True
    if isinstance(value, (tuple, frozenset)):
        return all(_immutable(v) for v in value)
    return False


def _args_key(args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    return hashlib.sha256(_stable((args, sorted(kwargs.items())))).hexdigest()


# Where persistent caches outlive the process when files do not: in the
# browser the file system is in memory, so kernel_py/browser/cache_store.py
# sets a backing store kept by the page (one per notebook, in its storage).
# Files stay the first place looked in and written to.
_backing: tuple[Callable[[str], bytes | None], Callable[[str, bytes], None]] | None = None


def set_persistent_backing(read: Callable[[str], bytes | None], write: Callable[[str, bytes], None]) -> None:
    """Back ``persistent_cache`` files (by file name) with another store."""
    global _backing
    _backing = (read, write)


def _backing_read(path: Path) -> bytes | None:
    if _backing is None:
        return None
    try:
        data = _backing[0](path.name)
    except Exception:  # noqa: BLE001 - the store is unavailable: a miss
        return None
    if data is None:
        return None
    try:  # keep a copy in the files, where the next lookup finds it
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError:
        pass
    return data


def _backing_write(path: Path, data: bytes) -> None:
    if _backing is not None:
        try:
            _backing[1](path.name, data)
        except Exception as exc:  # noqa: BLE001 - the file is still there for this session
            print(f"persistent_cache: result not kept in the browser's storage ({exc})", file=sys.stderr)


class _CacheInfo(tuple):
    """``(hits, misses, maxsize, currsize)``, as functools.lru_cache reports it."""

    __slots__ = ()

    def __new__(cls, hits: int, misses: int, maxsize: int | None, currsize: int) -> "_CacheInfo":
        return super().__new__(cls, (hits, misses, maxsize, currsize))

    hits = property(lambda self: self[0])
    misses = property(lambda self: self[1])
    maxsize = property(lambda self: self[2])
    currsize = property(lambda self: self[3])

    def __repr__(self) -> str:
        return f"CacheInfo(hits={self[0]}, misses={self[1]}, maxsize={self[2]}, currsize={self[3]})"


class _Cached:
    """A cached function (sync or async)."""

    def __init__(self, fn: Callable[..., Any], maxsize: int | None, folder: Path | None) -> None:
        functools.update_wrapper(self, fn)
        self.__wrapped__ = fn
        self._fn = fn
        self._maxsize = maxsize
        self._folder = folder
        self._key = _code_key(fn)
        self._store = _memory.setdefault(self._key, OrderedDict())
        self.hits = 0
        self.misses = 0
        self._async = inspect.iscoroutinefunction(fn)

    def _file(self, key: str) -> Path:
        assert self._folder is not None
        return self._folder / f"{self._key[:16]}-{key[:32]}.pickle"

    def _lookup(self, key: str) -> Any:
        if key in self._store:
            self._store.move_to_end(key)
            return self._store[key]
        if self._folder is not None:
            path = self._file(key)
            data = path.read_bytes() if path.exists() else _backing_read(path)
            if data is not None:
                try:
                    value = pickle.loads(data)
                except Exception:  # noqa: BLE001 - a damaged file is a miss
                    return _MISSING
                self._store[key] = value
                return value
        return _MISSING

    def _save(self, key: str, value: Any) -> None:
        self._store[key] = value
        if self._maxsize is not None:
            while len(self._store) > self._maxsize:
                self._store.popitem(last=False)
        if self._folder is not None:
            try:
                data = pickle.dumps(value)
                self._folder.mkdir(parents=True, exist_ok=True)
                self._file(key).write_bytes(data)
            except Exception as exc:  # noqa: BLE001 - unpicklable results stay in memory
                print(f"persistent_cache: result not saved ({exc})", file=sys.stderr)
            else:
                _backing_write(self._file(key), data)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        key = _args_key(args, kwargs)
        found = self._lookup(key)
        if self._async:
            return self._call_async(key, found, args, kwargs)
        if found is not _MISSING:
            self.hits += 1
            return found
        self.misses += 1
        value = self._fn(*args, **kwargs)
        self._save(key, value)
        return value

    async def _call_async(self, key: str, found: Any, args: Any, kwargs: Any) -> Any:
        if found is not _MISSING:
            self.hits += 1
            return found
        self.misses += 1
        value = await self._fn(*args, **kwargs)
        self._save(key, value)
        return value

    def cache_info(self) -> _CacheInfo:
        return _CacheInfo(self.hits, self.misses, self._maxsize, len(self._store))

    def cache_clear(self) -> None:
        self._store.clear()
        self.hits = self.misses = 0

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        return self if obj is None else functools.partial(self, obj)


@contextlib.contextmanager
def _block(name: str) -> Iterator[None]:
    """``with mo.cache("name"):``: the block runs (uncached here)."""
    yield


def _decorator(name: Any, maxsize: int | None, folder: Path | None) -> Any:
    if callable(name):
        return _Cached(name, maxsize, folder)
    if isinstance(name, str):
        return _block(name)
    return lambda fn: _Cached(fn, maxsize, folder)


def cache(name: Any = None, *args: Any, pin_modules: bool = False, loader: Any = None, **kwargs: Any) -> Any:
    """Cache a function's results in memory, without a size limit:
    ``@mo.cache`` or ``@mo.cache()``."""
    return _decorator(name, None, None)


def lru_cache(name: Any = None, maxsize: int = 128, *args: Any, pin_modules: bool = False, **kwargs: Any) -> Any:
    """Like :func:`cache`, keeping the ``maxsize`` most recently used results."""
    return _decorator(name, maxsize, None)


def persistent_cache(
    name: Any = None,
    save_path: str | None = None,
    method: str = "pickle",
    store: Any = None,
    fn: Callable[..., Any] | None = None,
    *args: Any,
    pin_modules: bool = False,
    **kwargs: Any,
) -> Any:
    """Cache results in files (``__marimo__/cache`` beside the notebook), so
    they survive restarts: ``@mo.persistent_cache``."""
    if method not in ("pickle", "json"):
        raise ValueError(f"persistent_cache: method must be 'pickle' or 'json', not {method!r}")
    from ._meta import notebook_dir

    folder = Path(save_path) if save_path else Path(notebook_dir() or Path.cwd()) / "__marimo__" / "cache"
    if fn is not None:
        return _Cached(fn, None, folder)
    return _decorator(name, None, folder)


# --------------------------------------------------------------------- stdout / stderr


@contextlib.contextmanager
def capture_stdout() -> Iterator[io.StringIO]:
    """``with mo.capture_stdout() as buffer:``: prints go to ``buffer``."""
    with contextlib.redirect_stdout(io.StringIO()) as buffer:
        yield buffer


@contextlib.contextmanager
def capture_stderr() -> Iterator[io.StringIO]:
    """``with mo.capture_stderr() as buffer:``: stderr goes to ``buffer``."""
    with contextlib.redirect_stderr(io.StringIO()) as buffer:
        yield buffer


class _ToOutput(io.TextIOBase):
    """Text written here is appended to the running cell's output."""

    def __init__(self, stream: str) -> None:
        self._stream = stream

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if text:
            from ._control import output
            from ._layout import plain_text

            output.append(plain_text(text))
        return len(text)


@contextlib.contextmanager
def redirect_stdout() -> Iterator[None]:
    """Prints inside the block go to the cell's output instead of its console."""
    with contextlib.redirect_stdout(_ToOutput("stdout")):
        yield


@contextlib.contextmanager
def redirect_stderr() -> Iterator[None]:
    """Writes to stderr inside the block go to the cell's output."""
    with contextlib.redirect_stderr(_ToOutput("stderr")):
        yield


# --------------------------------------------------------------------- threads


class Thread(threading.Thread):
    """A thread that runs with the creating cell's context, so ``print`` and
    ``mo.output`` inside it reach that cell.  Pyodide cannot start threads:
    ``start()`` then raises a RuntimeError saying so."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rv_context = contextvars.copy_context()
        self.should_exit = False

    def start(self) -> None:
        if sys.platform == "emscripten":
            raise RuntimeError(
                "mo.Thread: threads cannot be started in the browser (Pyodide has no threads); "
                "use asyncio tasks instead"
            )
        super().start()

    def run(self) -> None:
        self._rv_context.run(super().run)


def current_thread() -> threading.Thread:
    """The current thread (``threading.current_thread()``)."""
    return threading.current_thread()


# --------------------------------------------------------------------- the running cell


def _analysis() -> Any:
    ctx = context.current()
    if ctx is None:
        return None
    topology = getattr(ctx.kernel, "topology", None)
    analyses = getattr(topology, "analyses", None) or {}
    return analyses.get(ctx.cell_id)


def defs() -> tuple[str, ...]:
    """The names the running cell defines (sorted)."""
    analysis = _analysis()
    return tuple(sorted(analysis.defs)) if analysis is not None else ()


def refs() -> tuple[str, ...]:
    """The names the running cell reads from other cells (sorted)."""
    analysis = _analysis()
    return tuple(sorted(analysis.refs)) if analysis is not None else ()


def running_in_notebook() -> bool:
    """True inside a notebook's kernel (the editor, an app, ``rivulet run``)."""
    return context.current_kernel() is not None


class CLIArgs(dict):
    """The notebook's command-line arguments (after ``--``), name -> value."""


def _parse_cli(raw: list[str]) -> CLIArgs:
    """marimo's parsing: ``--k v``/``--k=v``, numbers and booleans converted,
    repeated keys become lists."""
    joined: list[str] = []
    for arg in raw:
        if arg.startswith("-"):
            joined.append(arg)
        elif joined:
            joined[-1] += f" {arg}"
    out = CLIArgs()
    for arg in joined:
        arg = arg.lstrip("-")
        if "=" in arg:
            key, value = arg.split("=", 1)
        elif " " in arg:
            key, value = (part.strip() for part in arg.split(" ", 1))
        else:
            key, value = arg, ""
        parsed: Any = value
        for convert in (int, float):
            try:
                parsed = convert(value)
                break
            except ValueError:
                continue
        if parsed in ("True", "true"):
            parsed = True
        elif parsed in ("False", "false"):
            parsed = False
        if key in out:
            out[key] = [*out[key], parsed] if isinstance(out[key], list) else [out[key], parsed]
        else:
            out[key] = parsed
    return out


def cli_args() -> CLIArgs:
    """Arguments given to the notebook: ``rivulet run nb.py -- --n 3`` gives
    ``{"n": 3}``; empty in the browser."""
    kernel = context.current_kernel()
    return _parse_cli([str(a) for a in (getattr(kernel, "meta", None) or {}).get("cli_args") or []])


__all__ = [
    "CLIArgs", "MarimoStopError", "Thread", "cache", "capture_stderr", "capture_stdout", "cli_args",
    "current_thread", "defs", "lru_cache", "persistent_cache", "redirect_stderr", "redirect_stdout",
    "refs", "running_in_notebook",
]
