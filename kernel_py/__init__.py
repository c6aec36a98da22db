"""Rivulet's reactive kernel: pure Python, runs under CPython and Pyodide.

One sub-package per responsibility; a layer imports only the layers below it
(the contract is ``[tool.importlinter]`` in pyproject.toml, checked by
tests/test_layering.py):

    host/ | browser/        the CLI, headless runs, checks, ``rivulet edit``'s server
                            (never shipped to the browser) | the worker entry, the
                            only code touching js/pyodide
    session.py              wiring: protocol requests in, events out
    mo/ | protocol/ | notebook/
                            the notebook-facing ``mo`` module and ``mo.ui`` |
                            typed messages | the marimo file format, cell ids
    core/                   analysis, topology, planning, running a cell, cell
                            errors, the kernel
    display/                a value -> its MIME bundle, formatters
"""

__version__ = "0.1.0"
