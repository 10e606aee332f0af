"""The stoichiometry panel: typing into cells recomputes the row, bad input is refused, scaling.

Expected values by hand: MW(C5H12N2) = 5·12.011 + 12·1.008 + 2·14.007 = 100.161 (RDKit 100.165
with its own atomic weights); MW(Boc2O, C10H18O5) = 218.25; benzaldehyde C7H6O = 106.12.
"""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from dzp_planner.core.guidance import templates
from dzp_planner.gui.document.plan_controller import PlanController
from dzp_planner.gui.stoich.dilution_dialog import DilutionDialog
from dzp_planner.gui.stoich.stoich_panel import StoichiometryPanel
from dzp_planner.gui.stoich.stoich_table_model import KEYS, StoichTableModel


def _panel(qtbot, template="mono-boc-protection") -> StoichiometryPanel:
    panel = StoichiometryPanel(PlanController(templates.plan_from_template(template)))
    qtbot.addWidget(panel)
    panel.resize(1300, 360)
    panel.show()
    panel.refresh()
    return panel


def cell(panel, row: int, key: str) -> str:
    return panel.model.index(row, KEYS.index(key)).data()


def test_model_passes_qt_checks(qtmodeltester):
    qtmodeltester.check(StoichTableModel(PlanController(templates.plan_from_template("reductive-mono-alkylation"))))


def test_protocol_2_as_written(qtbot):
    panel = _panel(qtbot)
    assert cell(panel, 0, "mmol") == "49.9 mmol"  # 5.0 g / 100.165 g/mol = 49.92 mmol
    assert cell(panel, 1, "mmol") == "24.7 mmol"  # 5.4 g / 218.25 = 24.74 mmol
    assert cell(panel, 1, "equiv") == "0.496 equiv"
    assert "0.499 M" in panel.summary.text()  # 49.92 mmol / 100 mL
    assert "50 mL/h" in panel.summary.text() and "0.833 mL/min" in panel.summary.text()


def _type(qtbot, panel, row: int, key: str, text: str) -> None:
    index = panel.model.index(row, KEYS.index(key))
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    editor = panel.table.viewport().findChild(QLineEdit)
    assert editor is not None, "no cell editor opened"
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible(), timeout=2000)  # closed, maybe deleted
    qtbot.wait(20)  # Qt commits the edit through a queued call


def test_typing_a_mass_recomputes_the_row_and_is_undoable(qtbot):
    panel = _panel(qtbot)
    _type(qtbot, panel, 1, "mass_g", "5.456 g")
    assert panel.controller.plan.components[1].quantity == "5.456 g"
    assert cell(panel, 1, "mmol") == "25.0 mmol"  # 5.456 / 218.25 = 25.00
    assert cell(panel, 1, "equiv") == "0.501 equiv"
    panel.controller.undo_stack.undo()
    assert cell(panel, 1, "mmol") == "24.7 mmol"


def test_typing_the_limiting_amount_rescales_the_table(qtbot):
    panel = _panel(qtbot, "reductive-mono-alkylation")
    _type(qtbot, panel, 0, "mmol", "4.0 mmol")
    assert cell(panel, 1, "mmol") == "3.60 mmol"  # benzaldehyde stays 0.9 equiv
    assert cell(panel, 1, "mass_g") == "382 mg"  # 3.6 mmol × 106.12 = 382.0 mg
    assert cell(panel, 4, "volume_ml") == "40.0 mL"  # DCE at 0.1 M: 4.0 mmol / 0.1 M


@pytest.mark.parametrize("bad, fragment", [
    ("5 m", "'m' is a length (metres)"),  # a unit of the wrong kind is named as such
    ("abc", "type a number and a unit such as 5 g"),
    ("-5 g", "a mass must be positive"),
    ("10**10**10 g", "no arithmetic"),  # refused by the grammar, never evaluated
])
def test_bad_entries_are_refused_with_a_message(qtbot, bad, fragment):
    panel = _panel(qtbot)
    before = panel.controller.plan.components[1].quantity
    _type(qtbot, panel, 1, "mass_g", bad)
    assert panel.controller.plan.components[1].quantity == before
    message = panel.message.text()
    assert message.startswith(f"Boc2O, Mass: '{bad}'") and fragment in message, message


def test_choosing_a_reagent_by_name_fills_structure_and_density(qtbot):
    panel = _panel(qtbot, "reductive-mono-alkylation")
    panel.model.setData(panel.model.index(1, KEYS.index("name")), "benzyl bromide")
    row = panel.controller.plan.components[1]
    assert row.smiles and row.density == pytest.approx(1.44)


def test_scale_field(qtbot):
    panel = _panel(qtbot, "reductive-mono-alkylation")
    panel.scale_edit.setText("1.0 mmol")
    panel.scale()
    assert panel.controller.plan.components[0].quantity == "1.0 mmol"
    assert cell(panel, 3, "mass_g") == "318 mg"  # STAB 1.5 mmol × 211.94 = 317.9 mg


