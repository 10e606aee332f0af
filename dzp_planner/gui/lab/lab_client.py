"""Talking to the lab server off the GUI thread: one job at a time, its answer delivered as a signal.

Why a daemon thread per job and not the GUI's thread pool: a server that is down or far away can hold a
connection attempt for libpq's connect_timeout (10 s); the window must answer meanwhile, and closing the
window must not wait for it either (a daemon thread ends with the process; the job's writes are each
atomic, and the sync state is written after every plan, so a job cut off loses nothing). The worker opens
its own library connection (SQLite connections stay in the thread that made them) and its own server.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from dzp_planner.core.errors import UserInputError
from dzp_planner.core.io.stores import LocalStore

log = logging.getLogger(__name__)

Work = Callable[[Any, LocalStore], Any]  # (LabServer, the worker's library) → the answer


class LabClient(QObject):
    """Runs lab jobs (test, sync, compare, resolve) on a worker; `finished(job, result, error)` on the GUI thread."""

    finished = Signal(str, object, str)  # (job name, its result or None, "" or the one-line error)
    progress = Signal(int, int)  # (plans done, plans in this sync)
    # What the worker emits: numbered by job, relayed on the GUI thread only while that job is the one running,
    # so a late word from an earlier job can never show up as the state of the current one.
    _worker_finished = Signal(int, str, object, str)
    _worker_progress = Signal(int, int, int)

    def __init__(self, library: LocalStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._busy = ""
        self._job_id = 0  # the number of the job running, or of the last one
        self._cancel = threading.Event()
        # The job counts as running until its answer is delivered on the GUI thread (cleared on the worker, a
        # waiter could stop before the answer arrived); both relays run on the GUI thread (queued).
        self._worker_finished.connect(self._delivered)
        self._worker_progress.connect(self._relay_progress)

    def busy(self) -> str:
        """The job running ("" when none)."""
        return self._busy

    def submit(self, job: str, work: Work, dsn: str | None = None) -> bool:
        """Start `work` on a worker; False (and nothing started) while another job runs."""
        if self._busy:
            return False
        self._busy = job
        self._job_id += 1
        self._cancel.clear()
        threading.Thread(target=self._run, args=(self._job_id, job, work, dsn), name=f"dzp-lab-{job}", daemon=True).start()
        return True

    def cancel(self) -> None:
        """Ask the running sync to stop after the plan it is on (what is done stays done)."""
        self._cancel.set()

    def keep_going(self, done: int, total: int) -> bool:
        """The sync's progress callback (on the worker): says how far it is, and whether to go on."""
        self._emit(self._worker_progress, self._job_id, done, total)
        return not self._cancel.is_set()

    def _run(self, job_id: int, job: str, work: Work, dsn: str | None) -> None:
        result: Any = None
        error = ""
        library: LocalStore | None = None
        server: Any = None
        try:
            from dzp_planner.core.io.lab.connection import resolve_dsn
            from dzp_planner.core.io.lab.server import LabServer

            server = LabServer(resolve_dsn(dsn))
            library = self.library.for_worker()
            result = work(server, library)
        except UserInputError as exc:
            error = str(exc)
        except ModuleNotFoundError as exc:
            error = f"the lab server needs the 'lab' extra (pip install 'dzp-planner[lab]'): {exc.name} is missing"
        except Exception as exc:
            log.warning("lab job %s failed", job, exc_info=True)
            error = " ".join(str(exc).split()) or type(exc).__name__
        finally:
            for closing in (library, server):
                if closing is not None:
                    try:
                        closing.close()
                    except Exception:  # noqa: BLE001 - closing after a failure: already said
                        pass
        self._emit(self._worker_finished, job_id, job, result, error)

    def _delivered(self, job_id: int, job: str, result: object, error: str) -> None:
        if job_id != self._job_id or not self._busy:
            return  # not the job running (cannot happen while one runs at a time; a guard, not a path)
        self._busy = ""
        self.finished.emit(job, result, error)

    def _relay_progress(self, job_id: int, done: int, total: int) -> None:
        if job_id == self._job_id and self._busy:
            self.progress.emit(done, total)

    def _emit(self, signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the window closed while the worker talked to the server
            pass
