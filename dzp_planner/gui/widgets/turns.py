"""Deferred view work after an edit, one job per event-loop turn.

Why one queue and not a timer per view: after a substrate edit the decision graph's rebuild, the
plot's new figure and its full draw each waited on a 1 ms single-shot timer of their own. Timers
that come due together fire in one pass of the event loop, so those jobs still ran back to back
(a heartbeat saw one 170 ms gap where the jobs took 10, 50 and 110 ms). Here a single timer runs
one job, then arms itself again: the next job comes due only after the window has had a turn to
paint and to take input, and each job is a stall of its own size.

A job is keyed: asking again for a key still waiting replaces its callable in place (a burst of
edits rebuilds once). A job whose receiver has been deleted is dropped, as QTimer.singleShot with
a context object would.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer

from dzp_planner.gui.crash_handler import guarded

INTERVAL_MS = 1  # a timer, not a posted call: posted events all run in one batch (CanvasHost.draw_soon)


class TurnQueue(QObject):
    """Runs queued jobs one per event-loop turn, in the order first asked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: dict[tuple[int, str], tuple[QObject, Callable[[], None]]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._run_one)

    def later(self, receiver: QObject, key: str, job: Callable[[], None]) -> None:
        """Run `job` on a turn of its own, unless `receiver` is deleted first; a second call with the same
        receiver and key before it ran replaces the job (it keeps its place in the queue)."""
        self._jobs[(id(receiver), key)] = (receiver, job)
        if not self._timer.isActive():
            self._timer.start()

    def waiting(self, receiver: QObject, key: str) -> bool:
        return (id(receiver), key) in self._jobs

    def drain(self, limit: int = 64) -> None:
        """Run every waiting job now, and the jobs they ask for, up to `limit` (closing the window: what is
        stored then must be what the queue was about to show)."""
        for _ in range(limit):
            if not self._jobs:
                break
            self._run_one()
        if not self._jobs:
            self._timer.stop()

    @guarded
    def _run_one(self) -> None:
        while self._jobs:
            slot = next(iter(self._jobs))
            receiver, job = self._jobs.pop(slot)
            if shiboken6.isValid(receiver):
                try:
                    job()
                finally:
                    if self._jobs:
                        self._timer.start()
                return


_queue: TurnQueue | None = None


def turn_queue() -> TurnQueue:
    """The application's one queue (made on first use, on the GUI thread)."""
    global _queue
    if _queue is None or not shiboken6.isValid(_queue):
        _queue = TurnQueue()
    return _queue
