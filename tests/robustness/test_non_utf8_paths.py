"""File names and homes that are not UTF-8 (issue 25): they round-trip as bytes, with no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes; Windows names are UTF-16")
CLI = [sys.executable, "-m", "dzp_planner"]


def _run(*args: bytes, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*(os.fsencode(a) for a in CLI), *args], capture_output=True, env=env, timeout=120)


def test_a_plan_named_in_latin_1_is_written_read_and_its_path_given_back_as_its_bytes(tmp_path):
    name = os.fsencode(tmp_path) + b"/plan-\xff.dzp"
    made = _run(b"new", b"--template", b"mono-boc-protection", name)
    assert made.returncode == 0 and made.stderr == b""  # no logging traceback
    out = json.loads(made.stdout)  # valid UTF-8 JSON: the odd byte is escaped
    assert os.fsencode(out["path"]) == name and os.path.exists(name)
    csv = os.fsencode(tmp_path) + b"/table-\xfe.csv"
    exported = _run(b"export", name, b"--csv", csv)
    assert exported.returncode == 0 and exported.stderr == b"" and os.path.exists(csv)
    assert os.fsencode(json.loads(exported.stdout)["written"][0]["path"]) == csv


def test_a_latin_1_data_home_keeps_its_settings(qapp, tmp_path, monkeypatch):
    from dzp_planner.gui.document import settings

    home = os.fsencode(tmp_path) + b"/home-\xfd"
    os.mkdir(home)
    monkeypatch.setenv("DZP_PLANNER_HOME", os.fsdecode(home))
    stored = settings.app_settings()
    stored.setValue("test/value", 42)
    stored.sync()
    assert os.path.exists(home + b"/settings.ini")  # in the home, not in a folder named with U+FFFD
    assert [p for p in os.listdir(os.fsencode(tmp_path)) if b"\xef\xbf\xbd" in p] == []
    assert int(settings.app_settings().value("test/value")) == 42
    assert Path(settings.qt_path(tmp_path)) == tmp_path  # a UTF-8 folder is used as it is

