"""Kept for the worker's ``pyimport("kernel_py.worker_entry")``: the browser
adapter lives in ``kernel_py.browser.worker_entry``."""

from __future__ import annotations

from kernel_py.browser.worker_entry import WorkerKernel, prefetch, start

__all__ = ["WorkerKernel", "prefetch", "start"]
