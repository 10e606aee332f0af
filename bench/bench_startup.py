"""Cold start of DZP Planner against a bare PySide6 window, as ratios (issue 9).

Each run spawns a fresh process and measures, from the spawn, the wall time to the first
paint and (for DZP Planner) to all panels populated, using `--self-test`'s timestamps. The
bare reference is a QMainWindow shown and closed in the same way. Also reports the peak RSS
of the self-test. Prints medians, min, max and the budgets; never fails on time.

Two kinds of DZP Planner start, interleaved: a repeat start, which shows the plot from the
picture stored when it was last drawn (`gui/plot/picture_cache.py`), and a first start, whose
stored pictures are deleted before the run, so the plot waits for matplotlib. Both use a
cache folder of the benchmark's own (the matplotlib font cache is kept in it for both).

    .venv/bin/python bench/bench_startup.py [runs]
"""

from __future__ import annotations

import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

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


CACHE = Path(tempfile.mkdtemp(prefix="dzp-bench-cache-"))


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["DZP_PLANNER_CACHE"] = str(CACHE)
    # An installed program runs from compiled bytecode (pip compiles it, a bundle ships it);
    # with PYTHONDONTWRITEBYTECODE set, every run would recompile the package from source.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def bare_first_paint() -> float:
    spawned = time.time()
    out = subprocess.run([sys.executable, "-c", BARE], capture_output=True, text=True, env=_env(), check=True)
    return float(out.stdout.strip().splitlines()[-1]) - spawned


def app_run(first_start: bool = False) -> dict[str, float]:
    """One `--self-test` run; seconds from the spawn to each moment, and the peak RSS in MiB."""
    if first_start:
        shutil.rmtree(CACHE / "plots", ignore_errors=True)
    spawned = time.time()
    out = subprocess.run([sys.executable, "-m", "dzp_planner", "--self-test"], capture_output=True, text=True, env=_env())
    ended = time.time()
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if not result["ok"]:
        print("self-test problems:", result["problems"], file=sys.stderr)
    if result.get("plot_from_picture") == first_start:
        print(f"warning: a {'first' if first_start else 'repeat'} start measured the other path", file=sys.stderr)
    started = result["epoch"]["first_paint"] - result["timings_ms"]["to_first_paint"] / 1000  # run_gui's clock
    each = sorted(p["populated_ms"] / 1000 + started - spawned for p in result["panels"].values())
    live_ms = result["timings_ms"].get("to_plot_live")
    return {
        "paint": result["epoch"]["first_paint"] - spawned,
        "populated": result["epoch"]["panels_populated"] - spawned,
        "live": (live_ms / 1000 + started - spawned) if live_ms is not None else float("nan"),
        "total": ended - spawned,
        "rss": result["peak_rss_mib"],
        "first_panel": each[0],
        "three_panels": each[-2],
    }


def row(name: str, values: list[float], budget: str, unit: str = "ms", scale: float = 1000.0) -> str:
    v = [x * scale for x in values if not math.isnan(x)]  # a run that never got there reports nothing
    if not v:
        return f"| {name:<40} | {'never':>9} | {'':>9} | {'':>9} | {unit:<4} | {budget:<26} |"
    return f"| {name:<40} | {statistics.median(v):>9.1f} | {min(v):>9.1f} | {max(v):>9.1f} | {unit:<4} | {budget:<26} |"


def main(runs: int = 7) -> None:
    bare_first_paint()  # warm the OS file cache for both, the font cache and the stored picture
    app_run(first_start=True)
    bare: list[float] = []
    repeat: list[dict[str, float]] = []
    first: list[dict[str, float]] = []
    try:
        for _ in range(runs):
            bare.append(bare_first_paint())
            repeat.append(app_run())
            first.append(app_run(first_start=True))
    finally:
        shutil.rmtree(CACHE, ignore_errors=True)

    def of(runs_: list[dict[str, float]], name: str) -> list[float]:
        return [r[name] for r in runs_]

    def ratio(runs_: list[dict[str, float]], name: str) -> list[float]:
        return [r[name] / b for r, b in zip(runs_, bare, strict=True)]

    print(f"cold start, {runs} runs each, platform {_env()['QT_QPA_PLATFORM']}")
    print("| measure                                  |    median |       min |       max | unit | budget                     |")
    print("|------------------------------------------|-----------|-----------|-----------|------|----------------------------|")
    print(row("bare QMainWindow: spawn → first paint", bare, "reference"))
    print(row("DZP Planner: spawn → first paint", of(repeat, "paint"), ""))
    print(row("DZP Planner: spawn → first panel shown", of(repeat, "first_panel"), ""))
    print(row("DZP Planner: spawn → all but the plot", of(repeat, "three_panels"), ""))
    print(row("DZP Planner: spawn → panels populated", of(repeat, "populated"), "repeat start"))
    print(row("  then the plot live (answers the mouse)", of(repeat, "live"), "repeat start"))
    print(row("  first start (no stored plot picture)", of(first, "populated"), "plot waits for matplotlib"))
    print(row("DZP Planner: whole --self-test", of(repeat, "total"), ""))
    print(row("first paint / bare window", ratio(repeat, "paint"), "≤ 2×", "×", 1.0))
    print(row("all but the plot / bare window", ratio(repeat, "three_panels"), "(3 of 4 panels)", "×", 1.0))
    print(row("panels populated / bare window", ratio(repeat, "populated"), "≤ 4× (repeat start)", "×", 1.0))
    print(row("  first start / bare window", ratio(first, "populated"), "≤ 4× (not met)", "×", 1.0))
    print(row("self-test peak RSS", of(repeat, "rss") + of(first, "rss"), "< 300 MiB", "MiB", 1.0))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
