"""Which lab server this workstation uses: --dsn, else DZP_PLANNER_LAB, else the one saved in File ▸ Lab server….

Why its own file (lab.json beside the library) and not settings.ini: headless commands read it without Qt,
and the rule that no password is ever written is checked in one place: a connection string that carries one
is refused with the advice to put it in libpq's ~/.pgpass (or a pg_service.conf entry), where libpq finds it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from dzp_planner import paths
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.io.safe_write import atomic_write_bytes

LAB_ENV = "DZP_PLANNER_LAB"
_PASSWORD = re.compile(r"(^|\s)password\s*=|://[^/@:]*:[^/@]*@|[?&]password=", re.IGNORECASE)


def connection_file() -> Path:
    return paths.data_home() / "lab.json"


def check_no_password(dsn: str) -> str:
    """The DSN stripped, or a refusal when it carries a password (DZP Planner never stores or logs one)."""
    if _PASSWORD.search(dsn):
        raise UserInputError("the connection string holds a password: DZP Planner never stores one. "
                             "Leave it out and put it in ~/.pgpass (or use service=NAME from pg_service.conf)")
    return dsn.strip()


def saved_dsn() -> str:
    """The DSN saved on this workstation, "" when none (or the file is unreadable: then there is no lab, as before)."""
    try:
        raw = json.loads(connection_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    dsn = raw.get("dsn", "") if isinstance(raw, dict) else ""
    return dsn if isinstance(dsn, str) else ""


def save_dsn(dsn: str) -> None:
    """Remember `dsn` for this workstation ("" forgets it)."""
    text = check_no_password(dsn)
    atomic_write_bytes(connection_file(), json.dumps({"dsn": text}, indent=1).encode("utf-8"))


def configured_dsn() -> str:
    """The DSN in effect without --dsn: the environment's, else the saved one; "" when there is no lab."""
    return os.environ.get(LAB_ENV, "").strip() or saved_dsn().strip()


def resolve_dsn(dsn: str | None) -> str:
    found = (dsn or "").strip() or configured_dsn()
    if not found:
        raise UserInputError(f"no lab server: give --dsn (a libpq connection string or service=NAME), set {LAB_ENV}, "
                             "or choose one in File ▸ Lab server…")
    return found
