"""One rotating log file in the data directory, configured once at start-up."""

from __future__ import annotations

import logging
import logging.handlers

from dzp_planner import paths

LOG_NAME = "dzp-planner.log"


def log_file():
    return paths.data_home() / LOG_NAME


def configure_logging(*, console: bool = False, level: int = logging.INFO) -> None:
    """Attach a rotating file handler (1 MB × 3) to the root logger; idempotent."""
    root = logging.getLogger()
    if any(getattr(h, "_dzp", False) for h in root.handlers):
        return
    try:
        handler: logging.Handler = logging.handlers.RotatingFileHandler(log_file(), maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:  # read-only data dir: keep going without a log file
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._dzp = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        stream._dzp = True  # type: ignore[attr-defined]
        root.addHandler(stream)
