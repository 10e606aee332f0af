"""Frozen bundle against the venv: wall time of `--self-test` and the bundle's size.

    DZP_BENCH_BUNDLE=1 DZP_BUNDLE_DIR=dist .venv/bin/python bench/bench_bundle.py
Never asserts.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _time(cmd: list[str], runs: int) -> list[float]:
    out = []
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DZP_PLANNER_HOME=tempfile.mkdtemp())
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env, check=True)
        out.append(time.perf_counter() - started)
    return out


def main(runs: int = 5) -> None:
    bundle = Path(os.environ.get("DZP_BUNDLE_DIR", "dist")) / "dzp-planner"
    exe = bundle / "dzp-planner"
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20
    _time([str(exe), "--self-test"], 1)  # warm caches
    frozen = _time([str(exe), "--self-test"], runs)
    venv = _time([sys.executable, "-m", "dzp_planner", "--self-test"], runs)
    print(f"| bundle size on disk | {size:.0f} MiB | budget 350 MiB (400 at most) |")
    print(f"| frozen --self-test  | median {statistics.median(frozen):.2f} s | min {min(frozen):.2f} s | max {max(frozen):.2f} s |")
    print(f"| venv --self-test    | median {statistics.median(venv):.2f} s | min {min(venv):.2f} s | max {max(venv):.2f} s |")


if __name__ == "__main__":
    main()
