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


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DZP_PLANNER_HOME=tempfile.mkdtemp())
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the venv runs from compiled bytecode, as installed
    return env


def _once(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, capture_output=True, env=env, check=True)
    return time.perf_counter() - started


def _venv_command() -> list[str]:
    script = Path(sys.executable).with_name("dzp-planner")  # the console script pip installed
    return [str(script)] if script.exists() else [sys.executable, "-m", "dzp_planner"]


def main(runs: int = 7) -> None:
    bundle = Path(os.environ.get("DZP_BUNDLE_DIR", "dist")) / "dzp-planner"
    exe = bundle / "dzp-planner"
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files) / 2**20
    on_disk = sum(p.stat().st_blocks * 512 for p in files) / 2**20
    env = _env()
    frozen_cmd, venv_cmd = [str(exe), "--self-test"], [*_venv_command(), "--self-test"]
    _once(frozen_cmd, env), _once(venv_cmd, env)  # warm the file cache; the venv writes its .pyc
    frozen, venv = [], []
    for _ in range(runs):  # interleaved, so drift on the machine hits both alike
        frozen.append(_once(frozen_cmd, env))
        venv.append(_once(venv_cmd, env))
    ratio = [f / v for f, v in zip(frozen, venv, strict=True)]
    print(f"| bundle size | {size:.0f} MiB ({on_disk:.0f} MiB on disk), {len(files)} files | budget 350 MiB (400 at most) |")
    print(f"| frozen --self-test  | median {statistics.median(frozen):.2f} s | min {min(frozen):.2f} s | max {max(frozen):.2f} s |")
    print(f"| venv --self-test    | median {statistics.median(venv):.2f} s | min {min(venv):.2f} s | max {max(venv):.2f} s | {' '.join(venv_cmd[:1])} |")
    print(f"| frozen / venv       | median {statistics.median(ratio):.2f} | min {min(ratio):.2f} | max {max(ratio):.2f} | budget ≤ 1 |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
