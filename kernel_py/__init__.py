"""Rivulet's reactive kernel: pure Python, runs under CPython and Pyodide."""

__version__ = "0.1.0"
