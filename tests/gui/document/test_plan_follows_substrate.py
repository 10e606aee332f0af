"""Issue 14 walked as a new user would, in the real window: the plan describes the drawn molecule.

Expected values are derived by hand: MW from conventional atomic weights (C 12.011, H 1.008,
N 14.007, O 15.999, Cl 35.45), [M+H]+ from monoisotopic masses + 1.007276.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from dzp_planner.cli.plans.show import show
from dzp_planner.core.io import storage

MW_BOC = 10 * 12.011 + 20 * 1.008 + 2 * 14.007 + 2 * 15.999  # 200.282
MW_2ME = 6 * 12.011 + 14 * 1.008 + 2 * 14.007  # 114.19


def type_substrate(window, qtbot, smiles: str) -> None:
    edit = window.structure_panel.smiles_edit
    edit.setFocus()
    edit.setText(smiles)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def click_answer(window, qtbot, answer_id: str) -> None:
    button = window.decision_panel.findChild(QPushButton, f"answer_{answer_id}")
    assert button is not None, f"no answer button {answer_id}: {window.decision_panel.question.text()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose_tree(window, tree_id: str) -> None:
    combo = window.decision_panel.tree_combo
    combo.setCurrentIndex(combo.findData(tree_id))
    window.decision_panel._tree_chosen(combo.currentIndex())


def cell(window, row: int, key: str) -> str:
    from dzp_planner.gui.stoich.stoich_table_model import KEYS

    return window.stoich_panel.model.index(row, KEYS.index(key)).data()


def plotted(window, qtbot, smiles: str, model: str):
    """A new reductive-amination plan with `smiles` drawn, its equivalents plot drawn under `model`."""
    window.documents.new_from_template("reductive-mono-alkylation")
    type_substrate(window, qtbot, smiles)
    panel = window.distribution_panel
    panel.tabs.setCurrentIndex(0)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.host.artists is not None and panel.host.artists.model == model, timeout=10000)
    return panel


def test_the_drawn_substrate_drives_the_limiting_row(main_window, qtbot):
    window = main_window
    window.documents.new_from_template("reductive-mono-alkylation")
    type_substrate(window, qtbot, "CC1CNCCCN1")
    assert cell(window, 0, "name") == "2-methyl-1,4-diazepane"
    assert cell(window, 0, "smiles") == "CC1CNCCCN1"
    assert float(cell(window, 0, "mw").split()[0]) == pytest.approx(MW_2ME, abs=0.01)
    assert cell(window, 0, "mmol") == "2.00 mmol"  # the typed amount is kept; the mass follows the MW
    assert "Dissolve 2-methyl-1,4-diazepane (228 mg" in window.stoich_panel.procedure.toPlainText()
    window.controller.undo_stack.undo()  # one step: the drawing and the row together
    assert cell(window, 0, "name") == "1,4-Diazepane" and window.controller.plan.substrate_smiles == "C1CNCCNC1"


def test_apply_on_a_new_plan_shows_the_rows_and_apply_again_leaves_nothing_behind(main_window, qtbot):
    window = main_window
    window.documents.new_plan()
    type_substrate(window, qtbot, "CC(C)(C)OC(=O)N1CCCNCC1")
    choose_tree(window, "alkylation")
    assert [s.node for s in window.decision_panel.result.path] == ["scaffold", "sites"]
    click_answer(window, qtbot, "yes")  # an aldehyde
    assert window.decision_panel.apply_button.isEnabled()
    qtbot.mouseClick(window.decision_panel.apply_button, Qt.MouseButton.LeftButton)
    plan = window.controller.plan
    view = window.stoich_panel.table
    assert view.model().rowCount() == len(plan.components) == 5
    assert view.verticalHeader().count() == 5  # the view knows the rows, not only the model
    assert plan.title == "Reductive amination of 1-Boc-1,4-diazepane with benzaldehyde"
    assert cell(window, 0, "name") == "1-Boc-1,4-diazepane"
    assert float(cell(window, 0, "mw").split()[0]) == pytest.approx(MW_BOC, abs=0.01)
    assert cell(window, 1, "equiv") == "1.2 equiv"  # one site: a slight excess, not the diamine's 0.9
    text = window.stoich_panel.procedure.toPlainText()
    assert "[?" not in text and "291.2067" in text and "191.1543" not in text
    assert window.windowTitle().startswith("Reductive amination of 1-Boc-1,4-diazepane")
    # Module C, RuPhos Pd G3: the reductive amination's rows and text are gone
    choose_tree(window, "buchwald-hartwig")
    for answer in ("no", "no", "none"):  # not activated, not stalled, no sensitive groups (the ring N–H: from the structure)
        click_answer(window, qtbot, answer)
    assert window.decision_panel.result.recommendation.id == "ruphos-naotbu"
    qtbot.mouseClick(window.decision_panel.apply_button, Qt.MouseButton.LeftButton)
    names = [c.name for c in window.controller.plan.components]
    assert names == ["1-Boc-1,4-diazepane", "Aryl halide", "RuPhos Pd G3", "NaOtBu", "Toluene"]
    assert view.verticalHeader().count() == 5
    assert float(cell(window, 2, "mw").split()[0]) == pytest.approx(836.38, abs=0.05)  # the catalyst has its MW
    text = window.stoich_panel.procedure.toPlainText()
    assert "[?" not in text and "STAB" not in text and "DCE" not in text
    assert window.controller.plan.reaction_type == "buchwald-hartwig"
    window.controller.undo_stack.undo()  # Apply is one step
    assert [c.name for c in window.controller.plan.components][3] == "STAB"


def test_a_one_site_substrate_is_plotted_with_no_bis(main_window, qtbot):
    panel = plotted(main_window, qtbot, "CN1CCCNCC1", "one-site")
    assert max(panel.host.artists.bis.get_ydata()) == 0.0
    assert "no bis" in panel.host.artists.title.get_text()
    assert "One reactive N–H" in panel.model_label.text()
    # 0.9 equiv of aldehyde on one site: 10 % SM, 90 % mono
    assert "SM 10% · mono 90%" in panel.host.artists.title.get_text()


def test_three_reactive_amines_are_plotted_as_not_modelled(main_window, qtbot):
    """6-Amino-1,4-diazepane: three nucleophiles; the plot draws no two-site curves and says why."""
    panel = plotted(main_window, qtbot, "NC1CNCCNC1", "many-sites")
    artists = panel.host.artists
    assert len(artists.sm.get_xdata()) == 0 and len(artists.bis.get_ydata()) == 0
    assert "not modelled" in artists.title.get_text() and "SM" not in artists.title.get_text()
    legend = [t.get_text() for lg in artists.sm.axes.figure.legends for t in lg.get_texts()]
    assert not any(word in " ".join(legend) for word in ("SM", "mono", "bis")), legend  # no legend for curves not drawn
    assert "Three or more reactive amines" in panel.model_label.text()
    type_substrate(main_window, qtbot, "C1CNCCNC1")  # back to two sites: curves again
    panel.refresh()
    qtbot.waitUntil(lambda: panel.host.artists is not None and panel.host.artists.model == "two-equivalent-sites", timeout=10000)
    assert len(panel.host.artists.sm.get_xdata()) > 0
    assert "SM (substrate)" in [t.get_text() for lg in panel.host.artists.sm.axes.figure.legends for t in lg.get_texts()]


def test_mixing_inputs_live_in_the_plan(main_window, qtbot, tmp_path):
    panel = main_window.distribution_panel
    panel.tabs.setCurrentIndex(panel.tabs.indexOf(panel.mixing))
    panel.mixing.mixing_time.setValue(12.5)
    panel.mixing.mixing_time.editingFinished.emit()
    assert main_window.controller.plan.model.mixing_time_s == 12.5
    main_window.controller.undo_stack.undo()
    assert main_window.controller.plan.model.mixing_time_s == 1.0 and panel.mixing.mixing_time.value() == 1.0
    main_window.controller.undo_stack.redo()
    path = tmp_path / "mix.dzp"
    storage.save_plan(main_window.controller.plan, path)
    main_window.documents.open_path(path)
    assert panel.mixing.mixing_time.value() == 12.5
    assert panel.mixing.mixing_time.text() == "12.5 s"  # not "12.5000 s"


def test_the_plots_equivalents_override_is_visible_and_clearable(main_window, qtbot):
    window = main_window
    window.documents.new_plan()
    type_substrate(window, qtbot, "C1CNCCNC1")  # a table with the substrate only: no electrophile row
    panel = window.distribution_panel
    panel.show_values()
    panel.equiv_spin.setValue(1.3)
    panel.equiv_spin.editingFinished.emit()
    assert window.controller.plan.model.electrophile_equiv == pytest.approx(1.3)
    assert panel.clear_override.isVisibleTo(panel) and "set here" in panel.equiv_source.text()
    qtbot.mouseClick(panel.clear_override, Qt.MouseButton.LeftButton)
    assert window.controller.plan.model.electrophile_equiv is None and not panel.clear_override.isVisibleTo(panel)


def test_the_gui_and_the_plan_command_build_the_same_plan(main_window, qtbot, tmp_path):
    import subprocess
    import sys

    window = main_window
    window.documents.new_plan()
    type_substrate(window, qtbot, "CC(C)(C)OC(=O)N1CCCNCC1")
    choose_tree(window, "alkylation")
    click_answer(window, qtbot, "yes")
    qtbot.mouseClick(window.decision_panel.apply_button, Qt.MouseButton.LeftButton)
    gui = show(window.controller.plan)
    out = tmp_path / "cli.dzp"
    made = subprocess.run([sys.executable, "-m", "dzp_planner", "plan", str(out), "--smiles", "CC(C)(C)OC(=O)N1CCCNCC1",
                           "--tree", "alkylation", "--answer", "carbonyl-single=yes"], capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    shown = subprocess.run([sys.executable, "-m", "dzp_planner", "show", str(out)], capture_output=True, text=True, timeout=120)
    assert json.loads(shown.stdout) == json.loads(json.dumps(gui))


def test_one_structure_click_reads_the_drawing_a_few_times_not_five(main_window, qtbot, monkeypatch):
    from rdkit import Chem

    from dzp_planner.core.quantities import stoich

    panel = main_window.structure_panel
    panel.refresh()
    reads, tables = [], []
    real_read, real_table = Chem.MolFromMolBlock, stoich.compute_table
    monkeypatch.setattr(Chem, "MolFromMolBlock", lambda *a, **k: reads.append(1) or real_read(*a, **k))
    monkeypatch.setattr(stoich, "compute_table", lambda *a, **k: tables.append(1) or real_table(*a, **k))
    n4 = next(i for i, label in panel.canvas.labels.items() if label == "N4")
    panel.apply_edit("set_element", {"idx": n4, "symbol": "N"})  # a click that changes nothing chemically
    panel.apply_edit("add_atom", {"symbol": "O", "x": 5.0, "y": 5.0})  # a real edit: every panel redraws
    assert len(tables) <= 2  # once per plan state, whichever panels ask (was 4 per edit)
    assert len(reads) <= 6  # per edit: the operation's read, the new drawing, its site analysis (was 5 each)
