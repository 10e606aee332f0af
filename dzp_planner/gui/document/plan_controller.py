"""The Qt face of the one Plan: its undo stack, its file, and one change signal for the panels.

Panels never talk to each other. They call `edit()` here, which pushes an undo command that
changes the core plan. However many sections an undoable step changes (a new reagent changes
five), `derivationChanged` is emitted once, after the step, with the sections it changed and the
plan's derivation: every view refreshes once from the one derivation. Opening another plan
swaps the document under the same controller and emits it too (`replaced` set), after
`planReplaced`. `sectionChanged` stays, per section, for the few listeners that need no
derivation (autosave bookkeeping).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from dzp_planner.core.document.plan import Plan
from dzp_planner.gui.document.plan_commands import SetSectionCommand, SetSectionsCommand

if TYPE_CHECKING:  # the derivation (checks, products, trees) loads with the first plan, after the first paint
    from dzp_planner.core.document.derivation import Derivation


def derive(plan: Plan) -> Derivation:
    from dzp_planner.core.document.derivation import derive as derive_plan

    return derive_plan(plan)

log = logging.getLogger(__name__)


ALL_SECTIONS = frozenset({"meta", "substrate", "reaction", "components", "decisions", "model", "procedure", "notes", "results"})


@dataclass(frozen=True)
class DerivationChange:
    """What one undoable step (or opening a plan) changed, and the derivation of the plan after it."""

    sections: frozenset[str]
    derivation: Derivation
    replaced: bool = False  # another plan was opened: everything is new

    def touches(self, *sections: str) -> bool:
        return self.replaced or not self.sections.isdisjoint(sections)


class PlanController(QObject):
    derivationChanged = Signal(object)  # DerivationChange: once per undoable step, after it
    sectionChanged = Signal(str)  # a plan section changed: meta, substrate, reaction, components, decisions, model, procedure, notes
    planReplaced = Signal()  # a different plan is now open
    dirtyChanged = Signal(bool)
    filePathChanged = Signal(object)  # Path | None

    def __init__(self, plan: Plan | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.undo_stack.indexChanged.connect(self._flush)  # an undo or a redo: one emission after it
        self._pending: set[str] = set()
        self.emissions = 0  # derivationChanged emitted so far (the self-test's edit latency counts them)
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
        self._pending.clear()
        self.planReplaced.emit()
        self._emit(DerivationChange(ALL_SECTIONS, derive(plan), replaced=True))
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
        self._flush()  # a merged step (a slider drag) moves no index

    def edit_many(self, values: dict[str, Any], text: str) -> None:
        """Change several sections as one undoable step."""
        changed = {s: v for s, v in values.items() if self._plan.get_section(s) != v}
        if changed:
            self.undo_stack.push(SetSectionsCommand(self._plan, changed, text))
            self._flush()

    def complete_step(self, section: str, value: Any) -> bool:
        """Put a result that arrived for an earlier step into that step (a fit from the worker into "Record runs"):
        undo then takes the runs and their fit back together and redo brings both, with no step of its own, no
        fit left pending and the redo stack kept. The step is the newest one that set `section`; later steps
        left it alone, so every state the stack walks through stays consistent. False when that step did not
        leave the plan's `section` as it is now (the chemist changed it since)."""
        index = self.undo_stack.index()
        for position in range(index - 1, -1, -1):
            step = self.undo_stack.command(position)
            if not isinstance(step, SetSectionCommand | SetSectionsCommand):
                return False
            left = step.leaves(section)
            if left is None:
                continue
            if left != self._plan.get_section(section):
                return False
            was_clean = self.undo_stack.isClean()
            step.amend(section, value)
            self._plan.set_section(section, value)
            if was_clean:
                self.undo_stack.resetClean()  # saved while the fit was pending: the file lacks the fit
            self._flush()
            return True
        return False

    def rederive(self, sections: frozenset[str]) -> None:
        """Something the derivation depends on arrived from outside the plan (a fit from the worker): derive
        the plan again and tell the panels, as after an edit of `sections` (no undo step: the plan is unchanged)."""
        from dzp_planner.core.document.derivation import forget

        forget(self._plan)
        self._emit(DerivationChange(sections, derive(self._plan)))

    def _on_clean_changed(self, clean: bool) -> None:
        # a bound slot, not a lambda: Qt drops it when either end is destroyed
        self.dirtyChanged.emit(not clean)

    def _on_plan_changed(self, section: str) -> None:
        self._pending.add(section)
        self.sectionChanged.emit(section)

    def _flush(self, _index: int = 0) -> None:
        if not self._pending:
            return
        sections, self._pending = frozenset(self._pending), set()
        self._emit(DerivationChange(sections, derive(self._plan)))

    def _emit(self, change: DerivationChange) -> None:
        self.emissions += 1
        self.derivationChanged.emit(change)
