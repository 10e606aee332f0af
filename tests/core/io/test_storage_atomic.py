"""Atomic saves: a process killed while saving leaves the old file or the new one, never a mix."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from dzp_planner.core.guidance import templates
from dzp_planner.core.io import plan_format, storage

WRITER = r"""
import sys
from dzp_planner.core.io import storage
from dzp_planner.core.guidance import templates
plan = templates.plan_from_template("mono-boc-protection")
plan.notes = "x" * 90_000  # a large plan makes each write take measurable time
i = 0
print("ready", flush=True)
while True:
    plan.title = f"version {i}"
    storage.save_plan(plan, sys.argv[1])
    i += 1
"""


def test_kill_during_save_never_leaves_a_partial_file(tmp_path):
    target = tmp_path / "plan.dzp"
    original = templates.plan_from_template("mono-boc-protection")
    storage.save_plan(original, target)
    kills = 0
    for round_ in range(20):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        time.sleep(0.01 + 0.007 * (round_ % 7))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        kills += 1
        plan = storage.load_plan(target)  # raises if the file is a mix or truncated
        assert plan.title == original.title or plan.title.startswith("version ")
    assert kills == 20
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "plan.dzp"]
    # a kill between mkstemp and replace may leave a hidden temp file; never a damaged plan
    assert all(name.startswith(".plan.dzp.") and name.endswith(".tmp") for name in leftovers)


def test_save_replaces_content_exactly(tmp_path):
    plan = templates.plan_from_template("reductive-mono-alkylation")
    path = tmp_path / "a.dzp"
    storage.save_plan(plan, path)
    assert path.read_bytes() == plan_format.dumps(plan)
