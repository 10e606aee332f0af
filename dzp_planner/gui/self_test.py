"""`dzp-planner --self-test`: start the real window, load the sample plan, check every panel.

It answers "does this installation work?" on a lab PC or a frozen bundle, so it checks what
a person would see: each panel filled from the plan and painted (not blank), text that
actually renders (a machine with no fonts draws empty boxes without any error), and an
undoable edit reaching the other panels. It prints one JSON object with timings and exits
0, or 1 with the reasons.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from dzp_planner import __version__


class _FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.at is None and event.type() == QEvent.Type.Paint:
            self.at = time.perf_counter()
        return False


def _wait(app: QApplication, condition, timeout_s: float) -> bool:
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            return False
        app.processEvents()
        time.sleep(0.002)
    return True


def painted(widget: QWidget) -> bool:
    """True when the widget's pixels are not one flat colour (something was drawn)."""
    image: QImage = widget.grab().toImage()
    if image.isNull() or image.width() < 10 or image.height() < 10:
        return False
    colours = set()
    step_x, step_y = max(1, image.width() // 40), max(1, image.height() // 40)
    for y in range(0, image.height(), step_y):
        for x in range(0, image.width(), step_x):
            colours.add(QColor(image.pixel(x, y)).rgb())
            if len(colours) > 3:
                return True
    return False


def _peak_rss_mib() -> float | None:
    try:
        import resource  # POSIX only
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_self_test(app: QApplication, window, started: float, size: tuple[int, int] | None = None) -> int:
    from dzp_planner.gui.widgets.fonts import text_renders

    problems: list[str] = []
    first_paint = _FirstPaint()
    window.installEventFilter(first_paint)
    # as at a real start, the plan is opened after the first frame (open_initial_plan)
    window.after_first_paint(window.documents.open_sample)
    opened = [window.width(), window.height()]  # as the window opened (fresh settings), before any resizing here
    if size is not None:  # the size asked for, or the screen's if smaller, with the layout that screen gets
        screen = window.screen().availableGeometry()
        width, height = min(size[0], screen.width()), min(size[1], screen.height())
        window.arrange_docks(height < window.COMPACT_BELOW)
        if app.platformName() == "offscreen":  # its made-up screen is no limit: lay out at the size asked
            width, height = size
        window.resize(width, height)
    elif app.platformName() == "offscreen":
        window.resize(1440, 900)  # the timings' reference size (the offscreen screen is no limit)
    else:
        screen = window.screen().availableGeometry()
        window.resize(min(1440, screen.width()), min(900, screen.height()))
    window.show()
    shown = time.perf_counter()
    if not _wait(app, lambda: first_paint.at is not None, 10):
        problems.append("the main window was never painted")
    # populated = every panel shows the plan (the plot drawn, not merely scheduled); the
    # panels fill one by one, so note when each one got there
    panel_at: dict[str, float] = {}

    def all_populated() -> bool:
        for name, panel in window.panels.items():
            if name not in panel_at and panel.is_populated():
                panel_at[name] = time.perf_counter()
        return bool(window.startup_problems) or len(panel_at) == len(window.panels)

    if not _wait(app, all_populated, 60):
        problems.append("the panels were not populated within 60 s")
    # the moment the last panel got there (one clock reading, so the report agrees with itself)
    populated = max(panel_at.values()) if len(panel_at) == len(window.panels) else time.perf_counter()
    from_picture = window.distribution_panel.started_from_picture  # which start the timings measure
    problems.extend(window.startup_problems)
    if window.startup_problems:
        return _report(app, window, problems, started, shown, first_paint.at, populated, populated, {}, False, from_picture)
    _wait(app, lambda: False, 0.05)  # let deferred redraws land

    panels: dict[str, Any] = {}
    for name, panel in window.panels.items():
        ok_data = bool(panel.is_populated())
        ok_paint = painted(panel)
        panels[name] = {"populated": ok_data, "painted": ok_paint,
                        "populated_ms": round((panel_at[name] - started) * 1000, 1) if name in panel_at else None}
        if not ok_data:
            problems.append(f"{name} does not show the plan")
        if not ok_paint:
            problems.append(f"{name} is blank")

    fonts_ok = text_renders()
    if not fonts_ok:
        problems.append("text does not render (no usable font)")

    # the plot turns live by itself (matplotlib loads in the background), replacing its
    # stored picture or its placeholder, before anybody touches it
    plot = window.distribution_panel
    if _wait(app, lambda: plot.is_live() or bool(plot.unavailable), 30) and not plot.unavailable:
        live = time.perf_counter()
    else:
        live = None
        problems.append(f"the plot cannot be drawn: {plot.unavailable}" if plot.unavailable else "the plot never became live after the start")

    # how an edit feels: one derivationChanged per edit, and the longest stall after it
    from dzp_planner.core.quantities import unit_registry
    from dzp_planner.gui.edit_latency import measure_window

    # an edit as a chemist makes it, not one racing the start-up's last import: pint loads on a thread after
    # the live plot's first draw (~0.12 s holding the GIL), and an edit measured under it stalled 30-60 ms longer
    _wait(app, lambda: unit_registry.installed() or unit_registry.background_load_ended(), 10.0)
    picture = window.distribution_panel.picture
    picture.holding = True  # the measured edits draw plots no start opens: no stored picture of them
    try:
        edit_latency = measure_window(app, window)
        while window.controller.undo_stack.canUndo():  # back to the sample plan for the checks below
            window.controller.undo_stack.undo()
    finally:
        picture.holding = False  # the sample's own picture is stored once its plot settles again (or on close)
    for what, numbers in edit_latency.items():
        if numbers["signals"] != 1:
            problems.append(f"a {what} edit emitted derivationChanged {numbers['signals']} times, not once")
    # an undoable edit must reach the panels through the plan, and undo must restore it
    controller = window.controller
    before = controller.plan.model.k2_k1
    model = controller.plan.get_section("model")
    model.k2_k1 = 0.1
    controller.edit("model", model, "Self-test: change k2/k1")
    # the plot redraws on a turn of its own, after the jobs the undos above queued (gui/widgets/turns.py)
    _wait(app, lambda: window.distribution_panel.is_populated() and controller.plan.model.k2_k1 == 0.1, 5.0)
    if not window.distribution_panel.is_populated() or controller.plan.model.k2_k1 != 0.1:
        problems.append("an edit did not reach the distribution panel")
    controller.undo_stack.undo()
    if controller.plan.model.k2_k1 != before:
        problems.append("undo did not restore the plan")
    done = time.perf_counter()

    from dzp_planner.gui import crash_handler

    if crash_handler.recorded:
        problems.append(f"{len(crash_handler.recorded)} uncaught exception(s); see the log")
    layout = None
    if size is not None:
        from dzp_planner.gui.layout_report import layout_report

        _wait(app, lambda: False, 0.3)  # the live plot's layout and any relayout after the edit above
        layout = layout_report(window)
        if layout["clipped"]:
            problems.append(f"{len(layout['clipped'])} widget(s) clipped at {layout['size'][0]}x{layout['size'][1]}")
        if layout["unreachable_tools"]:
            problems.append(f"{len(layout['unreachable_tools'])} editor tool(s) out of reach")
    return _report(app, window, problems, started, shown, first_paint.at, populated, done, panels, fonts_ok, from_picture, live, layout,
                   edit_latency, opened)


def _report(app: QApplication, window, problems: list[str], started: float, shown: float, first_paint: float | None,
            populated: float, done: float, panels: dict[str, Any], fonts_ok: bool, from_picture: bool,
            live: float | None = None, layout: dict[str, Any] | None = None,
            edit_latency: dict[str, Any] | None = None, opened: list[int] | None = None) -> int:
    result = {
        "ok": not problems,
        "version": __version__,
        "platform": app.platformName(),
        "font": app.font().family(),
        "timings_ms": {
            "to_window_shown": round((shown - started) * 1000, 1),
            "to_first_paint": round(((first_paint or done) - started) * 1000, 1),
            "to_panels_populated": round((populated - started) * 1000, 1),
            # the plot answers the mouse (live canvas), which on a repeat start comes after "populated"
            "to_plot_live": round((live - started) * 1000, 1) if live is not None else None,
            "total": round((done - started) * 1000, 1),
        },
        # wall-clock instants, so a benchmark can measure from process spawn (bench/bench_startup.py)
        "epoch": {
            "first_paint": time.time() - (time.perf_counter() - (first_paint or done)),
            "panels_populated": time.time() - (time.perf_counter() - populated),
        },
        "peak_rss_mib": round(_peak_rss_mib() or 0.0, 1),
        # the plot came from its stored picture (a repeat start) rather than a live first draw
        "plot_from_picture": from_picture,
        "panels": panels,
        "text_renders": fonts_ok,
        "problems": problems,
    }
    if layout is not None:
        result["layout"] = layout
    if edit_latency is not None:
        result["edit_latency"] = edit_latency
    if opened is not None:
        result["window"] = opened
    print(json.dumps(result))
    sys.stdout.flush()
    window.documents.autosave_timer.stop()
    window.controller.undo_stack.setClean()
    window.close()
    return 0 if not problems else 1
