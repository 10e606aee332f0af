"""Reading the app's TOML data files (reagents, pKa values, templates, trees): one reader, one way to fail.

Each file is UTF-8 TOML a chemist can edit; whatever goes wrong reading it (missing, not UTF-8, not TOML)
is one UserInputError naming the file, raised as the caller's error class (a tree's TreeError), so every
data file fails the same way and none is read with its own copy of the same try/except.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


def read_toml(path: Path, label: str, error: type[Exception] | None = None) -> dict[str, Any]:
    """The file's tables; `label` names it in the message ("reagents.toml", "template acylation.toml")."""
    from dzp_planner.core.errors import UserInputError

    fail = error or UserInputError
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"{label}: cannot be read: {exc}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise fail(f"{label}: cannot be read: not valid TOML: {exc}") from None


def entries(raw: dict[str, Any], key: str, label: str) -> list[Any]:
    """The file's non-empty [[key]] array of tables."""
    from dzp_planner.core.errors import UserInputError

    found = raw.get(key)
    if not isinstance(found, list) or not found:
        raise UserInputError(f"{label}: no [[{key}]] entries")
    return found
