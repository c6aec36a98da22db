"""``python -m kernel_py.cli``: the command line lives in ``kernel_py.host.cli``."""

from __future__ import annotations

from kernel_py.host.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
