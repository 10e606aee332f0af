"""What the lab tests share: the `lab` command run in-process, and a workstation (a home of its own)."""

from __future__ import annotations

import json

from dzp_planner import cli
from dzp_planner.core.io.library import PlanLibrary


def lab(capsys, *args: str) -> tuple[int, dict | str]:
    code = cli.run(["lab", *args])
    captured = capsys.readouterr()
    return code, (json.loads(captured.out) if code == 0 else captured.err.strip())


def workstation(tmp_path, monkeypatch, name: str, dsn: str | None) -> PlanLibrary:
    """A workstation is a home of its own (its library and its sync state) and a chemist's connection
    (None: no DZP_PLANNER_LAB, the workstation's saved DSN is used)."""
    home = tmp_path / name
    home.mkdir(exist_ok=True)
    monkeypatch.setenv("DZP_PLANNER_HOME", str(home))
    if dsn is None:
        monkeypatch.delenv("DZP_PLANNER_LAB", raising=False)
    else:
        monkeypatch.setenv("DZP_PLANNER_LAB", dsn)
    return PlanLibrary(home / "library.sqlite")
