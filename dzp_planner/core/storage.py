"""Plan files on disk: atomic saves and careful opens.

A save writes a temporary file in the same directory, fsyncs it, then `os.replace`s it
over the target, so a kill at any instant leaves either the old plan or the new one, never
a mix. An open reads the bytes once and never writes, so a failed open cannot damage the
file the chemist pointed at.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from dzp_planner.core import plan_format
from dzp_planner.core.errors import PlanFileError
from dzp_planner.core.plan import Plan

log = logging.getLogger(__name__)

PLAN_SUFFIX = ".dzp"


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old or the new content, nothing else."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory fsync."""
    if os.name != "posix":
        return
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def save_plan(plan: Plan, path: Path) -> None:
    """Save atomically; the plan's own fields are not touched."""
    atomic_write_bytes(Path(path), plan_format.dumps(plan))
    log.info("saved plan %s to %s", plan.plan_id, path)


def read_plan_bytes(path: Path) -> bytes:
    """Read a plan file's bytes with a size guard, turning OS errors into plain sentences."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > plan_format.MAX_FILE_BYTES:
            raise PlanFileError(f"{path.name} is {size / 1e6:.1f} MB; a plan file is a few kB, so this is not a DZP plan")
        with open(path, "rb") as handle:
            return handle.read(plan_format.MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise PlanFileError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise PlanFileError(f"{path} is a folder, not a plan file") from None
    except PermissionError:
        raise PlanFileError(f"{path} cannot be read (permission denied)") from None
    except OSError as exc:
        raise PlanFileError(f"{path} cannot be read: {exc.strerror or exc}") from None


def load_plan(path: Path) -> Plan:
    """Open a `.dzp` file; raises `PlanFileError` with a sentence naming the problem."""
    path = Path(path)
    return plan_format.loads(read_plan_bytes(path), source=path.name)
