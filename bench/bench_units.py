"""Benchmark: pint at run time (issue 18). What it costs, where it runs, and what it stalls.

Reports, as medians over fresh processes: importing pint; building the app's registry from
`resources/data/units.txt` against pint's default registry; `unit_registry.install` (factors
and dimensional checks of every allow-listed unit); parsing a typed quantity before and after
the install (the hot path of a table recompute); and, in a live Qt event loop with a 5 ms
heartbeat, the longest stall while `load_in_background` imports pint on its thread (the GUI's
budget is 100 ms). Never fails on time.

    .venv/bin/python bench/bench_units.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = textwrap.dedent(
    """
    import json, sys, time
    sys.path.insert(0, {root!r})
    import numpy, rdkit.Chem  # loaded before pint in the app too (RDKit brings numpy)
    from dzp_planner.core.quantities import unit_registry, units
    texts = ["250 mg", "2.5 mL", "0.1 M", "1.5 equiv", "2.3 mmol/g", "100 µmol/h"] * 500
    t = time.perf_counter()
    for x in texts:
        units.parse_quantity(x)
    before = (time.perf_counter() - t) / len(texts) * 1e6
    t = time.perf_counter(); import pint; imported = time.perf_counter() - t
    t = time.perf_counter(); pint.UnitRegistry(str(unit_registry.definitions_file()), cache_folder=None); ours = time.perf_counter() - t
    t = time.perf_counter(); pint.UnitRegistry(cache_folder=None); default = time.perf_counter() - t
    t = time.perf_counter(); unit_registry.install(); install = time.perf_counter() - t
    t = time.perf_counter()
    for x in texts:
        units.parse_quantity(x)
    after = (time.perf_counter() - t) / len(texts) * 1e6
    print(json.dumps(dict(import_ms=imported * 1e3, ours_ms=ours * 1e3, default_ms=default * 1e3,
                          install_ms=install * 1e3, parse_before_us=before, parse_after_us=after)))
    """
)

STALL = textwrap.dedent(
    """
    import json, sys, time
    sys.path.insert(0, {root!r})
    import numpy, rdkit.Chem
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from dzp_planner.core.quantities import unit_registry
    app = QApplication([])
    beats = []
    timer = QTimer(); timer.setInterval(5); timer.timeout.connect(lambda: beats.append(time.perf_counter())); timer.start()
    def go():
        unit_registry.load_in_background()
    QTimer.singleShot(50, go)
    def check():
        if unit_registry.installed() and time.perf_counter() - beats[-1] < 1:
            QTimer.singleShot(100, app.quit)
        else:
            QTimer.singleShot(20, check)
    QTimer.singleShot(60, check)
    app.exec()
    gaps = [b - a for a, b in zip(beats, beats[1:])]
    print(json.dumps(dict(longest_stall_ms=max(gaps) * 1e3)))
    """
)


def _run(code: str) -> dict[str, float]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = subprocess.run([sys.executable, "-c", code.format(root=str(ROOT))], capture_output=True, text=True,
                         env=env, check=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    samples = [_run(CHILD) | _run(STALL) for _ in range(runs)]
    rows = [
        ("import pint (numpy and RDKit already loaded)", "import_ms", "ms", "off the start path"),
        ("registry from resources/data/units.txt", "ours_ms", "ms", ""),
        ("pint's default registry, for comparison", "default_ms", "ms", ""),
        ("install: factors and dimensions of every unit", "install_ms", "ms", ""),
        ("parse one quantity, written factors", "parse_before_us", "µs", ""),
        ("parse one quantity, pint's factors", "parse_after_us", "µs", ""),
        ("longest event-loop stall while pint loads", "longest_stall_ms", "ms", "≤ 100 ms"),
    ]
    print(f"pint at run time, {runs} fresh processes each")
    print(f"| {'measure':<48} | {'median':>8} | {'min':>8} | {'max':>8} | unit | budget             |")
    print(f"|{'-' * 50}|{'-' * 10}|{'-' * 10}|{'-' * 10}|------|--------------------|")
    for label, key, unit, budget in rows:
        values = [s[key] for s in samples]
        print(f"| {label:<48} | {statistics.median(values):8.2f} | {min(values):8.2f} | {max(values):8.2f} | {unit:<4} | {budget:<18} |")


if __name__ == "__main__":
    main()
