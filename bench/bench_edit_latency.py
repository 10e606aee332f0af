"""How a substrate edit and a table cell edit feel on the whole window at 1366×768 (issue 23).

Each run starts `dzp-planner --self-test --size 1366x768` in a fresh process (Xvfb or the
offscreen platform, whatever the environment gives) and reads its `edit_latency`: the number
of derivationChanged emissions per edit, the edit's synchronous time and the longest event-loop
gap in the second after it (5 ms heartbeat). Prints medians and ranges; never fails on time.

    .venv/bin/python bench/bench_edit_latency.py [runs]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile


def one_run() -> dict:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, DZP_PLANNER_HOME=home)
        out = subprocess.run([sys.executable, "-m", "dzp_planner", "--self-test", "--size", "1366x768"], env=env,
                             capture_output=True, text=True, timeout=180)
    return json.loads(out.stdout.strip().splitlines()[-1])["edit_latency"]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    results = [one_run() for _ in range(runs)]
    for edit in ("substrate", "cell"):
        for key in ("signals", "sync_ms", "longest_stall_ms"):
            values = [r[edit][key] for r in results]
            print(f"{edit:9s} {key:17s} median {statistics.median(values):7.1f}   range {min(values):.1f}-{max(values):.1f}")
    print("budget: one signal per edit; longest stall under 100 ms")


if __name__ == "__main__":
    main()
