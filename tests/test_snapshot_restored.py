"""A restored snapshot's interpreter gets this machine's time zone constants
(kernel_py/browser/snapshot.py): computed as Python's own time module does."""

from __future__ import annotations

import time

import pytest

from kernel_py.browser.snapshot import local_time_zone


@pytest.mark.parametrize("zone", ["America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"])
def test_time_zone_constants_match_a_fresh_import(monkeypatch, zone):
    monkeypatch.setenv("TZ", zone)
    time.tzset()  # what a fresh interpreter in that zone sees
    expected = (time.timezone, time.altzone, time.daylight, time.tzname)
    # the constants of another machine's interpreter (a snapshot made elsewhere)
    monkeypatch.setattr(time, "timezone", 12345)
    monkeypatch.setattr(time, "altzone", 12345)
    monkeypatch.setattr(time, "daylight", 7)
    monkeypatch.setattr(time, "tzname", ("ELSEWHERE", "ELSEWHERE"))
    local_time_zone()
    assert (time.timezone, time.altzone, time.daylight, time.tzname) == expected


@pytest.fixture(autouse=True)
def _restore_zone():
    yield
    time.tzset()  # after monkeypatch gave TZ back
