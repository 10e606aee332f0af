"""PDF export of the Protocol 2 plan: median of repeated exports (budget 1 s). Never asserts."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(runs: int = 7) -> None:
    from PySide6.QtGui import QGuiApplication

    from dzp_planner.core.guidance import templates
    from dzp_planner.gui.report.report import export_plan_pdf
    from dzp_planner.gui.widgets.fonts import ensure_usable_font

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ensure_usable_font(app)
    plan = templates.plan_from_template("mono-boc-protection")
    out = Path(tempfile.mkdtemp()) / "bench.pdf"
    started = time.perf_counter()
    export_plan_pdf(plan, out)  # first export pays the imports (matplotlib, RDKit drawing)
    first = time.perf_counter() - started
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        export_plan_pdf(plan, out)
        times.append(time.perf_counter() - started)
    ms = [t * 1000 for t in times]
    print("| measure                     |   median |      min |      max | budget |")
    print("|-----------------------------|----------|----------|----------|--------|")
    print(f"| PDF export, Protocol 2      | {statistics.median(ms):6.0f} ms | {min(ms):6.0f} ms | {max(ms):6.0f} ms | 1000 ms |")
    print(f"| first export (with imports) | {first * 1000:6.0f} ms |          |          |        |")


if __name__ == "__main__":
    main()
