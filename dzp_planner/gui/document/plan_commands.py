"""Undo commands: each one replaces one plan section through the core's own method.

Section-level commands keep the commands tiny and generic (the core owns the invariants,
the command only remembers the value before and after) while still giving one undo step
per user action. Consecutive edits of the same field with the same `merge_key` (typing in
the notes, dragging a slider) merge into one step, the way text editors do.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from dzp_planner.core.document.plan import Plan

_MERGE_IDS: dict[str, int] = {}


def _merge_id(key: str | None) -> int:
    if not key:
        return -1
    return _MERGE_IDS.setdefault(key, 1000 + len(_MERGE_IDS))


class SetSectionCommand(QUndoCommand):
    """Replace one plan section; undo puts the old value back."""

    def __init__(self, plan: Plan, section: str, value: Any, text: str, merge_key: str | None = None,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self._plan = plan
        self._section = section
        self._before = plan.get_section(section)
        self._after = value
        self._merge = _merge_id(merge_key)

    def redo(self) -> None:
        self._plan.set_section(self._section, self._after)

    def undo(self) -> None:
        self._plan.set_section(self._section, self._before)

    def id(self) -> int:
        return self._merge

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetSectionCommand) or other._section != self._section or other.id() != self.id():
            return False
        self._after = other._after
        return True

    def leaves(self, section: str) -> Any:
        """What this step leaves `section` at (None when it does not set it)."""
        return self._after if section == self._section else None

    def amend(self, section: str, value: Any) -> None:
        """The step now leaves `section` at `value` (a result that arrived for it: a fit from the worker)."""
        self._after = value


class SetSectionsCommand(QUndoCommand):
    """Replace several sections as one undo step (applying a template or a recommendation).

    One command holding all the sections, not a macro of child commands: Python-created
    children owned by a Qt parent were destroyed twice at shutdown (a segfault at exit).
    """

    def __init__(self, plan: Plan, values: dict[str, Any], text: str) -> None:
        super().__init__(text)
        self._plan = plan
        self._before = {section: plan.get_section(section) for section in values}
        self._after = dict(values)

    def redo(self) -> None:
        self._plan.set_sections(self._after)

    def leaves(self, section: str) -> Any:
        """What this step leaves `section` at (None when it does not set it)."""
        return self._after.get(section)

    def amend(self, section: str, value: Any) -> None:
        """The step now leaves `section` at `value` (a result that arrived for it: a fit from the worker)."""
        self._after[section] = value

    def undo(self) -> None:
        self._plan.set_sections(dict(reversed(list(self._before.items()))))
