"""Plan files on disk: atomic saves and careful opens.

A save goes through `safe_write.atomic_write_bytes` (an exclusive temporary file in the same
folder, checked writes, fsync, `os.replace`), so a kill or a full disk at any instant leaves
either the old plan or the new one, never a mix. An open reads the bytes once and never writes, so a failed open cannot damage the
file the chemist pointed at.
"""

from __future__ import annotations

import logging
from pathlib import Path

from dzp_planner.core.document.plan import Plan
from dzp_planner.core.errors import PlanFileError
from dzp_planner.core.io import plan_format
from dzp_planner.core.io.safe_write import atomic_write_bytes

log = logging.getLogger(__name__)

PLAN_SUFFIX = ".dzp"


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
