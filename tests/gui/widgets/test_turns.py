"""The deferred-work queue: one job per event-loop turn, a repeated key replaced in place, a dead receiver dropped."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject

from dzp_planner.gui.widgets.turns import TurnQueue


def test_jobs_asked_together_run_one_per_turn_in_the_order_asked(qtbot):
    from PySide6.QtCore import QTimer

    queue = TurnQueue()
    owner = QObject()
    ran: list[str] = []

    def first() -> None:
        ran.append("first")
        # due before the queue's next turn: it runs first only if control went back to the event loop
        QTimer.singleShot(0, lambda: ran.append("event loop"))

    queue.later(owner, "first", first)
    queue.later(owner, "second", lambda: ran.append("second"))
    qtbot.waitUntil(lambda: len(ran) == 3, timeout=2000)
    assert ran == ["first", "event loop", "second"]
    assert not queue.waiting(owner, "first") and not queue.waiting(owner, "second")


def test_asking_again_before_the_job_ran_replaces_it_and_keeps_its_place(qtbot):
    queue = TurnQueue()
    owner = QObject()
    ran: list[str] = []
    queue.later(owner, "draw", lambda: ran.append("old draw"))
    queue.later(owner, "graph", lambda: ran.append("graph"))
    queue.later(owner, "draw", lambda: ran.append("new draw"))
    qtbot.waitUntil(lambda: len(ran) == 2, timeout=2000)
    qtbot.wait(20)
    assert ran == ["new draw", "graph"]


def test_a_job_whose_receiver_was_deleted_is_dropped_and_the_next_one_runs(qtbot):
    queue = TurnQueue()
    gone, kept = QObject(), QObject()
    ran: list[str] = []
    queue.later(gone, "redraw", lambda: ran.append("gone"))
    queue.later(kept, "redraw", lambda: ran.append("kept"))
    shiboken6.delete(gone)
    qtbot.waitUntil(lambda: ran == ["kept"], timeout=2000)


def test_a_job_that_raises_is_reported_and_the_queue_goes_on(qtbot, monkeypatch):
    from dzp_planner.gui import crash_handler

    reported: list[str] = []
    monkeypatch.setattr(crash_handler, "handle_exception", lambda *info: reported.append(str(info[1])))
    queue = TurnQueue()
    owner = QObject()
    ran: list[str] = []

    def broken() -> None:
        raise ValueError("a view's bug")

    queue.later(owner, "a", broken)
    queue.later(owner, "b", lambda: ran.append("b"))
    qtbot.waitUntil(lambda: ran == ["b"], timeout=2000)
    assert reported == ["a view's bug"]


def test_drain_runs_every_waiting_job_now_and_the_jobs_they_ask_for(qtbot):
    queue = TurnQueue()
    owner = QObject()
    ran: list[str] = []

    def redraw() -> None:
        ran.append("redraw")
        queue.later(owner, "draw", lambda: ran.append("draw"))  # what a new figure asks for

    queue.later(owner, "redraw", redraw)
    queue.later(owner, "graph", lambda: ran.append("graph"))
    queue.drain()
    assert ran == ["redraw", "graph", "draw"]
    assert not queue.waiting(owner, "draw")
