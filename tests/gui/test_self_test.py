"""`dzp-planner --self-test` starts the real GUI, checks every panel and reports timings."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def test_self_test_passes_and_reports_every_panel(tmp_path):
    env = dict(os.environ, DZP_PLANNER_HOME=str(tmp_path / "home"))
    out = subprocess.run([sys.executable, "-m", "dzp_planner", "--self-test"], capture_output=True, text=True, env=env, timeout=180)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert out.returncode == 0, result
    assert result["ok"] and result["problems"] == [] and result["text_renders"]
    assert set(result["panels"]) == {"structurePanel", "decisionPanel", "stoichiometryPanel", "distributionPanel"}
    assert all(p["populated"] and p["painted"] for p in result["panels"].values())
    timings = result["timings_ms"]
    assert 0 < timings["to_first_paint"] <= timings["to_panels_populated"] <= timings["total"]
    # panels fill one by one after the first frame; the last one is the moment of "populated"
    each = [p["populated_ms"] for p in result["panels"].values()]
    assert all(timings["to_first_paint"] <= ms <= timings["to_panels_populated"] for ms in each)
    assert max(each) == timings["to_panels_populated"]
