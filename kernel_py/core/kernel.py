"""The reactive kernel: cells, their graph, one namespace, and reactive runs.

Output goes to an observer with three callbacks (status, output, console),
which keeps computing apart from showing; the session turns them into
protocol events, the CLI into a report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Protocol

from . import context
from .console import ConsoleCapture
from ..display import Bundle, format_value
from .environment import NotebookMain, enter_environment, exit_status, leave_environment
from .errors import CellError
from .planning import plan
from .release import release_all, release_globals, release_names
from .topology import Topology
from .runner import (
    compile_cell,
    exception_message,
    format_cell_traceback,
    fresh_globals,
    run_compiled,
    run_sync,
)
from .ui_registry import OnChangeError, UIRegistry

MAX_CHAINED_RUNS = 100


class Observer(Protocol):
    def on_status(self, cell_id: str, status: str) -> None: ...

    def on_output(
        self, cell_id: str, output: Bundle | None, error: CellError | None, run: str
    ) -> None: ...

    def on_console(self, cell_id: str, stream: str, text: str) -> None: ...


@dataclass
class Cell:
    id: str
    code: str
    name: str = "_"
    config: dict[str, Any] = field(default_factory=dict)
    kind: str = "cell"
    status: str = "idle"
    published: tuple[str, ...] = ()  # names this cell put in the namespace
    graph_code: str | None = None  # the code the topology knows (last run or load)

    @property
    def disabled(self) -> bool:
        return bool(self.config.get("disabled"))

    @property
    def label(self) -> str:
        return f"cell '{self.name}' ({self.id})" if self.name != "_" else f"cell {self.id}"


class Kernel:
    def __init__(
        self,
        observer: Observer,
        *,
        on_cell_change: str = "autorun",
        capture_console: bool = True,
    ) -> None:
        self.observer = observer
        self.on_cell_change = on_cell_change
        self.topology = Topology()
        self.cells: dict[str, Cell] = {}
        self.namespace: dict[str, Any] = {}
        self.ui = UIRegistry()
        self.shown: dict[str, Bundle | None] = {}  # each cell's last output (widgets re-show theirs)
        self._pending: set[str] = set()
        self._blocked: set[str] = set()
        self._interrupted = False  # a KeyboardInterrupt ended the current run
        self._main: NotebookMain | None = None  # sys.modules["__main__"] while a cell runs
        self.exit_status: int | str | None = None  # what a cell's sys.exit() asked for
        self.meta: dict[str, Any] = {"mode": "edit", "query_params": {}}
        self._capture = ConsoleCapture(observer.on_console) if capture_console else None

    def reset(self) -> None:
        """Forget every cell, name and widget (opening another notebook)."""
        self.topology = Topology()
        self.cells = {}
        old, self.namespace = self.namespace, {}
        release_all(old)
        self.ui = UIRegistry()
        self.shown = {}
        self._pending = set()
        self._blocked = set()

    def close(self) -> None:
        if self._capture is not None:
            self._capture.close()
            self._capture = None

    # -- structure -----------------------------------------------------------
    def set_cells(self, cells: Iterable[Cell]) -> set[str]:
        """Make the notebook hold exactly ``cells``, in order.

        New cells join the graph with their code; existing cells keep the
        code they last ran with (an edit is not a run) but remember the new
        text.  Returns the readers of deleted cells' defs, which need a run.
        """
        new = {cell.id: cell for cell in cells}
        affected: set[str] = set()
        for cell_id in [cid for cid in self.cells if cid not in new]:
            affected |= self._delete(cell_id)
        disabled: set[str] = set()
        added: dict[str, str | None] = {}
        for cell_id, cell in new.items():
            old = self.cells.get(cell_id)
            if old is None:
                self.cells[cell_id] = cell
                cell.graph_code = added[cell_id] = cell.code
                continue
            if cell.disabled and not old.disabled:
                disabled.add(cell_id)
            elif old.disabled and not cell.disabled:
                affected.add(cell_id)  # re-enabled: it (and its readers) catch up
            old.code, old.name, old.config = cell.code, cell.name, cell.config
        self.cells = {cid: self.cells[cid] for cid in new}
        self.topology = self.topology.update(added, order=new)
        for cell_id in disabled | self.topology.descendants(disabled):
            self._set_status(cell_id, "disabled")
        return affected & new.keys()

    def _register(self, cells: Iterable[Cell]) -> None:
        """The topology learns these cells' current code (they are about to run)."""
        codes: dict[str, str | None] = {}
        known = self.topology.analyses
        for cell in cells:
            if cell.graph_code != cell.code or cell.id not in known:
                cell.graph_code = codes[cell.id] = cell.code
        if codes:
            self.topology = self.topology.update(codes)

    def _delete(self, cell_id: str) -> set[str]:
        readers = self.topology.children(cell_id) if cell_id in self.topology else set()
        cell = self.cells.pop(cell_id)
        release_names(self.namespace, cell.published)
        self.ui.forget_cell(cell_id)
        self.topology = self.topology.update({cell_id: None})
        return readers

    # -- running -------------------------------------------------------------
    async def run(self, cell_ids: Iterable[str], codes: dict[str, str] | None = None) -> None:
        """Set new code for cells, then run them and (per the settings) their
        descendants; then runs requested meanwhile by state setters/widgets."""
        roots = set(cell_ids)
        codes = codes or {}
        before = self.topology
        for cell_id, code in codes.items():
            self.cells[cell_id].code = code
        self._register(self.cells[cid] for cid in codes)
        for cell_id in codes:
            # readers of names the cell no longer defines must see them go
            old_defs = before.analysis(cell_id).defs if cell_id in before else frozenset()
            for name in old_defs - self.topology.analysis(cell_id).defs:
                roots |= self.topology.readers_of(name)
        await self._run_and_follow(roots)

    async def run_all(self) -> None:
        self._register(self.cells.values())
        await self._run_and_follow(set(self.cells))

    def readers_of(self, value: object) -> set[str]:
        """Cells that read a global name bound to ``value`` (or to a widget
        container holding it): they re-run when it changes."""
        roots: set[str] = set()
        for name, bound in self.namespace.items():
            if bound is value or (callable(getattr(bound, "_owns", None)) and _owns(bound, value)):
                roots |= self.topology.readers_of(name)
        return roots

    def request_run(self, cell_ids: Iterable[str]) -> None:
        """Ask for a run after the current one (mo.state setters, widgets)."""
        self._pending.update(cell_ids)

    async def flush_requests(self) -> None:
        await self._run_and_follow(set())

    async def _run_and_follow(self, roots: set[str]) -> None:
        roots |= self._pending
        self._pending = set()
        with context.kernel_scope(self):
            self._interrupted = False
            for _ in range(MAX_CHAINED_RUNS):
                if not roots or self._interrupted:
                    return
                await self._run_once(roots)
                roots, self._pending = self._pending, set()

    def mark_stale(self, cell_ids: Iterable[str]) -> None:
        for cell_id in cell_ids:
            self._set_status(cell_id, "stale")

    async def _run_once(self, roots: set[str]) -> None:
        cells = self.cells
        todo = plan(
            self.topology,
            roots,
            lazy=self.on_cell_change == "lazy",
            stale=[cid for cid, c in cells.items() if c.status == "stale"],
            disabled=[cid for cid, c in cells.items() if c.config.get("disabled")],  # (Cell.disabled, inlined)
            blocked=self._blocked,
        )
        self.mark_stale(todo.stale)
        for cell_id in self.topology.sorted(todo.disabled):
            self._set_status(cell_id, "disabled")
        planned = self.topology.sorted([*todo.errable, *todo.runnable])
        on_status = self.observer.on_status
        for cell_id in planned:  # (what _set_status does for "queued")
            cells[cell_id].status = "queued"
            on_status(cell_id, "queued")
        self._retract(planned)
        failed: dict[str, str] = {}  # cell -> the ancestor whose failure it inherits
        for cell_id, error in todo.errable.items():
            failed[cell_id] = cell_id
            self._report(cell_id, None, error, "error")
        stopped: set[str] = set()
        for cell_id in todo.runnable:
            if failed or stopped:  # (a cell's parents matter only once some cell failed or stopped)
                parents = self.topology.parents(cell_id)
                error = self._inherited_error(cell_id, parents, failed)
                if error is not None:
                    self._report(cell_id, None, error, "skipped")
                    continue
                if parents & stopped:
                    stopped.add(cell_id)
                    self._report(cell_id, None, None, "skipped")
                    continue
            outcome = await self._run_cell(cell_id)
            if outcome == "error":
                failed[cell_id] = cell_id
            elif outcome == "skipped":
                stopped.add(cell_id)
            elif outcome == "interrupted":
                self._interrupt_run(cell_id, todo.runnable)
                return
            elif outcome == "exit":
                self._end_run(todo.runnable[todo.runnable.index(cell_id) + 1 :])
                return

    def _interrupt_run(self, cell_id: str, runnable: tuple[str, ...]) -> None:
        """A cell was interrupted: the run ends there.  Its descendants say
        why they did not run; the other cells left wait (stale)."""
        below = self.topology.descendants({cell_id})
        error = CellError("ancestor", cells=(cell_id,))
        for rest in runnable[runnable.index(cell_id) + 1 :]:
            if rest in below:
                self._report(rest, None, error, "skipped")
            else:
                self._set_status(rest, "stale")
        self._pending = set()
        self._interrupted = True

    def _end_run(self, rest: tuple[str, ...]) -> None:
        """A cell exited (sys.exit): the cells left in the run are not run."""
        for cell_id in rest:
            self._report(cell_id, None, None, "skipped")
        self._pending = set()
        self._interrupted = True

    def interrupted(self) -> None:
        """A KeyboardInterrupt ended a request outside any cell: the cells it
        left queued or running wait for a run (stale); chained runs are off."""
        for cell_id, cell in self.cells.items():
            if cell.status in ("queued", "running"):
                self._set_status(cell_id, "stale")
        self._pending = set()

    def _inherited_error(
        self, cell_id: str, parents: set[str], failed: dict[str, str]
    ) -> CellError | None:
        if not failed:
            return None
        bad = sorted(p for p in parents if p in failed)
        if not bad:
            return None
        origin = failed[bad[0]]
        failed[cell_id] = origin
        return CellError("ancestor", cells=(origin,))

    def _retract(self, cell_ids: Iterable[str]) -> None:
        """Remove these cells' previous defs and widgets before they re-run."""
        cells, forget_cell = self.cells, self.ui.forget_cell
        for cell_id in cell_ids:
            cell = cells[cell_id]
            if cell.published:
                release_names(self.namespace, cell.published)
                cell.published = ()
            forget_cell(cell_id)

    async def _run_cell(self, cell_id: str) -> str:
        cell = self.cells[cell_id]
        analysis = self.topology.analyses[cell_id]
        cell.status = "running"  # (what _set_status does for "running")
        self.observer.on_status(cell_id, "running")
        try:
            compiled = compile_cell(cell_id, cell.graph_code or "", analysis)
        except SyntaxError as err:  # one the parser lets through: `break` or `return` outside their place
            self._report(cell_id, None, CellError("syntax", line=err.lineno or None, detail=str(err.msg)), "error")
            return "error"
        file = self.meta.get("notebook_file")
        g = fresh_globals(self.namespace, analysis, file)
        console = self._capture.console if self._capture is not None else None
        ctx = context.CellContext(self, cell_id, None, False, console)
        if self._main is None or self._main.__file__ != file:
            self._main = NotebookMain(file, lambda: self.namespace)
        cli_args = self.meta.get("cli_args")
        argv = [file or "notebook.py", *map(str, cli_args)] if cli_args else [file or "notebook.py"]
        try:
            # (the two context managers of a cell's run, as plain calls: they cost more than a small cell)
            token = context.enter_cell(ctx)
            try:
                saved = enter_environment(self._main, g, argv)
                try:
                    result = run_sync(compiled, g) if not compiled.is_async else await run_compiled(compiled, g)
                    # formatting may create widgets (a frame shown as a table): the
                    # cell owns them, so it happens inside the cell's context
                    shown = None
                    if result.has_value and result.value is not None:
                        shown = self._format(cell_id, result.value)
                finally:
                    leave_environment(self._main, saved)
            finally:
                context.leave_cell(token)
        finally:
            if self._capture is not None:
                self._capture.flush_all()  # the cell's console text before its output
        namespace = self.namespace
        published = []
        for name in analysis.defs:
            if name in g:
                namespace[name] = g[name]
                published.append(name)
        if analysis.deleted:
            for name in analysis.deleted:
                namespace.pop(name, None)
        cell.published = tuple(published)
        holder = [g]  # its private values, freed level by level (deep ones)
        del g
        release_globals(holder)
        if result.exception is not None and isinstance(result.exception, SystemExit):
            # sys.exit() / os._exit(): the run ends here, as the process would
            failed, self.exit_status = exit_status(result.exception)
            error = None
            if failed:
                error = CellError("exception", line=result.line, detail=exception_message(result.exception),
                                  traceback=result.traceback)
            output = ctx.output if ctx.output_set else None
            self._report(cell_id, output, error, "error" if failed else "ok")
            return "exit"
        if result.exception is not None:
            interrupted = isinstance(result.exception, KeyboardInterrupt)
            error = CellError(
                "exception",
                line=result.line,
                detail=exception_message(result.exception),
                traceback=result.traceback,
            )
            self._report(cell_id, ctx.output if ctx.output_set else None, error, "error")
            return "interrupted" if interrupted else "error"
        output = ctx.output if ctx.output_set else None
        if shown is not None:
            output = shown
        self._report(cell_id, output, None, "skipped" if result.stopped else "ok")
        return "skipped" if result.stopped else "ok"

    def _format(self, cell_id: str, value: Any) -> Bundle | None:
        try:
            return format_value(value)
        except Exception as exc:  # noqa: BLE001 - a formatter bug is shown, not raised
            return {"text/plain": f"<output could not be displayed: {exc!r}>"}

    # -- widgets ---------------------------------------------------------------
    async def set_ui_value(self, element_id: str, value: Any) -> bool:
        """The front end changed a widget: update it, re-run its readers.
        Returns False when the element no longer exists (a stale message)."""
        element = self.ui.get(element_id)
        if element is None:
            return False
        try:
            with context.kernel_scope(self):
                element._update(value)  # ValueError: a bad value, nothing changed
        except OnChangeError as failure:
            # the value is set: its readers still run; the traceback goes to
            # the console of the cell that made the widget
            owner = self.ui.owner(element_id)
            if owner in self.cells:
                trace = format_cell_traceback(failure.error)
                self.observer.on_console(owner, "stderr", f"{failure}\n{trace}")
        except KeyboardInterrupt as exc:
            # the user interrupted an on_change callback: the value is set,
            # nothing else runs; the owner's console says so
            owner = self.ui.owner(element_id)
            if owner in self.cells:
                trace = format_cell_traceback(exc)
                self.observer.on_console(owner, "stderr", f"{element._describe()}: on_change interrupted\n{trace}")
            return True
        finish = getattr(element, "_finish_update", None)
        if finish is not None:  # async work the new value started (a chat's async model)
            with context.kernel_scope(self):
                await finish()
        await self._run_and_follow(self.readers_of(element))
        hook = getattr(element, "_on_update_completion", None)
        if hook is not None:
            with context.kernel_scope(self):
                hook()  # e.g. a run_button is True only in the runs its click caused
        return True

    # -- reporting -------------------------------------------------------------
    def _set_status(self, cell_id: str, status: str) -> None:
        cell = self.cells[cell_id]
        if cell.status != status or status in ("queued", "running"):
            cell.status = status
            self.observer.on_status(cell_id, status)

    def _report(self, cell_id: str, output: Bundle | None, error: CellError | None, run: str) -> None:
        blocked = error is not None and error.kind in ("multiple-definitions", "cycle")
        if blocked:
            self._blocked.add(cell_id)
        else:
            self._blocked.discard(cell_id)
        self.shown[cell_id] = output if error is None else None
        self.observer.on_output(cell_id, output, error, run)
        status = "error" if error is not None and run == "error" else "idle"
        cell = self.cells[cell_id]
        if cell.status != status:  # (what _set_status does: it runs once per cell run)
            cell.status = status
            self.observer.on_status(cell_id, status)

    def reshow(self, cell_id: str, output: Bundle) -> None:
        """A cell's output again, changed by a widget in it (a chat's reply)."""
        self.shown[cell_id] = output
        self.observer.on_output(cell_id, output, None, "ok")

    def push_ui_value(self, element_id: str, value: Any) -> None:
        """A widget's state changed in Python (an anywidget's trait): the page's copy follows."""
        send = getattr(self.observer, "on_ui_value", None)
        if send is not None:
            send(element_id, value)

    def push_ui_message(self, element_id: str, content: Any) -> None:
        """Python sent a widget's front end a message (an anywidget's ``send``)."""
        send = getattr(self.observer, "on_ui_message", None)
        if send is not None:
            send(element_id, content)

    async def ui_message(self, element_id: str, content: Any) -> bool:
        """A widget's front end sent Python a message: its handlers run, no cells do
        (as in marimo; traits they set go back to the page). A failing handler's
        traceback goes to the console of the cell that made the widget."""
        element = self.ui.get(element_id)
        receive = getattr(element, "_receive_message", None)
        if receive is None:
            return False
        try:
            with context.kernel_scope(self):
                receive(content)
        except Exception as exc:  # noqa: BLE001 - the widget's own code
            owner = self.ui.owner(element_id)
            if owner in self.cells:
                trace = format_cell_traceback(exc)
                self.observer.on_console(owner, "stderr", f"{element._describe()}: a message handler raised\n{trace}")
        return True

    def show_output(self, cell_id: str, output: Bundle | None) -> None:
        """An intermediate output while the cell runs (mo.output, progress bars)."""
        self.observer.on_output(cell_id, output, None, "running")


def _owns(container: Any, element: Any) -> bool:
    try:
        return bool(container._owns(element))
    except Exception:  # noqa: BLE001 - a foreign object with an `_owns` attribute
        return False
