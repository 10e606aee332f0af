"""The stores a plan lives in, as small protocols: plans, autosaves, measured k2/k1.

Why protocols: the window, the library dialog and the document actions need what a store does,
not that it is SQLite; a second store (a lab's server) can stand beside the local library by
implementing the same methods. `library.PlanLibrary` is the local SQLite implementation of all
three; the records they exchange live here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from dzp_planner.core.document.plan import Plan
from dzp_planner.core.io import plan_format


@dataclass(frozen=True)
class LibraryEntry:
    plan_id: str
    title: str
    substrate: str
    reaction: str
    created: str
    modified: str
    thumbnail: bytes | None


@dataclass(frozen=True)
class MeasuredK2K1:
    """A k2/k1 fitted in a saved plan, for its substrate, electrophile and reaction."""

    substrate: str  # SMILES as in the plan
    electrophile: str
    reaction: str
    k2_k1: float
    low: float
    high: float
    runs: int
    plan_id: str
    plan_title: str
    date: str  # YYYY-MM-DD of the save that recorded it

    def note(self) -> str:
        return f"measured {self.k2_k1:.3g} [{self.low:.3g}, {self.high:.3g}] in plan “{self.plan_title}” on {self.date}"


@dataclass(frozen=True)
class AutosaveEntry:
    plan_id: str
    title: str
    file_path: str  # "" when the plan had never been saved to a file
    saved_at: str
    pid: int
    data: bytes
    writer: str = ""

    def plan(self) -> Plan:
        return plan_format.loads(self.data, source=f"autosave of '{self.title}'")



class PlanStore(Protocol):
    """Saved plans: what File ▸ Save and the plan library dialog use."""

    def save(self, plan: Plan, thumbnail: bytes | None = None) -> str: ...  # the stored bytes' digest
    def load(self, plan_id: str) -> Plan: ...
    def contains(self, plan_id: str) -> bool: ...
    def entries(self, search: str = "", *, thumbnails: bool = True) -> list[LibraryEntry]: ...
    def thumbnail(self, plan_id: str) -> bytes | None: ...
    def stored_digests(self) -> dict[str, str]: ...
    def rename(self, plan_id: str, title: str) -> None: ...
    def duplicate(self, plan_id: str) -> str: ...
    def take(self, plan_id: str) -> tuple[bytes, bytes | None]: ...
    def restore(self, data: bytes, thumbnail: bytes | None) -> str: ...
    def import_file(self, path: Path) -> str: ...
    def export_file(self, plan_id: str, path: Path) -> None: ...


class AutosaveStore(Protocol):
    """Unsaved work, per writer (window): written every few seconds, offered back after a crash."""

    def write_autosave(self, plan: Plan, file_path: str = "") -> None: ...
    def write_autosave_bytes(self, plan_id: str, title: str, file_path: str, data: bytes) -> None: ...
    def clear_autosave(self, plan_id: str) -> None: ...
    def discard_autosave(self, entry: AutosaveEntry) -> None: ...
    def orphaned_autosaves(self) -> list[AutosaveEntry]: ...


class MeasuredStore(Protocol):
    """k2/k1 fitted in saved plans, by substrate, electrophile and reaction."""

    def measured_for(self, substrate: str, electrophile: str, reaction: str) -> MeasuredK2K1 | None: ...
    def measured_pairs(self) -> list[MeasuredK2K1]: ...


class LocalStore(PlanStore, AutosaveStore, MeasuredStore, Protocol):
    """The workstation's library: the three stores over one connection that opens after the first paint."""

    path: Path
    writer: str
    closed: bool

    def open(self) -> None: ...
    def close(self) -> None: ...
    def for_worker(self) -> LocalStore: ...
