"""The main window: panels, menus, title, undo/redo, files, and window state."""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMessageBox, QWidget

from dzp_planner.core.guidance import templates
from dzp_planner.core.io import plan_format, storage


def test_panels_have_the_documented_object_names(main_window):
    assert main_window.centralWidget().findChild(QWidget, "structurePanel") is main_window.structure_panel
    for name, title in (("decisionPanel", "Decisions"), ("stoichiometryPanel", "Stoichiometry"), ("distributionPanel", "Product distribution")):
        dock = main_window.findChild(QDockWidget, name)
        assert dock is not None and dock.windowTitle() == title
        assert dock.toggleViewAction() in main_window.menuView.actions()


def test_menus_carry_the_usual_shortcuts(main_window):
    def action(name: str) -> QAction:
        found = main_window.findChild(QAction, name)
        assert found is not None, name
        return found

    assert action("actionSave").shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert action("actionOpen").shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert action("actionUndo").shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert QKeySequence("Ctrl+Shift+Z") in action("actionRedo").shortcuts()
    titles = [a.text() for a in main_window.menuNewFromTemplate.actions()]
    assert {t.title for t in templates.guide_templates().values()} == set(titles)


def test_title_shows_plan_name_and_modified_marker(main_window):
    assert main_window.windowTitle().startswith("Mono-Boc protection of 1,4-diazepane")
    assert not main_window.isWindowModified()
    meta = main_window.controller.plan.get_section("meta")
    meta["title"] = "Scale-up run 3"
    main_window.controller.edit("meta", meta, "Rename plan")
    assert main_window.windowTitle().startswith("Scale-up run 3")
    assert main_window.isWindowModified()


def test_undo_and_redo_of_a_plan_edit_through_the_menu_actions(main_window):
    controller = main_window.controller
    model = controller.plan.get_section("model")
    model.k2_k1 = 2.0
    controller.edit("model", model, "Set k2/k1")
    undo = main_window.findChild(QAction, "actionUndo")
    redo = main_window.findChild(QAction, "actionRedo")
    assert undo.text() == "&Undo Set k2/k1"
    undo.trigger()
    assert controller.plan.model.k2_k1 == 0.5
    redo.trigger()
    assert controller.plan.model.k2_k1 == 2.0


def test_save_as_then_open_round_trip(main_window, tmp_path, monkeypatch):
    target = tmp_path / "run1"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "DZP plans (*.dzp)"))
    meta = main_window.controller.plan.get_section("meta")
    meta["author"] = "R. Chemist"
    main_window.controller.edit("meta", meta, "Author")
    assert main_window.documents.save()
    saved = tmp_path / "run1.dzp"
    assert json.loads(saved.read_text())["author"] == "R. Chemist"
    assert not main_window.isWindowModified()
    assert main_window.library.contains(main_window.controller.plan.plan_id)
    main_window.documents.new_plan()
    assert main_window.controller.plan.substrate_smiles == ""
    assert main_window.documents.open_path(saved)
    assert main_window.controller.plan.author == "R. Chemist"
    assert main_window.controller.file_path == saved
    assert main_window.menuOpenRecent.actions()[0].statusTip() == str(saved.resolve())


def test_opening_a_bad_file_keeps_the_plan_and_the_file(main_window, tmp_path, dialogs):
    bad = tmp_path / "newer.dzp"
    raw = plan_format.plan_to_dict(templates.plan_from_template("reductive-mono-alkylation"))
    raw["version"] = 42
    data = json.dumps(raw).encode()
    bad.write_bytes(data)
    before = main_window.controller.plan.title
    assert not main_window.documents.open_path(bad)
    assert main_window.controller.plan.title == before
    assert bad.read_bytes() == data
    [(kind, text)] = dialogs
    assert kind == "warning" and "newer DZP Planner" in text


def test_unsaved_changes_are_asked_about(main_window, monkeypatch):
    main_window.controller.edit("notes", "something typed", "Notes")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    main_window.documents.new_plan()
    assert main_window.controller.plan.notes == "something typed"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    main_window.documents.new_plan()
    assert main_window.controller.plan.notes == ""


def test_window_geometry_and_dock_layout_are_restored(qtbot, data_home):
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.platformName() == "offscreen":
        pytest.skip("the offscreen platform's 800x600 screen clamps restored sizes; CI runs this under Xvfb")
    from dzp_planner.core.io.library import PlanLibrary
    from dzp_planner.gui.document.plan_controller import PlanController
    from dzp_planner.gui.main_window import MainWindow

    library = PlanLibrary()
    first = MainWindow(PlanController(), library)
    qtbot.addWidget(first)
    first.resize(1111, 777)
    first.show()
    first.distributionPanel.hide()
    first.close()
    second = MainWindow(PlanController(), library)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (1111, 777)
    assert second.distributionPanel.isHidden()
    second.reset_layout()
    assert not second.distributionPanel.isHidden()
    second.close()
    library.close()


