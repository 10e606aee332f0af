"""Issue 24 walked in the real window: the plan follows the chemist's reagent, and the GUI's plan is the `plan` command's."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from tests.gui.document.test_plan_follows_substrate import choose_tree, click_answer, type_substrate

from dzp_planner import cli
from dzp_planner.cli.plans.show import show
from dzp_planner.core.io import storage
from dzp_planner.gui.stoich.stoich_table_model import KEYS

BOC = "CC(C)(C)OC(=O)N1CCCNCC1"
SULFONYL = "O=S(=O)(Cl)c1cccc2cnccc12"


def type_reagent(window, qtbot, smiles: str) -> None:
    edit = window.structure_panel.reagent_edit
    edit.setFocus()
    edit.setText(smiles)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_a_sulfonyl_chloride_typed_into_the_electrophile_row_is_one_undo_step(main_window, qtbot):
    window = main_window
    window.documents.new_plan()
    type_substrate(window, qtbot, BOC)
    choose_tree(window, "alkylation")
    click_answer(window, qtbot, "no")  # only as a halide: direct alkylation with the example, benzyl bromide
    qtbot.mouseClick(window.decision_panel.apply_button, Qt.MouseButton.LeftButton)
    plan = window.controller.plan
    assert plan.reaction_type == "alkylation"
    row = next(i for i, c in enumerate(plan.components) if c.slot == "electrophile")
    model = window.stoich_panel.model
    assert model.setData(model.index(row, KEYS.index("smiles")), SULFONYL, Qt.ItemDataRole.EditRole)
    plan = window.controller.plan
    assert plan.reaction_type == "sulfonylation"
    assert plan.title == "N-Sulfonylation of 1-Boc-1,4-diazepane with isoquinoline-5-sulfonyl chloride"
    assert window.structure_panel.reaction_combo.currentText() == "sulfonylation"
    assert model.index(row, KEYS.index("name")).data() == "Isoquinoline-5-sulfonyl chloride"
    assert not model.index(row, KEYS.index("volume_ml")).data()  # a solid: no volume
    procedure = window.stoich_panel.procedure.toPlainText()
    assert "60 °C" not in procedure and "isoquinoline-5-sulfonyl chloride" in procedure
    assert window.windowTitle().startswith("N-Sulfonylation") or "N-Sulfonylation" in window.windowTitle()
    window.controller.undo_stack.undo()
    assert window.controller.plan.reaction_type == "alkylation" and "benzyl bromide" in window.controller.plan.title


@pytest.mark.parametrize(("reagent", "reaction"), [(SULFONYL, "sulfonylation"), (SULFONYL + ".Cl", "sulfonylation"),
                                                   ("O=C=Nc1ccccc1", "urea"),
                                                   ("OC(=O)c1ccccc1", "amide-coupling"), ("CC(=O)Cl", "acylation")])
def test_the_gui_and_the_plan_command_build_the_same_plan_for_a_reagent(main_window, qtbot, tmp_path, capsys, reagent, reaction):
    window = main_window
    window.documents.new_plan()
    type_substrate(window, qtbot, BOC)
    type_reagent(window, qtbot, reagent)
    assert window.controller.plan.active_tree == "acylation"  # the reagent chose the tree
    qtbot.waitUntil(lambda: window.decision_panel.apply_button.isEnabled())
    qtbot.mouseClick(window.decision_panel.apply_button, Qt.MouseButton.LeftButton)
    gui = show(window.controller.plan)
    assert gui["reaction_type"] == reaction
    out = tmp_path / "cli.dzp"
    assert cli.run(["plan", str(out), "--smiles", BOC, "--reagent", reagent]) == 0
    capsys.readouterr()
    assert show(storage.load_plan(out)) == json.loads(json.dumps(gui))


@pytest.mark.parametrize("choice", [False, True])
def test_apply_after_switching_the_tree_asks_before_the_example_replaces_the_chemists_reagent(main_window, qtbot, monkeypatch, choice):
    """Benzoyl chloride typed, then the alkylation tree chosen by hand (its carbonyl question answered 'no' from
    the reagent: direct alkylation): Apply asks; Cancel keeps the plan, Apply puts in the marked example."""
    from dzp_planner.gui.decisions.decisions_panel import DecisionPanel

    asked: list[str] = []
    monkeypatch.setattr(DecisionPanel, "_replace_reagent", lambda self, why: asked.append(why) or choice)
    window = main_window
    window.documents.new_plan()
    type_substrate(window, qtbot, "CN1CCCNCC1")
    type_reagent(window, qtbot, "O=C(Cl)c1ccccc1")
    title = window.controller.plan.title
    choose_tree(window, "alkylation")
    before = show(window.controller.plan)
    qtbot.mouseClick(window.decision_panel.apply_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "benzoyl chloride" in asked[0].casefold() and "acylation" in asked[0], asked
    plan = window.controller.plan
    if choice:
        row = next(c for c in plan.components if c.slot == "electrophile")
        assert plan.reaction_type == "alkylation"
        assert row.name.casefold() == "benzyl bromide" and "Example reagent" in row.note
    else:
        assert plan.title == title and plan.reagent_smiles == "O=C(Cl)c1ccccc1"
        assert show(plan) == before


def test_the_sample_plans_own_boc2o_gives_way_without_asking(main_window, qtbot, monkeypatch):
    """The sample plan's Boc2O is the template's, not the chemist's: walking another tree and applying does not ask."""
    from dzp_planner.gui.decisions.decisions_panel import DecisionPanel

    asked: list[str] = []
    monkeypatch.setattr(DecisionPanel, "_replace_reagent", lambda self, why: asked.append(why) or False)
    window = main_window
    window.documents.open_sample()
    type_substrate(window, qtbot, "CN1CCCNCC1")
    choose_tree(window, "alkylation")
    qtbot.mouseClick(window.decision_panel.apply_button, Qt.MouseButton.LeftButton)
    assert asked == [] and window.controller.plan.reaction_type == "alkylation"
