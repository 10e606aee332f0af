"""Atomic saves write exactly the plan's bytes.

A process killed while saving (the old file or the new one, never a mix, only hidden temporary
files left): tests/robustness/test_kill_during_save_loop.py, 100 kills.
"""

from __future__ import annotations

from dzp_planner.core.guidance import templates
from dzp_planner.core.io import plan_format, storage


def test_save_replaces_content_exactly(tmp_path):
    plan = templates.plan_from_template("reductive-mono-alkylation")
    path = tmp_path / "a.dzp"
    storage.save_plan(plan, path)
    assert path.read_bytes() == plan_format.dumps(plan)
