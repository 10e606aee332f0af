"""Start the GUI: crash hook, QApplication, data directory, fonts, window; first paint; the rest.

Only what the first frame needs runs before it. The log file, the window icon, the plan
library, crash recovery and the plan to open are `after_first_paint` tasks, and the panels
fill after them (see MainWindow). `bench/bench_startup.py` measures the result.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from dzp_planner import APP_NAME, ORG_NAME, __version__, paths

log = logging.getLogger(__name__)


def _check_display() -> str | None:
    """Qt aborts with a misleading 'xcb-cursor0' message when there is no display at all."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    ):
        return (
            "no display found: run DZP Planner in a desktop session, or set QT_QPA_PLATFORM=offscreen "
            "(or use xvfb-run) for headless use"
        )
    return None


def run_gui(plan_path: str | None = None, self_test: bool = False, size: tuple[int, int] | None = None) -> int:
    started = time.perf_counter()
    from dzp_planner.gui import crash_handler
    from dzp_planner.logging_setup import keep_early_records

    keep_early_records()  # the log file opens after the first paint; nothing logged before is lost
    crash_handler.install()
    temporary_home: str | None = None
    # before any temporary home below: the font cache must persist, or matplotlib rebuilds it (~0.4 s)
    cache = paths.cache_home()
    if cache is not None:
        os.environ.setdefault("MPLCONFIGDIR", str(cache / "matplotlib"))
    if self_test:
        crash_handler.DIALOGS_ENABLED = False
        if size is None or not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a layout check uses the real screen when there is one
        if not os.environ.get(paths.HOME_ENV):  # never touch the user's library or settings
            temporary_home = tempfile.mkdtemp(prefix="dzp-self-test-")
            os.environ[paths.HOME_ENV] = temporary_home
    problem = _check_display()
    if problem:
        sys.stderr.write(f"error: {problem}\n")
        return 2
    if os.environ.get(paths.HOME_ENV):  # Qt's own data folder is checked once Qt names it, below
        problem = paths.home_problem(Path(os.environ[paths.HOME_ENV]))
        if problem:
            sys.stderr.write(f"error: {problem}\n")
            return 2
    use_utf8_locale()

    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QApplication

    from dzp_planner.gui.startup import skip_source_scan

    skip_source_scan()  # before the hundreds of modules matplotlib, numpy and RDKit import

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    route_qt_messages()
    if not os.environ.get(paths.HOME_ENV):
        home = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
        problem = paths.home_problem(home)
        if problem:
            sys.stderr.write(f"error: {problem}\n")
            return 2
        paths.set_data_home(home)

    from dzp_planner.gui.widgets.fonts import ensure_usable_font

    ensure_usable_font(app)  # before any widget: the layout depends on the font

    from dzp_planner.core.io.library import PlanLibrary
    from dzp_planner.gui.document.plan_controller import PlanController
    from dzp_planner.gui.main_window import MainWindow

    library = PlanLibrary(connect=False)  # opened after the first paint (_open_library)
    controller = PlanController()
    window = MainWindow(controller, library)
    def emergency_save() -> None:
        if controller.is_dirty() and not library.closed:  # the library opens on first use if it has not yet
            library.write_autosave(controller.plan, str(controller.file_path or ""))

    crash_handler.set_emergency_save(emergency_save)
    if not self_test:
        from dzp_planner.gui import shutdown_signals

        shutdown_signals.install(app, emergency_save)
    window.after_first_paint(lambda: _finish_start(app))
    window.after_first_paint(lambda: _open_library(app, window, library, self_test))
    if self_test:
        from dzp_planner.gui.self_test import run_self_test

        try:
            return run_self_test(app, window, started, size)
        finally:
            library.close()
            if temporary_home:
                import logging as _logging
                import shutil

                _logging.shutdown()  # release the log file before removing its folder
                shutil.rmtree(temporary_home, ignore_errors=True)
    window.after_first_paint(lambda: window.open_initial_plan(plan_path))
    window.show()
    return app.exec()


def use_utf8_locale() -> None:
    """Qt wants a UTF-8 locale and prints a four-line warning under LANG=C; give it C.UTF-8
    (every glibc has it) when the environment names none, before Qt reads the locale."""
    # what Qt will read: the environment (Python's own UTF-8 mode would hide a C locale here)
    named = os.environ.get("LC_ALL") or os.environ.get("LC_CTYPE") or os.environ.get("LANG") or ""
    if sys.platform.startswith("linux") and "utf8" not in named.lower().replace("-", ""):
        os.environ["LC_ALL"] = "C.UTF-8"


def route_qt_messages() -> None:
    """Qt's warnings go to the log (with the category), not lost on a terminal nobody reads."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO, QtMsgType.QtWarningMsg: logging.WARNING,
              QtMsgType.QtCriticalMsg: logging.ERROR, QtMsgType.QtFatalMsg: logging.CRITICAL}

    def handler(kind, context, message) -> None:
        category = getattr(context, "category", "") or "qt"
        qt_log.log(levels.get(kind, logging.WARNING), "%s: %s", category, message)

    qInstallMessageHandler(handler)


def _finish_start(app) -> None:
    """What a first frame does not need: the log file, native-crash traces, the window icon."""
    from PySide6.QtGui import QIcon

    from dzp_planner.logging_setup import configure_logging, enable_fault_log

    configure_logging()
    enable_fault_log()
    log.info("%s %s starting", APP_NAME, __version__)
    app.setWindowIcon(QIcon(str(paths.resource("icons", "dzp-planner.svg"))))


def _open_library(app, window, library, self_test: bool) -> bool:
    """Open the plan library; a damaged one ends the program with a message that says what to do."""
    from dzp_planner.core.errors import UserInputError

    try:
        library.open()
        return True
    except UserInputError as exc:
        window.startup_problems.append(f"library: {exc}")
        if not self_test:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(window, APP_NAME, str(exc))
            app.exit(2)
        return False
