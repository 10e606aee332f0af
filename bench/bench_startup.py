"""Cold start of DZP Planner against a bare PySide6 window, as ratios (issue 9).

Each run spawns a fresh process and measures, from the spawn, the wall time to the first
paint and (for DZP Planner) to all panels populated, using `--self-test`'s timestamps. The
bare reference is a QMainWindow shown and closed in the same way. Also reports the peak RSS
of the self-test. Prints medians, min, max and the budgets; never fails on time.

    .venv/bin/python bench/bench_startup.py [runs]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import textwrap
import time

BARE = textwrap.dedent(
    """
    import time, sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow
    class First(QObject):
        at = None
        def eventFilter(self, o, e):
            if self.at is None and e.type() == QEvent.Type.Paint:
                self.at = time.time()
            return False
    app = QApplication([])
    w = QMainWindow(); w.resize(1440, 900)
    f = First(); w.installEventFilter(f)
    w.show()
    while f.at is None:
        app.processEvents()
    print(f.at)
    w.close()
    """
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # An installed program runs from compiled bytecode (pip compiles it, a bundle ships it);
    # with PYTHONDONTWRITEBYTECODE set, every run would recompile the package from source.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def bare_first_paint() -> float:
    spawned = time.time()
    out = subprocess.run([sys.executable, "-c", BARE], capture_output=True, text=True, env=_env(), check=True)
    return float(out.stdout.strip().splitlines()[-1]) - spawned


def app_run() -> tuple[float, float, float, float, float, float]:
    spawned = time.time()
    out = subprocess.run([sys.executable, "-m", "dzp_planner", "--self-test"], capture_output=True, text=True, env=_env())
    ended = time.time()
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if not result["ok"]:
        print("self-test problems:", result["problems"], file=sys.stderr)
    started = result["epoch"]["first_paint"] - result["timings_ms"]["to_first_paint"] / 1000  # run_gui's clock
    each = sorted(p["populated_ms"] / 1000 + started - spawned for p in result["panels"].values())
    return (
        result["epoch"]["first_paint"] - spawned,
        result["epoch"]["panels_populated"] - spawned,
        ended - spawned,
        result["peak_rss_mib"],
        each[0],
        each[-2],
    )


def row(name: str, values: list[float], budget: str, unit: str = "ms", scale: float = 1000.0) -> str:
    v = [x * scale for x in values]
    return f"| {name:<38} | {statistics.median(v):>9.1f} | {min(v):>9.1f} | {max(v):>9.1f} | {unit:<4} | {budget:<22} |"


def main(runs: int = 7) -> None:
    bare_first_paint()  # warm the OS file cache for both
    app_run()
    bare, paint, populated, total, rss, first_panel, three_panels = [], [], [], [], [], [], []
    for _ in range(runs):
        bare.append(bare_first_paint())
        p, pop, t, r, first, three = app_run()
        paint.append(p)
        populated.append(pop)
        total.append(t)
        rss.append(r)
        first_panel.append(first)
        three_panels.append(three)
    ratio_paint = [p / b for p, b in zip(paint, bare)]
    ratio_pop = [p / b for p, b in zip(populated, bare)]
    print(f"cold start, {runs} runs each, platform {_env()['QT_QPA_PLATFORM']}")
    print("| measure                                |    median |       min |       max | unit | budget                 |")
    print("|----------------------------------------|-----------|-----------|-----------|------|------------------------|")
    print(row("bare QMainWindow: spawn → first paint", bare, "reference"))
    print(row("DZP Planner: spawn → first paint", paint, ""))
    print(row("DZP Planner: spawn → first panel shown", first_panel, ""))
    print(row("DZP Planner: spawn → all but the plot", three_panels, ""))
    print(row("DZP Planner: spawn → panels populated", populated, ""))
    print(row("DZP Planner: whole --self-test", total, ""))
    print(row("first paint / bare window", ratio_paint, "≤ 2×", "×", 1.0))
    print(row("all but the plot / bare window", [t / b for t, b in zip(three_panels, bare)], "(3 of 4 panels)", "×", 1.0))
    print(row("panels populated / bare window", ratio_pop, "≤ 4×", "×", 1.0))
    print(row("self-test peak RSS", rss, "< 300 MiB", "MiB", 1.0))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