def test_first_start_opens_the_sample_plan(qtbot, data_home):
    from dzp_planner.core.io.library import PlanLibrary
    from dzp_planner.gui.document.plan_controller import PlanController
    from dzp_planner.gui.main_window import MainWindow

    library = PlanLibrary()
    window = MainWindow(PlanController(), library)
    qtbot.addWidget(window)
    window.open_initial_plan(None)
    plan = window.controller.plan
    assert plan.template_id == "mono-boc-protection"
    assert [c.name for c in plan.components] == ["1,4-Diazepane", "Boc2O", "DCM", "DCM for the Boc2O"]
    library.close()


def test_plan_file_on_the_command_line_is_opened(qtbot, data_home, tmp_path):
    from dzp_planner.core.io.library import PlanLibrary
    from dzp_planner.gui.document.plan_controller import PlanController
    from dzp_planner.gui.main_window import MainWindow

    path = tmp_path / "cli.dzp"
    storage.save_plan(templates.plan_from_template("reductive-mono-alkylation"), path)
    library = PlanLibrary()
    window = MainWindow(PlanController(), library)
    qtbot.addWidget(window)
    window.open_initial_plan(str(path))
    assert window.controller.plan.template_id == "reductive-mono-alkylation"
    assert window.controller.file_path == path
    library.close()


def test_export_pdf_from_the_file_menu(main_window, qtbot, tmp_path, monkeypatch):
    import shutil

    if shutil.which("pdfinfo") is None:
        pytest.skip("needs poppler-utils")
    target = tmp_path / "report"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    main_window.findChild(QAction, "actionExportPdf").trigger()  # the window stays live: the export runs in its own process
    qtbot.waitUntil(lambda: not main_window._pdf_exporter.busy(), timeout=60000)
    pdf = tmp_path / "report.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert "Exported" in main_window.statusBar().currentMessage()


def test_pdf_page_size_preference(main_window):
    from dzp_planner.gui.document import settings as app_settings

    main_window.findChild(QAction, "actionPageLetter").trigger()
    assert app_settings.page_size(main_window.settings) == "Letter"


def test_unopenable_plan_on_the_command_line_is_reported_once_the_sample_shows(qtbot, data_home, tmp_path, dialogs):
    from dzp_planner.core.io.library import PlanLibrary
    from dzp_planner.gui.document.plan_controller import PlanController
    from dzp_planner.gui.main_window import MainWindow

    path = tmp_path / "half.dzp"
    path.write_bytes(b'{"format": "dzp-plan", "version": 2, "title": "Run 8')
    library = PlanLibrary()
    window = MainWindow(PlanController(), library)
    qtbot.addWidget(window)
    window.open_initial_plan(str(path))
    assert window.controller.plan.template_id == "mono-boc-protection" and window.controller.file_path is None
    assert dialogs == []  # not over panels that are still empty
    window.populate_panels()
    assert len(dialogs) == 1
    kind, text = dialogs[0]
    assert kind == "warning" and "half.dzp is not valid JSON" in text and "truncated" in text
    assert "opened its sample plan instead" in text and "still open" not in text
    assert path.read_bytes() == b'{"format": "dzp-plan", "version": 2, "title": "Run 8'
    window.populate_panels()  # populated already: nothing is reported twice
    assert len(dialogs) == 1
    library.close()


def test_the_window_fits_a_1366_x_768_laptop_screen(main_window):
    """768 px less a 40 px taskbar and a 30 px title bar leave 698 px for the window."""
    hint = main_window.minimumSizeHint()
    assert hint.height() <= 698 and hint.width() <= 1366, hint


def test_pint_loads_once_the_panels_are_on_screen(qtbot, data_home, monkeypatch):
    """Not before (its import would hold up the first table), and on its own thread; the
    garbage collector's start-up objects are frozen at the same moment."""
    import gc

    from dzp_planner.core.io.library import PlanLibrary
    from dzp_planner.core.quantities import unit_registry
    from dzp_planner.gui.document.plan_controller import PlanController
    from dzp_planner.gui.main_window import MainWindow

    gc.unfreeze()  # another window of this test process may have frozen it already
    started: list[bool] = []
    monkeypatch.setattr(unit_registry, "load_in_background", lambda: started.append(window._populated))
    library = PlanLibrary()
    window = MainWindow(PlanController(), library)
    qtbot.addWidget(window)
    window.documents.open_sample()
    assert started == []
    window.populate_panels()
    # after matplotlib's background import, when one runs (their imports would share the GIL)
    qtbot.waitUntil(lambda: started == [True], timeout=30000)
    assert gc.get_freeze_count() > 0  # the start-up's objects are out of the full collections
    monkeypatch.undo()
    unit_registry.load_in_background()
    assert unit_registry.wait_installed(60)
    window.documents.autosave_timer.stop()
    window.controller.undo_stack.setClean()
    library.close()
