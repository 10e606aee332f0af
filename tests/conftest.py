"""Test-wide rules: a fresh data directory per test, no network, GUI tests auto-marked.

- `DZP_PLANNER_HOME` points at a new temporary folder for every test, so the library
  database, autosaves, settings and logs never leak between tests or into the user's home.
- `DZP_PLANNER_CACHE` points at one temporary folder for the session: the stored plot
  pictures a start-up shows (`gui/plot/picture_cache.py`) come from this run's tests, never from
  whatever the machine's cache holds.
- Any socket connection fails the test: the app must never touch the network.
- Tests that use `qtbot` or `qapp` are marked `gui`, so `pytest -m "not gui"` runs the
  Qt-free suite alone on a machine with no display.
"""

from __future__ import annotations

import os
import socket
import tempfile

import pytest

# Qt aborts with a misleading "xcb-cursor0" message when neither is set; default to offscreen
# for quick local runs. CI sets DISPLAY (Xvfb) and keeps the real xcb platform.
if not os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("MPLBACKEND", "Agg")
# one matplotlib font cache for every test run and the GUI children they start: the per-session
# cache folder below would otherwise make each session (and each test with its own cache
# folder) rebuild it, 0.4 s a time
os.environ.setdefault("MPLCONFIGDIR", os.path.join(tempfile.gettempdir(), "dzp-planner-tests-mplconfig"))


class NetworkAccessError(AssertionError):
    pass


@pytest.fixture(autouse=True, scope="session")
def _session_cache(tmp_path_factory):
    cache = tmp_path_factory.mktemp("dzp-cache")
    before = os.environ.get("DZP_PLANNER_CACHE")
    os.environ["DZP_PLANNER_CACHE"] = str(cache)  # children (self-test runs) inherit it
    yield cache
    if before is None:
        os.environ.pop("DZP_PLANNER_CACHE", None)
    else:
        os.environ["DZP_PLANNER_CACHE"] = before


@pytest.fixture(autouse=True)
def _fresh_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("dzp-home")
    monkeypatch.setenv("DZP_PLANNER_HOME", str(home))
    yield home


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise NetworkAccessError(f"network access attempted: {args!r}")

    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield


def pytest_collection_modifyitems(config, items):
    for item in items:
        if {"qtbot", "qapp", "qtmodeltester"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def data_home(_fresh_home):
    """The per-test data directory (same folder as $DZP_PLANNER_HOME)."""
    return _fresh_home
