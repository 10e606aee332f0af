"""kill -9 during save, 100 times: the plan file is always the old or a new complete plan."""

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
plan.notes = "n" * 60_000
print("ready", flush=True)
i = 0
while True:
    plan.title = f"version {i}"
    storage.save_plan(plan, sys.argv[1])
    i += 1
"""


def test_one_hundred_kills_never_leave_a_mixed_file(tmp_path):
    target = tmp_path / "plan.dzp"
    original = templates.plan_from_template("mono-boc-protection")
    storage.save_plan(original, target)
    old_bytes = target.read_bytes()
    versions_seen = set()
    # Several writers in a row share one interpreter start-up cost; kills land at varied times.
    for round_ in range(100):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(0.002 * (round_ % 11))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        data = target.read_bytes()
        plan = plan_format.loads(data)  # raises on any partial or mixed content
        if data != old_bytes:
            assert plan.title.startswith("version ") and plan.notes == "n" * 60_000
        versions_seen.add(plan.title)
    assert len(versions_seen) > 1, "the writers never got to save: the test did not exercise the race"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "plan.dzp"]
    # a kill between mkstemp and replace may leave a hidden temp file; never a damaged plan
    assert all(name.startswith(".plan.dzp.") and name.endswith(".tmp") for name in leftovers), leftovers
