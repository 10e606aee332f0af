"""One rotating log file in the data directory, configured once at start-up.

The GUI opens the file after its first paint (`logging.handlers` alone costs several ms);
until then `keep_early_records()` holds what is logged, and `configure_logging()` writes
it to the file, so a message from start-up (no system fonts, say) is never lost.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from dzp_planner import paths

EARLY_LIMIT = 1000  # records kept before the log file opens; more means something is looping

LOG_NAME = "dzp-planner.log"


def log_file() -> Path:
    return paths.data_home() / LOG_NAME


class _EarlyRecords(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < EARLY_LIMIT:
            self.records.append(record)


def keep_early_records(level: int = logging.INFO) -> None:
    """Hold log records in memory until `configure_logging()` (cheap: no file, no import)."""
    root = logging.getLogger()
    if not any(isinstance(h, _EarlyRecords) or getattr(h, "_dzp", False) for h in root.handlers):
        root.addHandler(_EarlyRecords())
        root.setLevel(level)


def configure_logging(*, console: bool = False, level: int = logging.INFO) -> None:
    """Attach a rotating file handler (1 MB × 3) to the root logger; idempotent.

    Records held by `keep_early_records()` go to the new handlers first, in order.
    """
    import logging.handlers

    root = logging.getLogger()
    if any(getattr(h, "_dzp", False) for h in root.handlers):
        return
    try:
        handler: logging.Handler = logging.handlers.RotatingFileHandler(log_file(), maxBytes=1_000_000, backupCount=3, encoding="utf-8",
                                                                        errors="backslashreplace")  # a non-UTF-8 file name
    except OSError:  # read-only data dir: keep going without a log file
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._dzp = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    if console:
        stream = logging.StreamHandler()
        if hasattr(sys.stderr, "reconfigure"):
            sys.stderr.reconfigure(errors="backslashreplace")  # a non-UTF-8 file name in a message, never a traceback
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        stream._dzp = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    for early in [h for h in root.handlers if isinstance(h, _EarlyRecords)]:
        root.removeHandler(early)
        for record in early.records:
            for target in root.handlers:
                if getattr(target, "_dzp", False) and record.levelno >= target.level:
                    target.handle(record)


FAULT_LOG_NAME = "native-crashes.log"
_fault_file = None


def enable_fault_log() -> None:
    """`faulthandler` into the log folder: a segfault in RDKit or Qt leaves a Python traceback
    of every thread there, where the log alone would end mid-sentence. Idempotent."""
    import faulthandler

    global _fault_file
    if _fault_file is not None:
        return
    try:
        _fault_file = open(paths.data_home() / FAULT_LOG_NAME, "a", encoding="utf-8")  # noqa: SIM115 - open for the process's life
    except Exception:  # noqa: BLE001 - no log folder: the traceback goes to stderr instead
        faulthandler.enable()
        return
    faulthandler.enable(file=_fault_file, all_threads=True)
