"""Benchmark: fitting k2/k1 to measured runs (issue 19), which recording a run does on the window's thread.

Runs made from the closed form at k2/k1 = 0.4 over 0.6-1.5 equiv; medians of fresh fits (the
fit cache is bypassed). The GUI's budget for one edit is 100 ms. Never fails on time.

    .venv/bin/python bench/bench_fitting.py [--repeats N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.closed_form import exact_point

from dzp_planner.core.models import fitting

EQUIVALENTS = [0.6, 0.8, 1.0, 1.2, 1.4, 0.7, 0.9, 1.1, 1.3, 1.5] * 20  # 200 runs: a plan file's limit


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    repeats = parser.parse_args().repeats
    runs = []
    for equiv in EQUIVALENTS:
        sm, mono, bis = exact_point(equiv, 0.4)
        runs.append(fitting.Run(sm * 100, mono * 100, bis * 100, equiv=equiv))
    print(f"fit of k2/k1 to N runs, median of {repeats}")
    print("| runs | median ms | min ms | max ms | per run ms | budget |")
    print("|------|-----------|--------|--------|------------|--------|")
    for n in (1, 3, 7, 10, 20, 50, 200):
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            fitting.fit_runs(runs[:n])
            times.append((time.perf_counter() - started) * 1000)
        median = statistics.median(times)
        print(f"| {n:>4} | {median:9.1f} | {min(times):6.1f} | {max(times):6.1f} | {median / n:10.1f} | 100 ms |")


if __name__ == "__main__":
    main()
