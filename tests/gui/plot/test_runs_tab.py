"""Recording a trial in the GUI fits k2/k1, draws the runs over the model, and undoes as one step."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from tests.closed_form import exact_point

from dzp_planner.gui.plot.panel import TAB_KEYS
from dzp_planner.gui.plot.runs_model import KEYS


def _type(qtbot, view, row: int, key: str, text: str) -> None:
    index = view.model().index(row, KEYS.index(key))
    view.setCurrentIndex(index)  # opens the cell's editor (edit trigger CurrentChanged); a double-click if not
    if not [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]:
        view.edit(index)
    editors = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]  # not one closing after the last edit
    assert editors, "no cell editor opened"
    editor = editors[0]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the editor is closed and may be deleted by then (a deleted one cannot be asked isVisible)
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible(), timeout=2000)


def test_a_run_typed_in_the_runs_tab_fits_k2_k1_and_is_drawn(main_window, qtbot):
    panel = main_window.distribution_panel  # the sample plan: the parent diamine, k2/k1 assumed 0.5
    main_window.resize(1500, 950)
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.distributionPanel.raise_()
    before = main_window.controller.plan.model.k2_k1
    panel.tabs.setCurrentIndex(TAB_KEYS.index("runs"))
    runs = panel.runs
    qtbot.mouseClick(runs.add_button, Qt.MouseButton.LeftButton)
    s, m, b = exact_point(0.8, 2.0)
    for key, value in (("equiv", "0.8"), ("sm", f"{s * 100:.4f}"), ("mono", f"{m * 100:.4f}"), ("bis", f"{b * 100:.4f}")):
        _type(qtbot, runs.table, 0, key, value)
    model = main_window.controller.plan.model
    assert model.k2_k1 == pytest.approx(2.0, rel=0.01) and model.k2_k1_source == "fitted"
    assert "fitted from 1 run" in runs.fit_label.text() and "Most mono: charge 0.75 equiv" in runs.fit_label.text()
    panel.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: panel.host.artists is not None and panel.host.artists.observed_key != "", timeout=10000)
    assert "(fitted, 1 run)" in panel.host.artists.title.get_text()
    assert panel.r_spin.value() == pytest.approx(2.0, rel=0.01)
    panel.tabs.setCurrentIndex(TAB_KEYS.index("runs"))
    _type(qtbot, runs.table, 0, "rf_mono", "0")  # a response factor of 0 is refused where it was typed
    assert "greater than 0" in runs.message.text() and main_window.controller.plan.results[0].rf_mono == 1.0
    stack = main_window.controller.undo_stack
    while main_window.controller.plan.results:
        stack.undo()
    assert main_window.controller.plan.model.k2_k1 == before and main_window.controller.plan.model.k2_k1_source == "assumed"


def test_the_runs_and_the_fit_are_in_the_pdf(main_window, tmp_path):
    from dzp_planner.core.document import plan_edits
    from dzp_planner.core.document.plan import TrialRun
    from dzp_planner.gui.report.report import export_plan_pdf

    plan = main_window.controller.plan
    s, m, b = exact_point(1.1, 0.3)
    plan.set_sections(plan_edits.result_changes(plan, [TrialRun(equiv=1.1, sm=s, mono=m, bis=b, date="2026-11-29")]))
    out = tmp_path / "runs.pdf"
    export_plan_pdf(plan, out)
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    text = text.replace("\ufb01", "fi")  # the PDF sets "fi" as a ligature
    assert "Measured runs" in text and "fitted from 1 run" in text and "2026-11-29" in text


def test_a_measured_k2_k1_is_offered_to_a_new_plan_of_the_same_pair(main_window, qtbot):
    from tests.gui.document.test_plan_follows_substrate import choose_tree, type_substrate

    from dzp_planner.core.document.plan import TrialRun
    from dzp_planner.gui.library.library_dialog import LibraryDialog

    window = main_window  # the sample: 1,4-diazepane + Boc2O, mono-Boc protection
    runs = window.distribution_panel.runs
    measured = [TrialRun(equiv=e, sm=s, mono=m, bis=b) for e in (0.7, 1.2) for s, m, b in [exact_point(e, 0.35)]]
    runs.model.record(measured, "Record runs")
    assert window.controller.plan.model.k2_k1_source == "fitted"
    first_title = window.controller.plan.title
    window.library.save(window.controller.plan)
    dialog = LibraryDialog(window.library, window.documents, window)
    qtbot.addWidget(dialog)
    listed = dialog.show_measured()
    table = listed.findChild(type(dialog.planTable), "measuredTable")
    assert table.model().rowCount() == 1 and table.model().index(0, 3).data() == "0.35"
    window.documents.new_plan()
    assert window.controller.plan.model.k2_k1 == 0.5  # a new plan assumes, until it knows its pair
    type_substrate(window, qtbot, "C1CNCCNC1")
    choose_tree(window, "regioselectivity")
    assert window.decision_panel.result.recommendation.id == "desymmetrise"  # mono-Boc with the pH switch
    qtbot.mouseClick(window.decision_panel.apply_button, Qt.MouseButton.LeftButton)
    model = window.controller.plan.model
    assert model.k2_k1 == pytest.approx(0.35, rel=0.005) and model.k2_k1_source == "measured"
    assert first_title in model.k2_k1_note
    window.distribution_panel.tabs.setCurrentIndex(0)
    window.distribution_panel.refresh()
    assert "(measured)" in window.distribution_panel.host.artists.title.get_text()
    window.documents.new_from_template("mono-boc-protection")  # File ▸ New from template: the same pair
    assert window.controller.plan.model.k2_k1_source == "measured"
    window.documents.new_from_template("reductive-mono-alkylation")  # another electrophile and reaction
    assert window.controller.plan.model.k2_k1_source == "assumed"


def test_a_plan_opened_from_a_file_is_offered_the_measured_k2_k1_not_given_it(main_window, qtbot, tmp_path):
    from dzp_planner.core.document.plan import TrialRun
    from dzp_planner.core.guidance import templates
    from dzp_planner.core.io import storage

    window = main_window  # the sample: 1,4-diazepane + Boc2O
    older = templates.plan_from_template("mono-boc-protection")  # written before anything was measured
    storage.save_plan(older, tmp_path / "older.dzp")
    measured = [TrialRun(equiv=e, sm=s, mono=m, bis=b) for e in (0.7, 1.2) for s, m, b in [exact_point(e, 0.35)]]
    window.distribution_panel.runs.model.record(measured, "Record runs")
    window.library.save(window.controller.plan)
    window.controller.undo_stack.setClean()
    said: list[str] = []
    window.documents.statusMessage.connect(said.append)
    assert window.documents.open_path(tmp_path / "older.dzp")
    assert "the library has one measured 0.35" in said[-1] and "Use the measured k2/k1" in said[-1]
    plan = window.controller.plan
    assert (plan.model.k2_k1, plan.model.k2_k1_source) == (0.5, "assumed")  # opening changes nothing
    runs = window.distribution_panel.runs
    runs.show_fit()
    assert not runs.use_measured.isHidden()
    assert "The library has one for this substrate and electrophile: measured 0.35" in runs.fit_label.text()
    qtbot.mouseClick(runs.use_measured, Qt.MouseButton.LeftButton)
    model = window.controller.plan.model
    assert model.k2_k1 == pytest.approx(0.35, rel=0.005) and model.k2_k1_source == "measured"
    runs.show_fit()
    assert runs.use_measured.isHidden()
    window.controller.undo_stack.undo()  # one undoable step
    assert window.controller.plan.model.k2_k1_source == "assumed"
    runs.show_fit()
    assert not runs.use_measured.isHidden()


def test_a_run_is_typed_cell_after_cell_with_tab_and_enter(main_window, qtbot):
    """Issue 25: the runs table needed a double-click per cell; now Add run opens SM, Tab and Enter move on."""
    panel = main_window.distribution_panel
    main_window.resize(1500, 950)
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.distributionPanel.raise_()
    panel.tabs.setCurrentIndex(TAB_KEYS.index("runs"))
    runs = panel.runs
    qtbot.mouseClick(runs.add_button, Qt.MouseButton.LeftButton)

    def editor():
        found = [e for e in runs.table.viewport().findChildren(QLineEdit) if e.isVisible()]
        return found[0] if found else None

    for text, key in (("25", Qt.Key.Key_Tab), ("50", Qt.Key.Key_Tab), ("25", Qt.Key.Key_Return)):
        qtbot.waitUntil(lambda: editor() is not None, timeout=3000)
        field = editor()
        field.selectAll()
        qtbot.keyClicks(field, text)
        qtbot.keyClick(field, key)
    qtbot.waitUntil(lambda: main_window.controller.plan.results and main_window.controller.plan.results[0].bis == 25.0, timeout=3000)
    run = main_window.controller.plan.results[0]
    assert (run.sm, run.mono, run.bis) == (25.0, 50.0, 25.0)
    assert runs.table.currentIndex().column() == KEYS.index("rf_sm")  # Enter moved on to the next cell


def test_a_long_note_is_elided_in_its_cell(main_window):
    """Issue 25: eight runs with 100 k-character notes held the window ~1 s; the cell shows the start."""
    from PySide6.QtCore import Qt

    from dzp_planner.core.document.plan import TrialRun
    from dzp_planner.gui.plot.runs_model import SHOWN_CHARACTERS

    runs = [TrialRun(equiv=1.0, sm=25.0, mono=50.0, bis=25.0, note="n" * 100_000) for _ in range(8)]
    main_window.controller.edit("results", runs, "runs")
    model = main_window.distribution_panel.runs.model
    cell = model.index(0, KEYS.index("note"))
    shown = model.data(cell, Qt.ItemDataRole.DisplayRole)
    assert shown.endswith("…") and len(shown) == SHOWN_CHARACTERS + 1
    assert len(model.data(cell, Qt.ItemDataRole.EditRole)) == 100_000  # the editor has it whole
