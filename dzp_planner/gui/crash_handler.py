"""One place that catches every uncaught exception: log it, show it, keep the plan.

Installed as the first thing `run_gui` does. A Python exception in a slot would otherwise
end the app (PySide6 prints and carries on, but threads and start-up code do not), and the
chemist would lose the plan. Here the traceback goes to the rotating log, the plan gets an
emergency autosave, and a dialog explains what happened with a "Copy details" button. Tests
and the self-test set `DIALOGS_ENABLED = False` so errors become log lines and are recorded
in `recorded` for assertions.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

log = logging.getLogger(__name__)

DIALOGS_ENABLED = True
recorded: list[str] = []
_emergency_save: Callable[[], None] | None = None
_showing = False


def set_emergency_save(callback: Callable[[], None] | None) -> None:
    """Called before the dialog appears, so the plan is safe whatever the user clicks."""
    global _emergency_save
    _emergency_save = callback


def handle_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """The hook for every uncaught exception. It must never fail itself ("Error in
    sys.excepthook" shows nothing and loses the report): whatever goes wrong inside, the
    traceback still reaches stderr."""
    try:
        _handle(exc_type, exc, tb)
    except BaseException:  # noqa: BLE001 - the last line of defence: print both, carry on
        try:
            sys.__excepthook__(exc_type, exc, tb)
            sys.stderr.write("(DZP Planner's crash report itself failed:)\n")
            traceback.print_exc()
        except BaseException:  # noqa: BLE001 - not even stderr: nothing left to try
            pass


def _handle(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    try:  # an error before the first paint: open the log file now, the dialog points at it
        from dzp_planner.logging_setup import configure_logging

        configure_logging()
    except Exception:  # noqa: BLE001 - the crash handler must install even when logging cannot
        pass
    log.error("uncaught exception\n%s", details)
    recorded.append(details)
    if _emergency_save is not None:
        try:
            _emergency_save()
        except Exception:  # the save must never turn one error into two dialogs
            log.exception("emergency autosave failed")
    if DIALOGS_ENABLED:
        _show_dialog(exc_type, exc, details)


def _show_dialog(exc_type: type[BaseException], exc: BaseException, details: str) -> None:
    global _showing
    if _showing:  # an error while the dialog is up: log only
        return
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None or threading.current_thread() is not threading.main_thread():
        return
    _showing = True
    try:
        from dzp_planner.logging_setup import log_file

        box = QMessageBox()
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("DZP Planner: unexpected error")
        box.setText(
            f"Something went wrong: {exc_type.__name__}: {exc}\n\n"
            "Your plan is safe: it was autosaved and will be offered back if you restart. "
            "You can keep working."
        )
        box.setInformativeText(f"Details are in the log: {log_file()}")
        box.setDetailedText(details)
        copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Ok)
        box.exec()
        if box.clickedButton() is copy:
            QApplication.clipboard().setText(details)
    finally:
        _showing = False


def guarded(method: Callable) -> Callable:
    """Keep exceptions inside a Qt virtual override (closeEvent, paintEvent, ...).

    An exception escaping an override called from C++ is at best printed and at worst (seen
    with sqlite3 errors from a closed connection inside closeEvent) crashes PySide6. Route it
    to the one handler instead, and let Qt carry on.
    """
    import functools

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except Exception:  # noqa: BLE001 - the point of the wrapper: any error in a slot is reported
            handle_exception(*sys.exc_info())
            return None

    return wrapper


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    handle_exception(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)


def install() -> None:
    sys.excepthook = handle_exception
    threading.excepthook = _thread_hook
