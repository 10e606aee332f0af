"""SIGTERM, SIGHUP and SIGINT: save the unsaved plan as an emergency autosave, then leave cleanly.

Why: a logout or shutdown sends SIGTERM or SIGHUP, and without a handler Python dies at once:
no save prompt, no autosave, an edit made since the last autosave is gone. Ctrl-C in the
terminal (SIGINT) was ignored while Qt's loop ran. Python runs a signal handler only between
bytecodes, so a slow timer gives it a turn while Qt's C++ loop sleeps; the handler saves (what a
crash saves: the next start offers it back) and asks the loop to exit, with no dialog.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer

log = logging.getLogger(__name__)

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))
WAKE_MS = 250  # how late a signal may be handled at worst; the timer costs nothing measurable


def make_handler(save: Callable[[], None], leave: Callable[[int], None]) -> Callable[[int, Any], None]:
    """The handler: `save()` (never raising out), then `leave(128 + signal)`'s clean exit."""
    def handle(signum: int, _frame: Any) -> None:
        log.warning("received %s: saving the unsaved plan and leaving", signal.Signals(signum).name)
        try:
            save()
        except Exception:
            log.exception("emergency autosave on %s failed", signal.Signals(signum).name)
        leave(0 if signum == signal.SIGINT else 128 + signum)
    return handle


def install(app: QCoreApplication, save: Callable[[], None]) -> QTimer:
    """Handle the three signals for `app`; returns the wake-up timer (kept alive by its parent)."""
    def leave(code: int) -> None:
        QTimer.singleShot(0, lambda: app.exit(code))

    handler = make_handler(save, leave)
    for sig in SIGNALS:
        signal.signal(sig, handler)
    wake = QTimer(app)
    wake.setInterval(WAKE_MS)
    wake.timeout.connect(lambda: None)  # a turn for Python: its signal handlers run between bytecodes
    wake.start()
    return wake