def test_procedure_shows_amounts_and_corrections(qtbot):
    panel = _panel(qtbot)
    text = panel.procedure.toPlainText()
    assert "1,4-diazepane (5 g, 49.9 mmol)" in text
    assert "Correction" in text and "not 11" in text


def test_dilution_dialog(qtbot):
    dialog = DilutionDialog()
    qtbot.addWidget(dialog)
    dialog.c1Edit.setText("1 M")
    dialog.v1Edit.setText("10 mL")
    dialog.c2Edit.setText("0.1 M")
    assert "0.1 M × 100 mL" in dialog.resultLabel.text() and "<b>90 mL</b>" in dialog.resultLabel.text()
    dialog.c2Edit.setText("2 M")
    assert "b00020" in dialog.resultLabel.text()


def test_user_reagent_is_saved_and_found_by_name(qtbot, data_home):
    from dzp_planner.core.document.plan import Component

    panel = _panel(qtbot, "mono-boc-protection")
    panel.model.insert_row(3, Component(name="Amine X-17", role="reagent", smiles="NCCc1ccccc1", quantity="1.0 equiv", density=0.96))
    panel.table.setCurrentIndex(panel.model.index(3, 1))
    panel.save_as_user_reagent()
    assert (data_home / "reagents.sqlite").exists()
    rows = panel.controller.plan.get_section("components")
    rows[3].name, rows[3].smiles, rows[3].density = "placeholder", "", None
    panel.controller.edit("components", rows, "reset")
    panel.model.setData(panel.model.index(3, KEYS.index("name")), "amine x-17")
    row = panel.controller.plan.components[3]
    assert (row.name, row.smiles, row.density) == ("Amine X-17", "NCCc1ccccc1", 0.96)


def test_a_solution_typed_by_mass_per_volume_shows_as_molar(qtbot):
    panel = _panel(qtbot, "reductive-mono-alkylation")
    row = next(i for i, c in enumerate(panel.controller.plan.components) if c.name == "STAB")
    _type(qtbot, panel, row, "concentration", "25 mg/mL")
    assert panel.controller.plan.components[row].concentration == pytest.approx(25.0 / 211.94, rel=1e-3)  # g/L ÷ g/mol
    assert cell(panel, row, "concentration") == "0.118 M"


def test_a_resin_typed_by_its_loading_is_weighed_as_the_resin(qtbot):
    panel = _panel(qtbot, "reductive-mono-alkylation")
    plan = panel.controller.plan
    row = next(i for i, c in enumerate(plan.components) if c.name == "STAB")
    equiv = plan.components[row].quantity
    _type(qtbot, panel, row, "concentration", "2.3 mmol/g")  # as if MP-triacetoxyborohydride
    assert panel.controller.plan.components[row].loading == 2.3
    assert cell(panel, row, "concentration") == "2.3 mmol/g"
    limiting = panel.model.table.limiting_mmol
    wanted = float(equiv.split()[0]) * limiting / 2.3  # g of resin = equiv × mmol / (mmol/g)
    assert panel.model.table.rows[row].mass_g == pytest.approx(wanted, rel=1e-9)
    assert cell(panel, row, "volume_ml") == ""
    panel.controller.undo_stack.undo()
    assert panel.controller.plan.components[row].loading is None


def test_the_addition_is_set_by_a_rate_typed_under_the_table(qtbot):
    panel = _panel(qtbot)  # Protocol 2: Boc2O (0.496 equiv) added over 1 h
    controller = panel.controller
    editor = panel.addition
    assert editor is not None
    assert editor.component.currentText() == "Boc2O" and editor.time.text() == "1 h"
    assert editor.volume.placeholderText() == "50 mL (its solution row)"
    editor.time.setFocus()
    editor.time.selectAll()
    qtbot.keyClicks(editor.time, "0.25 equiv/h")
    qtbot.keyClick(editor.time, Qt.Key.Key_Return)
    assert controller.plan.addition.time == "0.25 equiv/h"
    equiv = panel.model.table.rows[1].equiv
    assert panel.model.table.addition.time_s == pytest.approx(equiv / 0.25 * 3600.0)  # equiv / (equiv/h)
    assert editor.result.text() == "takes 1.98 h"
    assert "0.25 equiv/h" in panel.summary.text()
    editor.time.clearFocus()
    controller.undo_stack.undo()  # the rate goes, the hour comes back, in the field too
    assert (controller.plan.addition.time, editor.time.text()) == ("1 h", "1 h")
    controller.undo_stack.redo()
    assert editor.time.text() == "0.25 equiv/h"
    editor.time.setFocus()
    editor.time.selectAll()
    qtbot.keyClicks(editor.time, "5 g")
    qtbot.keyClick(editor.time, Qt.Key.Key_Return)
    assert "is a mass; type a time" in panel.message.text()
    assert controller.plan.addition.time == "0.25 equiv/h"  # the refused text changed nothing
    assert editor.time.styleSheet()  # and the field is marked
