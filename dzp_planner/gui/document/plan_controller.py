"""The Qt face of the one Plan: its undo stack, its file, and change signals for the panels.

Panels never talk to each other. They call `edit()` here, which pushes an undo command that
changes the core plan; the plan notifies, and `sectionChanged` reaches every panel that
cares. Opening another plan swaps the document under the same controller, so panels stay
connected and simply redraw on `planReplaced`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from dzp_planner.core.document.plan import Plan
from dzp_planner.gui.document.plan_commands import SetSectionCommand, SetSectionsCommand

log = logging.getLogger(__name__)


class PlanController(QObject):
    sectionChanged = Signal(str)  # a plan section changed: meta, substrate, reaction, components, decisions, model, procedure, notes
    planReplaced = Signal()  # a different plan is now open
    dirtyChanged = Signal(bool)
    filePathChanged = Signal(object)  # Path | None

    def __init__(self, plan: Plan | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._plan = plan if plan is not None else Plan()
        self._plan.subscribe(self._on_plan_changed)
        self._file_path: Path | None = None

    # -- the document ---------------------------------------------------------------
    @property
    def plan(self) -> Plan:
        return self._plan

    @property
    def file_path(self) -> Path | None:
        return self._file_path

    def is_dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def replace_plan(self, plan: Plan, file_path: Path | None = None, *, dirty: bool = False) -> None:
        """Show another plan; the undo history of the previous one is dropped."""
        self._plan.unsubscribe(self._on_plan_changed)
        self._plan = plan
        plan.subscribe(self._on_plan_changed)
        self.undo_stack.clear()
        if dirty:
            # a recovered autosave: unsaved until the chemist saves it
            self.undo_stack.resetClean()
        self._set_file_path(file_path)
        self.planReplaced.emit()
        self.dirtyChanged.emit(self.is_dirty())

    def mark_saved(self, file_path: Path | None) -> None:
        self._set_file_path(file_path)
        self.undo_stack.setClean()

    def _set_file_path(self, file_path: Path | None) -> None:
        self._file_path = Path(file_path) if file_path is not None else None
        self.filePathChanged.emit(self._file_path)

    # -- edits ------------------------------------------------------------------------
    def edit(self, section: str, value: Any, text: str, merge_key: str | None = None) -> None:
        """Change one section as an undoable step named `text` (shown in Edit ▸ Undo)."""
        if self._plan.get_section(section) == value:
            return  # nothing changed: no empty undo step
        self.undo_stack.push(SetSectionCommand(self._plan, section, value, text, merge_key))

    def edit_many(self, values: dict[str, Any], text: str) -> None:
        """Change several sections as one undoable step."""
        changed = {s: v for s, v in values.items() if self._plan.get_section(s) != v}
        if changed:
            self.undo_stack.push(SetSectionsCommand(self._plan, changed, text))

    def _on_clean_changed(self, clean: bool) -> None:
        # a bound slot, not a lambda: Qt drops it when either end is destroyed
        self.dirtyChanged.emit(not clean)

    def _on_plan_changed(self, section: str) -> None:
        self.sectionChanged.emit(section)
