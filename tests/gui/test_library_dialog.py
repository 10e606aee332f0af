"""The plan library window: table model, search, duplicate, rename, delete with undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from dzp_planner.core import templates
from dzp_planner.core.library import PlanLibrary
from dzp_planner.gui.library_dialog import LibraryDialog
from dzp_planner.gui.library_table_model import LibraryTableModel


def _library_with_two_plans() -> tuple[PlanLibrary, list[str]]:
    library = PlanLibrary()
    ids = []
    for template_id in ("mono-boc-protection", "reductive-mono-alkylation"):
        plan = templates.plan_from_template(template_id)
        library.save(plan)
        ids.append(plan.plan_id)
    return library, ids


def test_table_model_passes_qt_model_checks(qtmodeltester, data_home):
    library, _ = _library_with_two_plans()
    model = LibraryTableModel(library)
    model.reload("")
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    titles = {model.index(row, 1).data() for row in range(2)}
    assert titles == {t.title for t in templates.guide_templates().values()}
    library.close()


def test_search_duplicate_rename_delete_and_undo(qtbot, data_home, monkeypatch):
    library, ids = _library_with_two_plans()
    dialog = LibraryDialog(library, None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.searchEdit, "Reductive")
    assert dialog.model.rowCount() == 1
    dialog.searchEdit.clear()
    assert dialog.model.rowCount() == 2

    dialog._select_plan(ids[0])
    qtbot.mouseClick(dialog.duplicateButton, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 3
    copy_id = dialog.selected_plan_id()
    assert copy_id not in ids

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Boc, 20 g scale", True))
    qtbot.mouseClick(dialog.renameButton, Qt.MouseButton.LeftButton)
    assert library.load(copy_id).title == "Boc, 20 g scale"

    qtbot.mouseClick(dialog.deleteButton, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 2 and not library.contains(copy_id)
    assert dialog.undoDeleteButton.isEnabled()
    qtbot.mouseClick(dialog.undoDeleteButton, Qt.MouseButton.LeftButton)
    assert library.load(copy_id).title == "Boc, 20 g scale"
    assert dialog.selected_plan_id() == copy_id
    library.close()
