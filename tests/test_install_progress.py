"""The install progress line's detail: package names, then the download size the
lock knows and the time so far (the browser side is tests/e2e/test_packages_dist.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kernel_py.notebook.requirements import download_size, install_detail

ROOT = Path(__file__).resolve().parent.parent
# the page's check of what a worker may say (web/src/kernel.js)
PACKAGES = re.compile(
    re.search(r"const PACKAGES = /(.*)/;", (ROOT / "web" / "src" / "kernel.js").read_text()).group(1)
)

LOCK = {
    "a": {"size": 300_000, "depends": ["b", "c"]},
    "b": {"size": 50_000, "depends": ["c"]},
    "c": {"size": 1_000, "depends": []},
    "cdn": {"depends": ["a"]},  # on Pyodide's CDN: the lock does not say its size
}


def test_download_size_counts_dependencies_once_and_skips_what_is_loaded() -> None:
    assert download_size(LOCK, ["a"]) == 351_000
    assert download_size(LOCK, ["a", "b"]) == 351_000
    assert download_size(LOCK, ["a"], loaded=["b"]) == 301_000
    assert download_size(LOCK, ["cdn"]) == 351_000
    assert download_size(LOCK, ["unknown"]) == 0
    assert download_size({"x": {"size": "9", "depends": [7]}}, ["x"]) == 0  # what a lock should not hold


def test_install_detail_says_what_is_known_and_passes_the_pages_check() -> None:
    assert install_detail(["attrs"]) == "attrs"
    assert install_detail(["attrs", "toml==0.10.2"], 312_400) == "attrs, toml==0.10.2 (312 kB)"
    assert install_detail(["numpy"], 3_456_789, 2.7) == "numpy (3.5 MB, 2 s)"
    assert install_detail(["humanize"], 0, 4.2) == "humanize (4 s)"
    long = install_detail([f"package{i}" for i in range(80)], 5_000, 12)
    assert len(long) <= 301 and long.endswith(" (5 kB, 12 s)")
    for detail in ("attrs", "attrs, toml==0.10.2 (312 kB)", "numpy (3.5 MB, 2 s)", long):
        assert PACKAGES.fullmatch(detail), detail


def test_the_site_lock_gives_the_size_of_every_file_it_ships() -> None:
    lock = ROOT / "dist" / "pyodide" / "pyodide-lock.json"
    if not lock.exists():
        import pytest

        pytest.skip("build the site first (python3 build.py)")
    packages = json.loads(lock.read_text())["packages"]
    local = {n: e for n, e in packages.items() if "://" not in e["file_name"]}
    assert local and all(e["size"] == (lock.parent / e["file_name"]).stat().st_size for e in local.values())
