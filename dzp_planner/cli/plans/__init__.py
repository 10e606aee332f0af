"""One module per headless command; see `dzp_planner.cli` for the contract."""

from __future__ import annotations

from pathlib import Path

from dzp_planner.core.errors import UserInputError


def new_plan_path(text: str, force: bool) -> Path:
    """Where a command that writes a new plan may write it: not over a file unless --force,
    and into a folder that exists (the write itself is checked by `safe_write`)."""
    path = Path(text)
    if path.exists() and not force:
        raise UserInputError(f"{path} already exists; choose another name or pass --force")
    if not path.parent.exists():
        raise UserInputError(f"folder {path.parent} does not exist")
    return path
